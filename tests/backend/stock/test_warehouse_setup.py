"""Editing warehouses and bins: walking order, deactivation, and audited thresholds."""
from tests.backend.factories import add_stock, limited_client, make_location, make_product, make_warehouse, ok


def locations(api, warehouse):
    return ok(api.get(f"/api/v1/warehouses/{warehouse['id']}/locations"))


def test_a_warehouse_is_renamed_and_deactivated(api):
    warehouse = make_warehouse(api)
    changed = ok(api.patch(f"/api/v1/warehouses/{warehouse['id']}", {"name": "North"}))
    assert (changed["name"], changed["code"], changed["active"]) == ("North", warehouse["code"], True)
    assert ok(api.patch(f"/api/v1/warehouses/{warehouse['id']}", {"active": False}))["active"] is False


def test_a_warehouse_holding_stock_is_not_deactivated(api):
    warehouse, product = make_warehouse(api), make_product(api)
    add_stock(api, product, make_location(api, warehouse), 2)
    refused = api.patch(f"/api/v1/warehouses/{warehouse['id']}", {"active": False})
    assert refused.status_code == 409
    assert refused.get_json()["error"]["code"] == "warehouse_holds_stock"
    assert ok(api.get(f"/api/v1/warehouses/{warehouse['id']}"))["active"] is True


def test_the_sort_key_sets_the_walking_order(api):
    warehouse = make_warehouse(api)
    first = make_location(api, warehouse, code="A-1")
    make_location(api, warehouse, code="B-1")
    ok(api.patch(f"/api/v1/locations/{first['id']}", {"sort_key": "Z", "zone": "cold"}))
    walk = [l["code"] for l in locations(api, warehouse) if l["kind"] == "bin"]
    assert walk == ["B-1", "A-1"]
    assert next(l for l in locations(api, warehouse) if l["id"] == first["id"])["zone"] == "cold"


def test_a_deactivated_bin_takes_no_stock(api):
    warehouse, product = make_warehouse(api), make_product(api)
    full, empty = make_location(api, warehouse), make_location(api, warehouse)
    add_stock(api, product, full, 5)
    assert ok(api.patch(f"/api/v1/locations/{empty['id']}", {"active": False}))["active"] is False
    refused = api.post("/api/v1/bin-moves", {"product_id": product["id"], "qty": 1,
                                             "from_location_id": full["id"],
                                             "to_location_id": empty["id"]})
    assert refused.status_code == 409
    assert refused.get_json()["error"]["code"] == "location_inactive"
    ok(api.patch(f"/api/v1/locations/{empty['id']}", {"active": True}))
    ok(api.post("/api/v1/bin-moves", {"product_id": product["id"], "qty": 1,
                                      "from_location_id": full["id"], "to_location_id": empty["id"]}))


def test_a_bin_holding_stock_or_a_special_area_is_not_deactivated(api):
    warehouse, product = make_warehouse(api), make_product(api)
    full = make_location(api, warehouse)
    add_stock(api, product, full, 1)
    staging = next(l for l in locations(api, warehouse) if l["kind"] == "staging")
    for location, code in ((full, "location_holds_stock"), (staging, "special_location")):
        refused = api.patch(f"/api/v1/locations/{location['id']}", {"active": False})
        assert (refused.status_code, refused.get_json()["error"]["code"]) == (409, code)


def test_a_barcode_in_use_is_refused(api):
    warehouse = make_warehouse(api)
    one, two = make_location(api, warehouse), make_location(api, warehouse)
    refused = api.patch(f"/api/v1/locations/{two['id']}", {"barcode": one["barcode"]})
    assert (refused.status_code, refused.get_json()["error"]["field"]) == (409, "barcode")


def test_a_bin_label_cannot_take_a_products_code_and_hide_it_from_every_warehouses_scans(
        api, app):
    """A scan finds bins before products: a bin of warehouse A labelled with a product's EAN
    (however written) or SKU would make everyone else's scan of the product a 403."""
    mine, theirs = make_warehouse(api), make_warehouse(api)
    product = make_product(api)
    ean = product["barcodes"][0]["code"].lstrip("0")
    manager = limited_client(api, app, [mine], role="manager")
    clerk = limited_client(api, app, [theirs])
    bin_ = make_location(manager, mine)
    for code in (ean, "0" + ean, product["sku"]):
        refused = manager.patch(f"/api/v1/locations/{bin_['id']}", {"barcode": code})
        error = refused.get_json().get("error", {})
        assert (refused.status_code, error.get("code"), error.get("field")) == (
            409, "duplicate_barcode", "barcode")
        made = manager.post(f"/api/v1/warehouses/{mine['id']}/locations",
                            {"code": "X-1", "barcode": code})
        assert (made.status_code, made.get_json().get("error", {}).get("field")) == (409, "barcode")
        found = ok(clerk.get(f"/api/v1/scan/resolve?code={code}"))
        assert (found["kind"], found["product"]["id"]) == ("product", product["id"])


def test_a_limited_user_edits_no_bin_of_another_warehouse(api, app):
    mine, theirs = make_warehouse(api), make_warehouse(api)
    bin_ = make_location(api, theirs)
    manager = limited_client(api, app, [mine], role="manager")
    assert manager.patch(f"/api/v1/locations/{bin_['id']}", {"zone": "x"}).status_code == 403
    assert manager.patch(f"/api/v1/warehouses/{theirs['id']}", {"name": "x"}).status_code == 403
    assert api.as_user("picker").patch(f"/api/v1/locations/{bin_['id']}", {"zone": "x"}).status_code == 403


def test_thresholds_are_audited_before_and_after(api):
    warehouse, product = make_warehouse(api), make_product(api)
    url = f"/api/v1/stock/levels/{product['id']}/{warehouse['id']}"
    ok(api.put(url, {"min_qty": 2, "reorder_point": 4}))
    ok(api.put(url, {"reorder_point": 6}))
    trail = ok(api.as_user("boss").get("/api/v1/audit?action=stock.set_stock_thresholds"
                                       "&target_type=stock_level&limit=50"))["items"]
    assert [(e["before"], e["after"]) for e in trail] == [
        ({"min_qty": None, "reorder_point": None}, {"min_qty": "2", "reorder_point": "4"}),
        ({"reorder_point": "4"}, {"reorder_point": "6"})]


def test_an_empty_barcode_sort_key_or_name_is_refused_naming_the_field(api):
    warehouse = make_warehouse(api)
    bin_ = make_location(api, warehouse)
    for url, field in ((f"/api/v1/locations/{bin_['id']}", "barcode"),
                       (f"/api/v1/locations/{bin_['id']}", "sort_key"),
                       (f"/api/v1/warehouses/{warehouse['id']}", "name")):
        refused = api.patch(url, {field: ""})
        assert (refused.status_code, refused.get_json()["error"]["field"]) == (422, field)
