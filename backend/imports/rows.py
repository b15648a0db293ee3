"""A file's rows as records of parsed cells, and the report of the problems found, each at its
row and column. Rows are numbered as a spreadsheet shows them: the header is row 1."""
from dataclasses import dataclass

from ..auth.access import may_use
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


def warehouse_of(record, report, actor, warehouses):
    """The id of the row's warehouse (its code in the `warehouse` column), or None after
    reporting it unknown or not the actor's."""
    code = record.values["warehouse"]
    warehouse_id = warehouses.get(code)
    if warehouse_id is None:
        report.add(record.row, "warehouse", "unknown_warehouse", f"No warehouse has the code {code}.")
        return None
    if not may_use(actor, warehouse_id):
        report.add(record.row, "warehouse", "forbidden_warehouse",
                   f"You may not work in warehouse {code}.")
        return None
    return warehouse_id
