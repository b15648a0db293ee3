"""The catalog: products, barcodes, look-ups."""
import pytest

from tests.backend.factories import make_product, ok


def test_create_product_returns_201_with_location(api):
    response = api.post("/api/v1/products", {"sku": "TEA-1", "name": "Green tea", "price": "3.20"})
    assert response.status_code == 201
    assert response.headers["Location"] == f"/api/v1/products/{response.json['id']}"
    assert response.json["price"] == 3.2


def test_location_is_under_the_prefix_the_app_is_mounted_at(api):
    response = api.post("/api/v1/products", {"sku": "TEA-1", "name": "Green tea"},
                        base_url="http://localhost/stocktap")
    assert response.headers["Location"] == f"/stocktap/api/v1/products/{response.json['id']}"


@pytest.mark.parametrize("printed", ["036000291452", "0036000291452", "00036000291452"])
def test_upc_a_and_its_ean13_form_find_the_same_product(api, printed):
    product = ok(api.post("/api/v1/products", {"sku": "S", "name": "Soap",
                                              "barcodes": [{"code": "036000291452"}]}))
    found = ok(api.get(f"/api/v1/lookup?code={printed}"))
    assert found["product"]["id"] == product["id"]


def test_pack_barcode_lookup_carries_its_quantity(api):
    product = make_product(api)
    ok(api.post(f"/api/v1/products/{product['id']}/barcodes", {"code": "10012345678902", "pack_qty": 12}))
    found = ok(api.get("/api/v1/lookup?code=10012345678902"))
    assert (found["product"]["id"], found["pack_qty"]) == (product["id"], 12)


def test_lookup_by_sku(api):
    product = make_product(api, sku="BOLT-M6")
    assert ok(api.get("/api/v1/lookup?code=BOLT-M6"))["product"]["id"] == product["id"]


def test_unknown_code_is_404_in_the_error_shape(api):
    response = api.get("/api/v1/lookup?code=4006381333931")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "unknown_code"


def test_barcode_with_wrong_check_digit_is_refused(api):
    response = api.post("/api/v1/products", {"sku": "X", "name": "X", "barcodes": [{"code": "4006381333932"}]})
    assert response.status_code == 422
    assert response.json["error"]["code"] == "bad_check_digit"
    assert ok(api.get("/api/v1/products"))["items"] == []


def test_barcode_of_another_product_is_a_conflict(api):
    make_product(api, barcodes=[{"code": "4006381333931"}])
    response = api.post("/api/v1/products", {"sku": "Y", "name": "Y", "barcodes": [{"code": "04006381333931"}]})
    assert response.status_code == 409
    assert ok(api.get("/api/v1/products"))["items"].__len__() == 1


def test_duplicate_sku_is_a_conflict(api):
    make_product(api, sku="DUP")
    assert api.post("/api/v1/products", {"sku": "DUP", "name": "again"}).status_code == 409


def test_search_by_name_fragment_and_paginate(api):
    for i in range(5):
        make_product(api, sku=f"CUP-{i}", name=f"Coffee cup {i}")
    make_product(api, sku="PLATE", name="Plate")
    first = ok(api.get("/api/v1/products?q=cup&limit=3"))
    second = ok(api.get(f"/api/v1/products?q=cup&limit=3&after={first['next']}"))
    names = [p["name"] for p in first["items"] + second["items"]]
    assert names == [f"Coffee cup {i}" for i in range(5)] and second["next"] is None


def test_patch_changes_only_given_fields(api):
    product = make_product(api, name="Old name", price=5)
    changed = ok(api.patch(f"/api/v1/products/{product['id']}", {"name": "New name"}))
    assert (changed["name"], changed["price"]) == ("New name", 5)


def test_fractional_pack_quantity_of_whole_unit_is_refused(api):
    product = make_product(api)
    response = api.post(f"/api/v1/products/{product['id']}/barcodes", {"code": "CASE-1", "pack_qty": 1.5})
    assert response.status_code == 422 and response.json["error"]["field"] == "pack_qty"


def _low_in(api, warehouse, product, on_hand):
    from tests.backend.factories import add_stock, make_location
    add_stock(api, product, make_location(api, warehouse), on_hand)
    ok(api.put(f"/api/v1/stock/levels/{product['id']}/{warehouse['id']}", {"reorder_point": 10}))


def test_low_stock_lists_only_products_at_or_under_their_reorder_point(api):
    from tests.backend.factories import make_warehouse
    warehouse = make_warehouse(api)
    low, plenty, untracked = make_product(api), make_product(api), make_product(api)
    _low_in(api, warehouse, low, 3)
    _low_in(api, warehouse, plenty, 50)
    listed = ok(api.get("/api/v1/products?low_stock=true"))["items"]
    assert [p["id"] for p in listed] == [low["id"]]
    assert len(ok(api.get("/api/v1/products?low_stock=false"))["items"]) == 3 and untracked


def test_low_stock_counts_only_the_warehouses_the_caller_sees(api, app):
    from tests.backend.factories import limited_client, make_warehouse
    mine, theirs = make_warehouse(api), make_warehouse(api)
    low_here, low_there = make_product(api), make_product(api)
    _low_in(api, mine, low_here, 1)
    _low_in(api, theirs, low_there, 1)
    limited = limited_client(api, app, [mine])
    listed = ok(limited.get("/api/v1/products?low_stock=true"))["items"]
    assert [p["id"] for p in listed] == [low_here["id"]]
