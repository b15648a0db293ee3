"""An uploaded spreadsheet as rows of text, or a clear refusal before anything is read into
the database.

Choices, so a user's file gets the same answer every time:
- CSV must be UTF-8 (a UTF-8 BOM is allowed). Anything else (GBK from a Chinese Excel, Latin-1)
  is refused with `not_utf8`: guessing an encoding turns names into mojibake silently.
- XLSX is a zip: its entry count and declared unpacked sizes are checked before openpyxl opens
  it (zipfile never unpacks more than an entry declares), so a zip bomb is refused unread.
- A formula in an XLSX cell is refused (`formula_in_file`, naming the cell): its value is
  whatever the sheet last computed, which openpyxl cannot recompute. CSV cells are always text.
- A cell our exports prefixed with an apostrophe against formula injection ('=x) reads as =x.
"""
import csv
import datetime
import io
import zipfile

from ..errors import ApiError, Invalid

ZIP_MAGIC = b"PK\x03\x04"
MAX_ZIP_ENTRIES = 1000
# A sheet may claim a last column of XFD; openpyxl pads every row up to it. No template has
# more than a dozen columns: cells past this one are not read.
MAX_COLUMNS = 64
MAX_ROWS = 200_000
# OWASP CSV injection: these, and a tab or carriage return a spreadsheet skips before them
INJECTION_START = ("=", "+", "-", "@", "\t", "\r")


def refuse_type(message):
    """415: the file is not a CSV or XLSX spreadsheet."""
    return ApiError(message, field="file", code="not_a_spreadsheet", status=415)


def read_rows(data, unzipped_limit):
    """(header, rows): the first non-empty row's cells and the rows after it, as stripped
    text. Raises 415 not_a_spreadsheet, 422 empty_file, not_utf8, formula_in_file,
    413 file_too_large_unzipped."""
    if not data.strip():
        raise Invalid("The file is empty.", field="file", code="empty_file")
    if data.startswith(ZIP_MAGIC):
        rows = _xlsx_rows(data, unzipped_limit)
    else:
        rows = _csv_rows(data)
    rows = [_trimmed([_text(cell) for cell in row[:MAX_COLUMNS]]) for row in rows]
    rows = [row for row in rows if row]
    if len(rows) > MAX_ROWS + 1:
        raise ApiError(f"The file has more than {MAX_ROWS} rows: split it.", field="file",
                       code="too_many_rows", status=413)
    if not rows:
        raise Invalid("The file has no rows.", field="file", code="empty_file")
    return rows[0], rows[1:]


def _trimmed(row):
    """The row without its empty cells at the end (a sheet pads rows to its widest)."""
    while row and row[-1] == "":
        row.pop()
    return row


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    text = str(value).strip()
    if text[:1] == "'" and text[1:2] in INJECTION_START:
        return text[1:]
    return text


def _csv_rows(data):
    if b"\x00" in data[:4096]:
        raise refuse_type("This is not a CSV or XLSX file.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid("The CSV is not UTF-8 (a GBK or other local encoding?). Save it as "
                      "\"CSV UTF-8\" and try again.", field="file", code="not_utf8") from None
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise Invalid(f"The CSV cannot be read: {error}.", field="file",
                      code="not_a_spreadsheet") from None


def _check_zip(data, unzipped_limit):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise refuse_type("This zip file is damaged, or not an XLSX workbook.") from None
    if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > unzipped_limit:
        raise ApiError(f"This workbook unpacks to more than {unzipped_limit} bytes or "
                       f"{MAX_ZIP_ENTRIES} parts.", field="file",
                       code="file_too_large_unzipped", status=413)
    if "xl/workbook.xml" not in {e.filename for e in entries}:
        raise refuse_type("This zip file is not an XLSX workbook.")


def _xlsx_rows(data, unzipped_limit):
    import openpyxl  # only imports need it

    _check_zip(data, unzipped_limit)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(max_col=MAX_COLUMNS):
            if len(rows) > MAX_ROWS + 1:
                raise ApiError(f"The sheet has more than {MAX_ROWS} rows: split it.",
                               field="file", code="too_many_rows", status=413)
            for cell in row:
                if getattr(cell, "data_type", None) == "f":
                    raise Invalid(f"Cell {cell.coordinate} holds a formula; imports read "
                                  "values only. Paste the values instead.", field="file",
                                  code="formula_in_file")
            rows.append([cell.value for cell in row])
        book.close()
    except (zipfile.BadZipFile, KeyError, ValueError, IndexError, OSError, TypeError):
        raise refuse_type("This XLSX workbook cannot be read.") from None
    return rows
