"""The orders to pick (oldest promised date first) and several orders picked in one walk."""
from tests.backend.factories import add_stock, limited_client, make_location, make_product, make_warehouse, ok
from tests.backend.sales.factories import SO, act, line_of, make_order, pick

WALK = "/api/v1/pick-walk"


def confirmed(api, site, lines, promised=None, warehouse=None):
    order = make_order(api, site.customer, warehouse or site.warehouse, lines)
    if promised:
        ok(api.patch(f"{SO}/{order['id']}", {"promised_date": promised}))
    return ok(act(api, order, "confirm"))


def test_a_promised_date_is_set_on_create_and_update_and_shown(api, site):
    order = ok(api.post(SO, {"customer_id": site.customer["id"],
                             "warehouse_id": site.warehouse["id"],
                             "promised_date": "2027-03-01"}), 201)
    assert order["promised_date"] == "2027-03-01"
    changed = ok(api.patch(f"{SO}/{order['id']}", {"promised_date": None}))
    assert changed["promised_date"] is None


def test_orders_to_pick_come_oldest_promise_first_and_undated_last(api, site, order_in):
    add_stock(api, site.product, site.bin, 20)
    late = confirmed(api, site, [(site.product, 1)], "2027-02-01")
    undated = confirmed(api, site, [(site.product, 1)])
    early = confirmed(api, site, [(site.product, 2)], "2027-01-15")
    early_too = confirmed(api, site, [(site.product, 1)], "2027-01-15")
    picking = order_in("picking")  # 1 of 4 picked, no promise
    order_in("draft"), order_in("picked"), order_in("shipped")
    items = ok(api.get(f"{SO}?to_pick=true"))["items"]
    assert [i["id"] for i in items] == [early["id"], early_too["id"], late["id"],
                                        undated["id"], picking["id"]]
    first = items[0]
    assert (first["number"], first["customer"], first["warehouse"], first["promised_date"],
            first["lines_count"], first["units_remaining"]) == (
        early["number"], site.customer["name"], site.warehouse["name"], "2027-01-15", 1, 2)
    assert items[-1]["units_remaining"] == 3
    pages, after = [], 0
    while after is not None:
        page = ok(api.get(f"{SO}?to_pick=true&limit=2&after={after}"))
        pages.append([i["id"] for i in page["items"]])
        after = page["next"]
    assert sum(pages, []) == [i["id"] for i in items] and len(pages) == 3


def test_a_limited_user_lists_and_walks_only_their_warehouses_orders(api, app, site):
    other = make_warehouse(api)
    other_bin = make_location(api, other)
    add_stock(api, site.product, other_bin, 5)
    theirs = confirmed(api, site, [(site.product, 1)])
    mine = confirmed(api, site, [(site.product, 1)], warehouse=other)
    client = limited_client(api, app, [other])
    items = ok(client.get(f"{SO}?to_pick=true"))["items"]
    assert [i["id"] for i in items] == [mine["id"]]
    assert client.get(f"{SO}?to_pick=true&warehouse_id={site.warehouse['id']}").status_code == 403
    response = client.get(f"{WALK}?order_ids={mine['id']},{theirs['id']}")
    assert response.status_code == 403 and response.json["error"]["code"] == "warehouse"
    assert ok(client.get(f"{WALK}?order_ids={mine['id']}"))["order_ids"] == [mine["id"]]


def test_a_walk_over_two_orders_shares_the_bins_in_walking_order(api, site):
    b_bin = make_location(api, site.warehouse, code="B-01", sort_key="B-01")
    add_stock(api, site.product, b_bin, 10)  # A-01 holds 10 already
    other = make_product(api)
    add_stock(api, other, b_bin, 3)
    first = confirmed(api, site, [(site.product, 8)])
    second = confirmed(api, site, [(site.product, 4), (other, 2)])
    walk = ok(api.get(f"{WALK}?order_ids={first['id']},{second['id']}"))
    assert [o["number"] for o in walk["orders"]] == [first["number"], second["number"]]
    assert [(i["location"], i["order_number"], i["sku"], i["pick_qty"], i["suggested"])
            for i in walk["items"]] == [
        ("A-01", first["number"], site.product["sku"], 8, True),
        ("A-01", second["number"], site.product["sku"], 2, True),
        ("B-01", first["number"], site.product["sku"], 0, False),
        ("B-01", second["number"], site.product["sku"], 2, True),
        ("B-01", second["number"], other["sku"], 2, True)]
    # the picks are posted per order, and the walk then shows what is left
    ok(pick(api, second, line_of(second), site.bin, 2))
    left = ok(api.get(f"{WALK}?order_ids={first['id']},{second['id']}"))["items"]
    assert [(i["location"], i["order_id"], i["pick_qty"]) for i in left
            if i["sku"] == site.product["sku"]] == [
        ("A-01", first["id"], 8), ("A-01", second["id"], 0), ("B-01", first["id"], 0),
        ("B-01", second["id"], 2)]


def test_a_walk_refuses_unknown_unpickable_and_mixed_orders(api, site, order_in):
    draft = order_in("draft")
    pickable = order_in("confirmed")
    unknown = api.get(f"{WALK}?order_ids={pickable['id']},999999")
    assert unknown.status_code == 422
    assert (unknown.json["error"]["code"], unknown.json["error"]["field"]) == \
        ("unknown_order", "order_ids")
    not_yet = api.get(f"{WALK}?order_ids={draft['id']}")
    assert not_yet.status_code == 409 and not_yet.json["error"]["code"] == "bad_state"
    elsewhere = make_warehouse(api)
    add_stock(api, site.product, make_location(api, elsewhere), 1)
    foreign = confirmed(api, site, [(site.product, 1)], warehouse=elsewhere)
    mixed = api.get(f"{WALK}?order_ids={pickable['id']},{foreign['id']}")
    assert mixed.status_code == 422 and mixed.json["error"]["code"] == "mixed_warehouses"
