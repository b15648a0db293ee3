"""Importing products with their barcodes: the dry run's report, and all-or-nothing writes."""
from tests.backend.factories import ean13, make_product, ok
from tests.backend.imports.conftest import csv_bytes, upload, xlsx_bytes

HEADER = ["sku", "name", "unit", "category", "cost", "price", "barcodes"]


def _bad_check_digit(code):
    return code[:-1] + str((int(code[-1]) + 1) % 10)


def _count(api):
    return len(ok(api.get("/api/v1/products?limit=200"))["items"])


def test_dry_run_reports_each_seeded_problem_at_its_row_and_column(api, problems_of):
    make_product(api, sku="TAKEN", barcodes=[{"code": ean13(9001)}])
    rows = [HEADER,
            ["NEW-1", "Good", "pcs", "Tools", "1.50", "3", ean13(9100)],
            ["TAKEN", "Taken SKU", "pcs", "", "1", "2", ""],
            ["NEW-2", "Bad digit", "pcs", "", "1", "2", _bad_check_digit(ean13(9101))],
            ["NEW-3", "Code in DB", "pcs", "", "1", "2", ean13(9001)],
            ["NEW-4", "Code twice", "pcs", "", "1", "2", ean13(9100)],
            ["NEW-5", "Negative", "pcs", "", "-1", "2", ""],
            ["NEW-1", "SKU twice", "pcs", "", "1", "2", ""],
            ["", "No SKU", "pcs", "", "1", "2", ""],
            ["NEW-6", "Not a number", "pcs", "", "abc", "2", ""]]
    body = ok(upload(api, "products", csv_bytes(rows), dry_run=True))
    assert problems_of(body) == {
        (3, "sku", "duplicate_sku"), (4, "barcodes", "bad_check_digit"),
        (5, "barcodes", "duplicate_barcode"), (6, "barcodes", "duplicate_barcode"),
        (7, "cost", "negative_value"), (8, "sku", "duplicate_sku"),
        (9, "sku", "missing_value"), (10, "cost", "bad_number")}
    assert body["rows"] == 9 and body["imported"] == 0
    assert _count(api) == 1  # a dry run writes nothing


def test_good_file_imports_exactly(api):
    rows = [HEADER, ["A-1", "Alpha", "box", "Tools", "1.25", "2.5", f"{ean13(1)} {ean13(2)}"],
            ["A-2", "Beta 中文", "kg", "", "0", "9.99", ""]]
    body = ok(upload(api, "products", xlsx_bytes(rows), name="p.xlsx"))
    assert body["imported"] == 2 and body["problems"] == []
    items = {p["sku"]: p for p in ok(api.get("/api/v1/products"))["items"]}
    assert items["A-1"]["name"] == "Alpha" and items["A-1"]["unit"] == "box"
    assert items["A-1"]["category"] == "Tools"
    assert {b["code"] for b in items["A-1"]["barcodes"]} == {ean13(1).zfill(14), ean13(2).zfill(14)}
    assert items["A-2"]["name"] == "Beta 中文" and float(items["A-2"]["price"]) == 9.99
    assert ok(api.get(f"/api/v1/lookup?code={ean13(2)}"))["product"]["sku"] == "A-1"


def test_a_file_with_one_problem_imports_nothing(api, problems_of):
    rows = [HEADER, ["B-1", "Fine", "pcs", "", "1", "2", ""],
            ["B-2", "Bad", "pcs", "", "1", "2", _bad_check_digit(ean13(5))]]
    response = upload(api, "products", csv_bytes(rows))
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "import_problems"
    assert problems_of(response.get_json()) == {(3, "barcodes", "bad_check_digit")}
    assert _count(api) == 0


def test_an_import_is_audited(api):
    ok(upload(api, "products", csv_bytes([HEADER, ["C-1", "Audited", "pcs", "", "1", "2", ""]])))
    entries = ok(api.get("/api/v1/audit?target_type=product"))["items"]
    assert any(e["action"] == "imports.create_import" for e in entries)


def test_the_idempotency_key_answers_a_retry_without_importing_twice(api):
    data = csv_bytes([HEADER, ["D-1", "Once", "pcs", "", "1", "2", ""]])
    first = upload(api, "products", data, key="import-once", raw=True)
    again = upload(api, "products", data, key="import-once", raw=True)
    assert first.status_code == again.status_code == 200
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert _count(api) == 1


def test_importing_products_needs_catalog_write(api):
    picker = api.as_user("picker")
    response = upload(picker, "products", csv_bytes([HEADER, ["E-1", "No", "pcs", "", "", "", ""]]))
    assert response.status_code == 403
    assert _count(api) == 0


def test_digits_of_other_scripts_are_a_problem_at_their_cell_not_a_crash(api, problems_of):
    """"²" is a digit to Python's isdigit() but not to int()."""
    rows = [["sku", "name", "unit_decimals"], ["D-1", "Squared", "²"], ["D-2", "Fine", "2"]]
    body = upload(api, "products", csv_bytes(rows), dry_run=True).get_json()
    assert problems_of(body) == {(2, "unit_decimals", "bad_number")}
    assert _count(api) == 0

