"""Pick lists, picks, short picks and shipping."""
from decimal import Decimal

import pytest

from tests.backend.factories import add_stock, balance, level, make_location, make_product, make_warehouse, ok
from tests.backend.sales.factories import SO, act, get_order, line_of, make_lot, make_order, moves_of, pick, race, short


def confirmed(api, site, lines):
    return ok(act(api, make_order(api, site.customer, site.warehouse, lines), "confirm"))


def exact(number):
    return Decimal(str(number))


def test_pick_list_is_in_walking_order_with_first_expiry_first_within_a_product(api, site):
    early_bin = make_location(api, site.warehouse, code="C-01", sort_key="C-01")
    middle_bin = make_location(api, site.warehouse, code="B-01", sort_key="B-01")
    fresh = make_product(api, tracks_lots=True)
    late, early = make_lot(api, fresh, "L-LATE", "2037-06-30"), make_lot(api, fresh, "L-EARLY",
                                                                         "2036-12-31")
    add_stock(api, fresh, site.bin, 5, lot_id=late["id"])
    add_stock(api, fresh, early_bin, 4, lot_id=early["id"])
    order = confirmed(api, site, [(fresh, 6), (site.product, 2)])
    add_stock(api, site.product, middle_bin, 1)
    items = ok(api.get(f"{SO}/{order['id']}/pick-list"))["items"]
    assert [(i["location"], i["sku"], i["lot"], i["expiry"], i["on_hand"], i["pick_qty"],
             i["fefo_rank"]) for i in items] == [
        ("A-01", fresh["sku"], "L-LATE", "2037-06-30", 5, 2, 2),
        ("A-01", site.product["sku"], None, None, 10, 2, 1),
        ("B-01", site.product["sku"], None, None, 1, 0, 2),
        ("C-01", fresh["sku"], "L-EARLY", "2036-12-31", 4, 4, 1)]
    assert {i["remaining"] for i in items if i["sku"] == fresh["sku"]} == {6}


def test_pick_list_leaves_out_picked_lines_other_warehouses_and_non_bins(api, site):
    other = make_product(api)
    add_stock(api, other, site.bin, 5)
    elsewhere = make_warehouse(api)
    add_stock(api, site.product, make_location(api, elsewhere), 8)
    order = confirmed(api, site, [(site.product, 2), (other, 3)])
    ok(pick(api, order, line_of(order, 1), site.bin, 3))
    items = ok(api.get(f"{SO}/{order['id']}/pick-list"))["items"]
    assert [(i["location_id"], i["product_id"], i["on_hand"], i["pick_qty"]) for i in items] == \
        [(site.bin["id"], site.product["id"], 10, 2)]


def test_pick_list_of_a_draft_is_a_bad_state(api, order_in):
    response = api.get(f"{SO}/{order_in('draft')['id']}/pick-list")
    assert response.status_code == 409 and response.json["error"]["code"] == "bad_state"


def test_pick_moves_units_from_the_bin_to_staging(api, site, order_in):
    order = order_in("confirmed")
    response = pick(api, order, line_of(order), site.bin, 3)
    body = ok(response, 201)
    assert (body["qty"], body["line_picked"], body["line_remaining"], body["order_status"]) == \
        (3, 3, 1, "picking")
    assert (balance(api, site.product, site.bin), balance(api, site.product, site.staging)) == \
        (7, 3)
    assert moves_of(api, order) == [(site.product["id"], site.bin["id"], None, -3, "pick"),
                                    (site.product["id"], site.staging["id"], None, 3, "pick")]
    after = line_of(get_order(api, order))
    assert (after["qty_picked"], after["qty_reserved"], after["qty_to_pick"]) == (3, 4, 1)
    assert (level(api, site.product, site.warehouse)["on_hand"],
            level(api, site.product, site.warehouse)["reserved"]) == (10, 4)


def test_pick_can_name_the_product_instead_of_the_line(api, site, order_in):
    order = order_in("confirmed")
    body = ok(api.post(f"{SO}/{order['id']}/picks", {"product_id": site.product["id"], "qty": 2,
                                                     "location_id": site.bin["id"]}), 201)
    assert body["order_line_id"] == line_of(order)["id"]
    assert line_of(get_order(api, order))["qty_picked"] == 2


def test_pick_of_a_product_not_on_the_order_is_422(api, site, order_in):
    order = order_in("confirmed")
    response = api.post(f"{SO}/{order['id']}/picks", {"product_id": make_product(api)["id"],
                                                      "qty": 1, "location_id": site.bin["id"]})
    assert response.status_code == 422 and response.json["error"]["field"] == "product_id"
    assert line_of(get_order(api, order))["qty_picked"] == 0


def test_pick_of_a_lot_takes_that_lot_into_staging(api, site):
    product = make_product(api, tracks_lots=True)
    lot = make_lot(api, product, "L1", "2037-01-01")
    add_stock(api, product, site.bin, 4, lot_id=lot["id"])
    order = confirmed(api, site, [(product, 4)])
    ok(pick(api, order, line_of(order), site.bin, 4, lot_id=lot["id"]))
    assert moves_of(api, order) == [(product["id"], site.bin["id"], lot["id"], -4, "pick"),
                                    (product["id"], site.staging["id"], lot["id"], 4, "pick")]


@pytest.mark.parametrize("already, qty, code", [(0, 5, "over_pick"), (3, 2, "over_pick"),
                                               (4, 1, "bad_state")])
def test_pick_beyond_what_is_left_on_the_line_is_409_and_changes_nothing(api, site, order_in,
                                                                         already, qty, code):
    order = order_in("confirmed")
    if already:
        ok(pick(api, order, line_of(order), site.bin, already))
    before = get_order(api, order)
    response = pick(api, order, line_of(order), site.bin, qty)
    assert response.status_code == 409 and response.json["error"]["code"] == code
    assert get_order(api, order) == before
    assert balance(api, site.product, site.bin) == 10 - already


def test_pick_from_a_bin_without_enough_stock_is_409_and_changes_nothing(api, site):
    empty_bin = make_location(api, site.warehouse)
    add_stock(api, site.product, empty_bin, 1)
    order = confirmed(api, site, [(site.product, 4)])
    response = pick(api, order, line_of(order), empty_bin, 2)
    assert response.status_code == 409 and response.json["error"]["code"] == "insufficient_stock"
    assert balance(api, site.product, empty_bin) == 1
    assert get_order(api, order)["status"] == "confirmed"
    assert line_of(get_order(api, order))["qty_picked"] == 0


def test_pick_from_staging_or_another_warehouse_is_refused(api, site, order_in):
    order = order_in("confirmed")
    foreign = make_location(api, make_warehouse(api))
    for location in (site.staging, site.quarantine, foreign):
        response = pick(api, order, line_of(order), location, 1)
        assert response.status_code == 422 and response.json["error"]["code"] == "not_a_bin"
    assert get_order(api, order)["status"] == "confirmed"


def test_replaying_a_pick_with_the_same_key_changes_nothing(api, site, order_in):
    order = order_in("confirmed")
    body = {"order_line_id": line_of(order)["id"], "qty": 2, "location_id": site.bin["id"]}
    first = api.post(f"{SO}/{order['id']}/picks", body, key="scan-1")
    again = api.post(f"{SO}/{order['id']}/picks", body, key="scan-1")
    assert first.status_code == again.status_code == 201
    assert again.json == first.json and again.headers["Idempotent-Replayed"] == "true"
    assert line_of(get_order(api, order))["qty_picked"] == 2
    assert balance(api, site.product, site.bin) == 8
    assert len(moves_of(api, order, "pick")) == 2


def test_concurrent_pickers_take_exactly_what_the_bin_holds(app, api, site):
    last_units = make_location(api, site.warehouse, code="Z-01")
    add_stock(api, site.product, last_units, 3)
    orders = [confirmed(api, site, [(site.product, 1)]) for _ in range(8)]
    statuses = race(app, [(f"{SO}/{o['id']}/picks", {"order_line_id": line_of(o)["id"],
                                                      "qty": 1, "location_id": last_units["id"]})
                           for o in orders])
    assert sorted(statuses) == [201] * 3 + [409] * 5
    assert balance(api, site.product, last_units) == 0
    assert balance(api, site.product, site.staging) == 3
    assert sum(line_of(get_order(api, o))["qty_picked"] for o in orders) == 3


def test_concurrent_pickers_of_one_line_never_pick_more_than_ordered(app, api, site):
    order = confirmed(api, site, [(site.product, 3)])
    statuses = race(app, [(f"{SO}/{order['id']}/picks",
                            {"order_line_id": line_of(order)["id"], "qty": 1,
                             "location_id": site.bin["id"]})] * 6)
    assert sorted(statuses) == [201] * 3 + [409] * 3
    after = get_order(api, order)
    assert (line_of(after)["qty_picked"], after["status"]) == (3, "picked")
    assert balance(api, site.product, site.bin) == 7


def test_short_pick_records_the_shortage_and_releases_its_reservation(api, site, order_in):
    order = order_in("confirmed")
    body = ok(short(api, order, line_of(order), 1))
    line = line_of(body)
    assert (line["qty_short"], line["qty_reserved"], line["qty_to_pick"], body["status"]) == \
        (1, 3, 3, "picking")
    assert level(api, site.product, site.warehouse)["reserved"] == 3


def test_short_of_everything_left_completes_the_picking(api, site, order_in):
    order = order_in("picking")  # 1 of 4 picked
    assert ok(short(api, order, line_of(order), 3))["status"] == "picked"


def test_short_beyond_what_is_left_is_409(api, site, order_in):
    order = order_in("picking")
    response = short(api, order, line_of(order), 4)
    assert response.status_code == 409 and response.json["error"]["code"] == "over_pick"
    assert line_of(get_order(api, order))["qty_short"] == 0
    assert level(api, site.product, site.warehouse)["reserved"] == 4


def test_ship_takes_staging_out_and_records_exact_cogs_and_revenue(api, site):
    product = make_product(api, cost="1.2345", price=9)
    add_stock(api, product, site.bin, 5)
    order = confirmed(api, site, [(product, 3, "7.1234"), (site.product, 2)])
    ok(pick(api, order, line_of(order), site.bin, 3))
    ok(pick(api, order, line_of(order, 1), site.bin, 2))
    shipped = ok(act(api, order, "ship"))
    assert shipped["status"] == "shipped"
    assert [(exact(l["cogs"]), l["qty_shipped"], l["qty_reserved"]) for l in shipped["lines"]] == \
        [(Decimal("3.7035"), 3, 0), (Decimal("4"), 2, 0)]
    (shipment,) = shipped["shipments"]
    assert (exact(shipment["cogs"]), exact(shipment["revenue"])) == \
        (Decimal("7.7035"), Decimal("31.3702"))
    assert exact(shipped["amount_shipped"]) == Decimal("31.3702")
    assert balance(api, product, site.staging) == balance(api, site.product, site.staging) == 0
    assert (level(api, product, site.warehouse)["on_hand"],
            level(api, product, site.warehouse)["reserved"]) == (2, 0)
    assert sorted(moves_of(api, order, "shipment")) == sorted([
        (product["id"], site.staging["id"], None, -3, "shipment"),
        (site.product["id"], site.staging["id"], None, -2, "shipment")])


def test_cogs_of_fractional_units_is_rounded_half_up_to_four_places(api, site):
    flour = make_product(api, unit="kg", unit_decimals=3, cost="3.3333", price="1.1")
    add_stock(api, flour, site.bin, 10)
    order = confirmed(api, site, [(flour, "1.5")])
    ok(pick(api, order, line_of(order), site.bin, "1.5"))
    shipped = ok(act(api, order, "ship"))
    assert exact(shipped["cogs"]) == Decimal("5")  # 4.99995
    assert exact(shipped["amount_shipped"]) == Decimal("1.65")


def test_ship_after_a_short_pick_ships_only_what_was_picked(api, site, order_in):
    order = order_in("picking")  # 1 of 4 picked
    ok(short(api, order, line_of(order), 3))
    shipped = ok(act(api, order, "ship"))
    line = line_of(shipped)
    assert (line["qty_shipped"], line["qty_short"], line["qty_reserved"]) == (1, 3, 0)
    assert exact(shipped["amount_shipped"]) == Decimal(5)
    assert (level(api, site.product, site.warehouse)["on_hand"],
            level(api, site.product, site.warehouse)["reserved"]) == (9, 0)


def test_a_scanned_pick_is_audited_record_by_record(api, site, order_in):
    order = order_in("confirmed")
    picked = ok(pick(api, order, line_of(order), site.bin, 1))
    found = ok(api.as_user("boss").get("/api/v1/audit?action=sales.record_pick&limit=50"))["items"]
    changes = {e["target_type"]: (e["before"], e["after"]) for e in found}
    assert set(changes) == {"sales_order", "sales_order_line", "pick"}
    assert (changes["sales_order"][0]["status"], changes["sales_order"][1]["status"]) \
        == ("confirmed", "picking")
    assert changes["sales_order_line"] == ({"qty_picked": "0"}, {"qty_picked": "1"})
    assert changes["pick"][1]["id"] == picked["id"] and changes["pick"][1]["qty"] == "1"
