"""The last orders that shipped a product, for a return whose order is not known."""
from tests.backend.factories import add_stock, limited_client, make_location, make_warehouse, ok
from tests.backend.sales.factories import act, line_of, make_order, pick

URL = "/api/v1/shipments"


def ship(api, site, qty, warehouse=None, bin_=None):
    order = make_order(api, site.customer, warehouse or site.warehouse, [(site.product, qty)])
    order = ok(act(api, order, "confirm"))
    ok(pick(api, order, line_of(order), bin_ or site.bin, qty))
    return ok(act(api, order, "ship"))


def test_newest_shipments_of_the_product_come_first_with_what_can_come_back(api, site):
    first, second = ship(api, site, 1), ship(api, site, 2)
    ok(api.post("/api/v1/sales-returns", {
        "warehouse_id": site.warehouse["id"], "order_id": first["id"], "reason_code": "damaged",
        "disposition": "quarantine", "lines": [{"product_id": site.product["id"], "qty": 1}]}))
    items = ok(api.get(f"{URL}?product_id={site.product['id']}"))["items"]
    assert [i["number"] for i in items] == [second["number"], first["number"]]
    assert items[0]["customer"] == site.customer["name"]
    assert [(l["qty_shipped"], l["returnable"]) for i in items for l in i["lines"]] == \
        [(2, 2), (1, 0)]
    assert len(ok(api.get(f"{URL}?product_id={site.product['id']}&limit=1"))["items"]) == 1


def test_orders_not_yet_shipped_and_other_products_are_left_out(api, site, order_in):
    order_in("picked")
    assert ok(api.get(f"{URL}?product_id={site.product['id']}"))["items"] == []


def test_a_limited_user_sees_only_their_warehouses_shipments(api, app, site):
    other = make_warehouse(api)
    other_bin = make_location(api, other)
    add_stock(api, site.product, other_bin, 5)
    theirs, mine = ship(api, site, 1), ship(api, site, 1, other, other_bin)
    client = limited_client(api, app, [other])
    items = ok(client.get(f"{URL}?product_id={site.product['id']}"))["items"]
    assert [i["order_id"] for i in items] == [mine["id"]] and theirs["id"] != mine["id"]
    response = client.get(f"{URL}?product_id={site.product['id']}&warehouse_id="
                          f"{site.warehouse['id']}")
    assert response.status_code == 403


def test_the_product_is_required(api):
    response = api.get(URL)
    assert response.status_code == 422 and response.json["error"]["field"] == "product_id"
