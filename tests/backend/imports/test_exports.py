"""Exports and templates: the import's own columns, safe to open in a spreadsheet, and an
export imports again into another database as the same data."""
import csv
import io

import openpyxl

from tests.backend.factories import (
    add_stock,
    ean13,
    limited_client,
    make_location,
    make_partner,
    make_product,
    make_warehouse,
    ok,
)


def _csv(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def test_templates_are_the_import_header(api):
    assert _csv(api.get("/api/v1/imports/suppliers/template?format=csv")) == [
        ["code", "name", "email", "phone", "active"]]
    response = api.get("/api/v1/imports/opening_stock/template?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.get_data())).active
    assert [c.value for c in sheet[1]] == ["warehouse", "bin", "sku", "lot", "expiry", "qty",
                                           "unit_cost"]


def test_products_round_trip_through_csv_and_xlsx_into_another_database(api, other_api):
    make_product(api, sku="RT-1", name="Hammer, heavy \"XL\"", category="Tools",
                 barcodes=[{"code": ean13(71)}, {"code": "INTERNAL-7"}], cost="1.2500")
    make_product(api, sku="RT-2", name="=HYPERLINK(\"x\")", unit="kg", unit_decimals=3,
                 tracks_lots=True, active=False, barcodes=[])
    exported = api.get("/api/v1/exports/products?format=csv").get_data()
    assert ok(other_api.post("/api/v1/imports/products", data=exported,
                             content_type="application/octet-stream"))["imported"] == 2
    assert other_api.get("/api/v1/exports/products?format=csv").get_data() == exported
    sheet = openpyxl.load_workbook(io.BytesIO(api.get(
        "/api/v1/exports/products?format=xlsx").get_data())).active
    as_xlsx = [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    assert as_xlsx == _csv(api.get("/api/v1/exports/products"))


def test_partners_and_stock_round_trip(api, other_api):
    make_partner(api, "customers", "C-1", email="c@x.test")
    warehouse = make_warehouse(api, "MAIN")
    bin_a = make_location(api, warehouse, "A-01")
    product = make_product(api, sku="S-1")
    add_stock(api, product, bin_a, 4)
    for path in ("/api/v1/warehouses",):
        ok(other_api.post(path, {"code": "MAIN", "name": "Main"}))
    other_warehouse = ok(other_api.get("/api/v1/warehouses"))[0]
    ok(other_api.post(f"/api/v1/warehouses/{other_warehouse['id']}/locations", {"code": "A-01"}))
    for entity, export in (("customers", "customers"), ("products", "products"),
                           ("opening_stock", "stock")):
        data = api.get(f"/api/v1/exports/{export}?format=xlsx").get_data()
        ok(other_api.post(f"/api/v1/imports/{entity}", data=data,
                          content_type="application/octet-stream"))
        assert (other_api.get(f"/api/v1/exports/{export}").get_data()
                == api.get(f"/api/v1/exports/{export}").get_data())


def test_cells_that_would_run_as_formulas_are_prefixed(api):
    make_partner(api, "suppliers", "S-1", name="=cmd|' /C calc'!A0")
    make_partner(api, "suppliers", "S-2", name="@SUM(1)")
    make_partner(api, "suppliers", "S-3", name="-2+3", phone="+44 1")
    rows = _csv(api.get("/api/v1/exports/suppliers"))
    assert [row[1] for row in rows[1:]] == ["'=cmd|' /C calc'!A0", "'@SUM(1)", "'-2+3"]
    assert rows[3][3] == "'+44 1"
    assert not api.get("/api/v1/exports/suppliers").get_data().startswith(b"\xef\xbb\xbf")


def test_cells_starting_with_a_tab_or_carriage_return_are_prefixed_and_import_again(
        api, other_api):
    """OWASP's list: a spreadsheet skips a leading tab or carriage return and runs the rest."""
    make_partner(api, "suppliers", "S-1", name="\t=cmd|' /C calc'!A0")
    make_partner(api, "suppliers", "S-2", name="\r@SUM(1)")
    rows = _csv(api.get("/api/v1/exports/suppliers"))
    assert [row[1] for row in rows[1:]] == ["'\t=cmd|' /C calc'!A0", "'\r@SUM(1)"]
    sheet = openpyxl.load_workbook(io.BytesIO(api.get(
        "/api/v1/exports/suppliers?format=xlsx").get_data())).active
    assert [row[1][:2] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "'\t", "'\n"]  # XML keeps a lone carriage return as a line feed
    exported = api.get("/api/v1/exports/suppliers").get_data()
    assert ok(other_api.post("/api/v1/imports/suppliers", data=exported,
                             content_type="application/octet-stream"))["imported"] == 2
    names = [s["name"] for s in ok(other_api.get("/api/v1/suppliers"))["items"]]
    assert names == ["\t=cmd|' /C calc'!A0", "\r@SUM(1)"]


def test_exports_of_stock_and_moves_keep_to_the_users_warehouses(api, app):
    mine, other = make_warehouse(api, "MINE"), make_warehouse(api, "OTHER")
    product = make_product(api, sku="P")
    add_stock(api, product, make_location(api, mine, "A-01"), 1)
    add_stock(api, product, make_location(api, other, "A-01"), 2)
    limited = limited_client(api, app, [mine], role="warehouse")
    stock = _csv(limited.get("/api/v1/exports/stock"))
    assert [row[0] for row in stock[1:]] == ["MINE"]
    moves = _csv(limited.get("/api/v1/exports/moves?format=csv"))
    assert {row[2] for row in moves[1:]} == {"MINE"}
    assert {row[0] for row in _csv(api.get("/api/v1/exports/stock"))[1:]} == {"MINE", "OTHER"}


def test_exports_need_the_read_permission(api, app):
    sales = limited_client(api, app, [], role="sales")
    assert sales.get("/api/v1/exports/customers").status_code == 200
    assert sales.get("/api/v1/exports/suppliers").status_code == 403
    assert api.as_user("nobody").get("/api/v1/exports/products").status_code == 401
    assert api.get("/api/v1/exports/planets").status_code == 404
