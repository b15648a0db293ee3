"""An unknown barcode met while receiving is attached to the PO's product by a catalog editor."""
from tests.backend.factories import make_location, make_partner, make_product, make_warehouse, ok
from tests.backend.purchasing.factories import PO, make_order, submit

CODE = "4006381333931"


def test_a_catalog_editor_attaches_the_code_and_the_next_scan_receives_by_it(api):
    warehouse, product = make_warehouse(api), make_product(api)
    order = submit(api, make_order(api, make_partner(api, "suppliers"), warehouse, [(product, 5, 1)]))
    assert api.get(f"/api/v1/lookup?code={CODE}").status_code == 404
    ok(api.as_user("boss").post(f"/api/v1/products/{product['id']}/barcodes", {"code": CODE}))
    found = ok(api.as_user("picker").get(f"/api/v1/lookup?code={CODE}"))["product"]
    receipt = ok(api.as_user("picker").post(f"{PO}/{order['id']}/receipts", {"lines": [
        {"product_id": found["id"], "qty": 1, "location_id": make_location(api, warehouse)["id"]}]}))
    assert receipt["lines"][0]["order_line_id"] == order["lines"][0]["id"]


def test_the_floor_staff_without_catalog_write_cannot_attach(api):
    product = make_product(api)
    response = api.as_user("picker").post(f"/api/v1/products/{product['id']}/barcodes",
                                          {"code": CODE})
    assert response.status_code == 403
    assert api.get(f"/api/v1/lookup?code={CODE}").status_code == 404
