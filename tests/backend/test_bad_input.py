"""Bad input gets a 4xx in the error shape and changes nothing."""
import pytest

from tests.backend.factories import ok

BAD_PRODUCT_BODIES = [
    ({"sku": "A", "name": "A", "price": "NaN"}, "price"),
    ({"sku": "A", "name": "A", "price": "Infinity"}, "price"),
    ({"sku": "A", "name": "A", "price": -1}, "price"),
    ({"sku": "A", "name": "A", "price": "1.00001"}, "price"),
    ({"sku": 12, "name": "A"}, "sku"),
    ({"sku": "A", "name": "A", "unit_decimals": "2"}, "unit_decimals"),
    ({"sku": "A", "name": "A", "unit_decimals": 1.0}, "unit_decimals"),
    ({"sku": "A", "name": "x" * 201}, "name"),
    ({"sku": "", "name": "A"}, "sku"),
    ({"name": "A"}, "sku"),
    ({"sku": "A", "name": "A", "surprise": True}, "surprise"),
    ({"sku": "A", "name": "A", "active": "yes please"}, "active"),
    ({"sku": "A", "name": "A", "barcodes": [{"code": "X", "pack_qty": 0}]}, "barcodes.0.pack_qty"),
    ({"sku": "A", "name": "A", "barcodes": [{"code": "X", "pack_qty": 1e12}]}, "barcodes.0.pack_qty"),
]


@pytest.mark.parametrize("body,field", BAD_PRODUCT_BODIES)
def test_invalid_product_is_422_naming_the_field(api, body, field):
    response = api.post("/api/v1/products", body)
    assert response.status_code == 422, response.json
    assert response.json["error"]["field"] == field
    assert ok(api.get("/api/v1/products"))["items"] == []


@pytest.mark.parametrize("raw", ["{bad json", "[1, 2", "", "null", "[]", '"text"'])
def test_malformed_or_non_object_json_is_4xx(api, raw):
    response = api.client.post("/api/v1/products", data=raw, content_type="application/json",
                               headers=api.headers)
    assert 400 <= response.status_code < 500
    assert set(response.json["error"]) >= {"code", "message"}


def test_enormous_body_is_413(api, app):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = api.post("/api/v1/products", {"sku": "A", "name": "A" * 5000})
    assert response.status_code == 413
    assert response.json["error"]["code"] == "request_entity_too_large"


def test_unknown_id_is_404(api):
    assert api.get("/api/v1/warehouses/9999").status_code == 404
    assert api.patch("/api/v1/products/9999", {"name": "x"}).status_code == 404


def test_unknown_route_is_404_in_the_error_shape(api):
    response = api.get("/api/v1/nothing-here")
    assert response.status_code == 404 and "error" in response.json


def test_wrong_method_is_405_in_the_error_shape(api):
    response = api.client.delete("/api/v1/products", headers=api.headers)
    assert response.status_code == 405 and "error" in response.json


def test_unknown_bearer_token_is_401(api):
    response = api.as_user("nobody").get("/api/v1/products")
    assert response.status_code == 401 and response.json["error"]["field"] == "Authorization"


def test_openapi_document_lists_the_routes_and_schemas(api):
    spec = ok(api.get("/api/openapi.json"))
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/products" in spec["paths"]
    assert "ProductIn" in spec["components"]["schemas"]


def test_healthz_reports_the_database(api):
    assert ok(api.get("/healthz")) == {"status": "ok", "database": "ok"}


HUGE = 10**30  # beyond any database integer


@pytest.mark.parametrize("method,path,body", [
    ("get", f"/api/v1/products/{HUGE}", None),
    ("get", f"/api/v1/approvals?after={HUGE}", None),
    ("post", "/api/v1/warehouses", {"code": "W", "name": "W", "id": HUGE}),
    ("post", "/api/v1/sales-orders", {"customer_id": HUGE, "warehouse_id": HUGE,
                                      "lines": [{"product_id": HUGE, "qty_ordered": 1}]}),
])
def test_numbers_beyond_the_databases_integers_are_4xx(api, method, path, body):
    response = getattr(api, method)(path, body) if body is not None else api.get(path)
    assert 400 <= response.status_code < 500, response.json
    assert set(response.json["error"]) >= {"code", "message"}
    assert ok(api.get("/api/v1/warehouses")) == []


@pytest.mark.parametrize("method,path,body,field", [
    ("post", "/api/v1/customers", {"code": "C\u00001", "name": "Nul"}, "code"),
    ("post", "/api/v1/products", {"sku": "A", "name": "A", "description": "a\u0000b"}, "description"),
    ("get", "/api/v1/products?q=%00", None, "q"),
])
def test_nul_characters_are_422_naming_the_field(api, method, path, body, field):
    response = getattr(api, method)(path, body) if body is not None else api.get(path)
    assert response.status_code == 422 and response.json["error"]["field"] == field
    assert ok(api.get("/api/v1/products"))["items"] == []
