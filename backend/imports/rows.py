"""A file's rows as records of parsed cells, and the report of the problems found, each at its
row and column. Rows are numbered as a spreadsheet shows them: the header is row 1."""
from dataclasses import dataclass

from .cells import Problem


@dataclass(frozen=True)
class Column:
    name: str
    parse: object
    required: bool = False


@dataclass
class Record:
    """One row's values by column name, and its row number in the file."""

    row: int
    values: dict


class Report:
    """The problems found, each at its row and column."""

    def __init__(self):
        self.problems = []

    def add(self, row, column, code, message):
        self.problems.append({"row": row, "column": column, "code": code, "message": message})


def parse_rows(columns, header, rows, report):
    """Records of the rows whose cells all parse; each bad cell goes into the report."""
    index = {name: header.index(name) for name in (c.name for c in columns) if name in header}
    records = []
    for number, row in enumerate(rows, start=2):
        values, ok = {}, True
        for column in columns:
            at = index.get(column.name)
            cell = row[at] if at is not None and at < len(row) else ""
            if cell == "":
                if column.required:
                    report.add(number, column.name, "missing_value", "This cell must be filled.")
                    ok = False
                continue
            try:
                values[column.name] = column.parse(cell)
            except Problem as problem:
                report.add(number, column.name, problem.code, problem.message)
                ok = False
        if ok:
            records.append(Record(number, values))
    return records
