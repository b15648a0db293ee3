"""Files an import refuses whole, with a clear 4xx, changing nothing."""
import io
import zipfile

import pytest

from tests.backend.factories import ok
from tests.backend.imports.conftest import csv_bytes, upload, xlsx_bytes

GOOD_ROWS = [["sku", "name"], ["X-1", "Widget"]]


def _products(api):
    return ok(api.get("/api/v1/products"))["items"]


def _zip_bomb():
    """A zip that says it is a workbook and unpacks to 300 MB of zeros (a few hundred KB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            block = b"\0" * (1024 * 1024)
            for _ in range(300):
                sheet.write(block)
    return out.getvalue()


def _many_entries():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for n in range(1500):
            archive.writestr(f"x/{n}", "")
    return out.getvalue()


def _with_formula():
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["sku", "name"])
    sheet.append(["X-1", "=1+2"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


BAD_FILES = {
    "png image": (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, 415, "not_a_spreadsheet"),
    "zip that is no workbook": (None, 415, "not_a_spreadsheet"),
    "zip bomb": (_zip_bomb, 413, "file_too_large_unzipped"),
    "zip with too many entries": (_many_entries, 413, "file_too_large_unzipped"),
    "formula": (_with_formula, 422, "formula_in_file"),
    "gbk csv": ("sku,name\nX-1,扳手\n".encode("gbk"), 422, "not_utf8"),
    "empty file": (b"", 422, "empty_file"),
    "only blank lines": (b"\n,,\n\n", 422, "empty_file"),
    "wrong header": (b"code,title\nX-1,Widget\n", 422, "bad_header"),
    "missing required column": (b"sku,price\nX-1,3\n", 422, "bad_header"),
}


def _plain_zip():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return out.getvalue()


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_is_refused_and_changes_nothing(api, kind):
    data, status, code = BAD_FILES[kind]
    data = _plain_zip() if data is None else data() if callable(data) else data
    response = upload(api, "products", data)
    assert response.status_code == status, response.get_json()
    assert response.get_json()["error"]["code"] == code
    assert _products(api) == []


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(app, api):
    app.extensions["settings"].max_import_bytes = 1024
    response = upload(api, "products", csv_bytes(GOOD_ROWS + [["Y", "z" * 2000]]))
    assert response.status_code == 413
    assert _products(api) == []


def test_a_file_of_too_many_rows_is_refused(api):
    response = upload(api, "products", b"sku,name\n" + b"x,y\n" * 200_001, raw=True)
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_many_rows"


def test_an_unknown_entity_is_404_naming_the_entity(api):
    response = upload(api, "planets", csv_bytes(GOOD_ROWS))
    assert response.status_code == 404
    assert response.get_json()["error"]["field"] == "entity"


def test_a_utf8_csv_with_a_bom_and_an_xlsx_read_the_same(api):
    bom = ok(upload(api, "products", "\ufeff".encode() + csv_bytes(GOOD_ROWS), dry_run=True))
    xlsx = ok(upload(api, "products", xlsx_bytes(GOOD_ROWS), name="p.xlsx", dry_run=True))
    assert bom["problems"] == xlsx["problems"] == [] and bom["rows"] == xlsx["rows"] == 1


def test_a_sheet_claiming_16384_columns_reads_only_the_template_columns(api):
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    for row in GOOD_ROWS:
        sheet.append(row)
    sheet.cell(row=2, column=16_000, value="far away")
    out = io.BytesIO()
    book.save(out)
    assert ok(upload(api, "products", out.getvalue(), name="w.xlsx"))["imported"] == 1
