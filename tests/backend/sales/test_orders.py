"""Sales orders: drafts, confirming (the no-oversell guard), cancelling and the state machine."""
import pytest

from tests.backend.factories import add_stock, balance, level, make_location, make_partner, make_product, ok
from tests.backend.sales.factories import SO, act, get_order, line_of, make_order, moves_of, pick, race, short


def test_create_order_is_a_numbered_draft_priced_from_the_product(api, site):
    response = api.post(SO, {"customer_id": site.customer["id"],
                             "warehouse_id": site.warehouse["id"],
                             "lines": [{"product_id": site.product["id"], "qty_ordered": 3}]})
    order = ok(response, 201)
    assert response.headers["Location"] == f"{SO}/{order['id']}"
    assert order["status"] == "draft" and order["number"].startswith("SO-")
    line = line_of(order)
    assert (line["qty_ordered"], line["unit_price"], line["amount"], line["qty_reserved"]) == \
        (3, 5, 15, 0)
    assert order["total"] == 15 and order["amount_shipped"] == 0


def test_explicit_unit_price_wins_and_totals_add_up(api, site):
    other = make_product(api, price=9)
    order = make_order(api, site.customer, site.warehouse,
                       [(site.product, 3, "1.25"), (other, 2)])
    assert [l["amount"] for l in order["lines"]] == [3.75, 18]
    assert order["total"] == 21.75


def test_draft_lines_can_be_added_changed_and_removed(api, site):
    order = make_order(api, site.customer, site.warehouse, [(site.product, 3)])
    other = make_product(api, price=7)
    added = ok(api.post(f"{SO}/{order['id']}/lines", {"product_id": other["id"],
                                                      "qty_ordered": 2}), 201)
    assert [(l["product_id"], l["qty_ordered"]) for l in added["lines"]] == \
        [(site.product["id"], 3), (other["id"], 2)]
    changed = ok(api.patch(f"{SO}/{order['id']}/lines/{line_of(order)['id']}",
                           {"qty_ordered": 6, "unit_price": 4}))
    assert (line_of(changed)["qty_ordered"], line_of(changed)["unit_price"]) == (6, 4)
    removed = ok(api.delete(f"{SO}/{order['id']}/lines/{line_of(order)['id']}"))
    assert [l["product_id"] for l in removed["lines"]] == [other["id"]]


def test_same_product_twice_on_an_order_is_a_conflict(api, site):
    order = make_order(api, site.customer, site.warehouse, [(site.product, 3)])
    response = api.post(f"{SO}/{order['id']}/lines", {"product_id": site.product["id"],
                                                      "qty_ordered": 1})
    assert response.status_code == 409 and response.json["error"]["code"] == "duplicate_product"


def test_draft_header_can_change_customer_and_notes(api, site):
    order = make_order(api, site.customer, site.warehouse, [(site.product, 3)])
    other = make_partner(api, "customers")
    body = ok(api.patch(f"{SO}/{order['id']}", {"customer_id": other["id"], "notes": "rush"}))
    assert (body["customer_id"], body["notes"]) == (other["id"], "rush")


@pytest.mark.parametrize("state", ["confirmed", "picking", "picked", "shipped", "cancelled"])
def test_lines_cannot_be_edited_after_draft(api, site, order_in, state):
    order = order_in(state)
    responses = [api.post(f"{SO}/{order['id']}/lines",
                          {"product_id": make_product(api)["id"], "qty_ordered": 1}),
                 api.patch(f"{SO}/{order['id']}/lines/{line_of(order)['id']}", {"qty_ordered": 1}),
                 api.delete(f"{SO}/{order['id']}/lines/{line_of(order)['id']}"),
                 api.patch(f"{SO}/{order['id']}", {"notes": "x"})]
    for response in responses:
        assert response.status_code == 409, response.json
        assert response.json["error"]["code"] == "bad_state"
        assert response.json["error"]["status"] == state
    assert get_order(api, order)["lines"] == order["lines"]


def test_confirm_reserves_every_line(api, site):
    other = make_product(api)
    add_stock(api, other, site.bin, 5)
    order = make_order(api, site.customer, site.warehouse, [(site.product, 4), (other, 5)])
    confirmed = ok(act(api, order, "confirm"))
    assert confirmed["status"] == "confirmed"
    assert [l["qty_reserved"] for l in confirmed["lines"]] == [4, 5]
    assert (level(api, site.product, site.warehouse)["reserved"],
            level(api, other, site.warehouse)["reserved"]) == (4, 5)
    assert level(api, site.product, site.warehouse)["available"] == 6


def test_second_order_beyond_available_is_409_naming_product_and_nothing_reserved(api, site):
    other = make_product(api)
    add_stock(api, other, site.bin, 5)
    ok(act(api, make_order(api, site.customer, site.warehouse, [(site.product, 7)]), "confirm"))
    second = make_order(api, site.customer, site.warehouse, [(other, 2), (site.product, 4)])
    response = act(api, second, "confirm")
    assert response.status_code == 409
    error = response.json["error"]
    assert (error["code"], error["product_id"], error["sku"], error["available"]) == \
        ("insufficient_stock", site.product["id"], site.product["sku"], "3")
    assert site.product["sku"] in error["message"] and "3 available" in error["message"]
    assert level(api, other, site.warehouse)["reserved"] == 0
    assert level(api, site.product, site.warehouse)["reserved"] == 7
    after = get_order(api, second)
    assert after["status"] == "draft" and [l["qty_reserved"] for l in after["lines"]] == [0, 0]


def test_concurrent_confirms_never_reserve_more_than_is_available(app, api, site):
    orders = [make_order(api, site.customer, site.warehouse, [(site.product, 3)])
              for _ in range(6)]
    statuses = race(app, [(f"{SO}/{o['id']}/confirm", None) for o in orders], user="admin")
    assert sorted(statuses) == [200] * 3 + [409] * 3
    assert level(api, site.product, site.warehouse)["reserved"] == 9
    assert sorted(get_order(api, o)["status"] for o in orders) == ["confirmed"] * 3 + ["draft"] * 3


def test_order_taking_exactly_what_is_available_confirms(api, site):
    ok(act(api, make_order(api, site.customer, site.warehouse, [(site.product, 7)]), "confirm"))
    order = make_order(api, site.customer, site.warehouse, [(site.product, 3)])
    assert ok(act(api, order, "confirm"))["status"] == "confirmed"
    assert level(api, site.product, site.warehouse)["available"] == 0


def test_order_without_lines_cannot_be_confirmed(api, site):
    order = make_order(api, site.customer, site.warehouse, [])
    response = act(api, order, "confirm")
    assert response.status_code == 422 and response.json["error"]["code"] == "empty_order"
    assert get_order(api, order)["status"] == "draft"


@pytest.mark.parametrize("state", ["draft", "confirmed"])
def test_cancel_releases_reservations(api, site, order_in, state):
    order = order_in(state)
    cancelled = ok(act(api, order, "cancel"))
    assert cancelled["status"] == "cancelled"
    assert [l["qty_reserved"] for l in cancelled["lines"]] == [0]
    assert level(api, site.product, site.warehouse)["reserved"] == 0


def test_cancel_while_picking_puts_picked_units_back_in_their_bins(api, site, order_in):
    second_bin = make_location(api, site.warehouse, code="B-01")
    add_stock(api, site.product, second_bin, 3)
    order = order_in("picking")  # 1 picked from A
    ok(pick(api, order, line_of(order), second_bin, 2))
    ok(act(api, order, "cancel"))
    assert (balance(api, site.product, site.bin), balance(api, site.product, second_bin),
            balance(api, site.product, site.staging)) == (10, 3, 0)
    unpicks = sorted(m[1:4] for m in moves_of(api, order, "unpick"))
    assert unpicks == sorted([(site.staging["id"], None, -1), (site.bin["id"], None, 1),
                              (site.staging["id"], None, -2), (second_bin["id"], None, 2)])
    assert (level(api, site.product, site.warehouse)["reserved"],
            level(api, site.product, site.warehouse)["on_hand"]) == (0, 13)



def test_order_whose_every_line_was_shorted_can_be_cancelled(api, site, order_in):
    other = make_product(api)
    add_stock(api, other, site.bin, 2)
    order = ok(act(api, make_order(api, site.customer, site.warehouse,
                                   [(site.product, 3), (other, 2)]), "confirm"))
    ok(short(api, order, line_of(order, 0), 3))
    ok(short(api, order, line_of(order, 1), 2))
    assert get_order(api, order)["status"] == "picked"
    cancelled = ok(act(api, order, "cancel"))
    assert cancelled["status"] == "cancelled"
    assert [l["qty_reserved"] for l in cancelled["lines"]] == [0, 0]
    assert moves_of(api, order) == []
    assert (level(api, site.product, site.warehouse)["reserved"],
            level(api, site.product, site.warehouse)["on_hand"]) == (0, 10)


def test_cancelling_a_picked_order_puts_its_units_back_and_releases_the_rest(api, site, order_in):
    other = make_product(api)
    add_stock(api, other, site.bin, 2)
    order = make_order(api, site.customer, site.warehouse, [(site.product, 4), (other, 2)])
    order = ok(act(api, order, "confirm"))
    ok(pick(api, order, line_of(order, 0), site.bin, 3))
    ok(short(api, order, line_of(order, 0), 1))
    ok(short(api, order, line_of(order, 1), 2))
    assert get_order(api, order)["status"] == "picked"
    assert balance(api, site.product, site.staging) == 3
    cancelled = ok(act(api, order, "cancel"))
    assert cancelled["status"] == "cancelled"
    assert (balance(api, site.product, site.bin), balance(api, site.product, site.staging)) == (10, 0)
    assert sorted(m[1:4] for m in moves_of(api, order, "unpick")) == sorted(
        [(site.staging["id"], None, -3), (site.bin["id"], None, 3)])
    assert (level(api, site.product, site.warehouse)["reserved"],
            level(api, site.product, site.warehouse)["on_hand"]) == (0, 10)
    assert level(api, other, site.warehouse)["reserved"] == 0
    assert act(api, order, "ship").json["error"]["code"] == "bad_state"


# (state, action) -> allowed?  Everything not listed as allowed must be a 409, bad_state
# unless named in REFUSED_AS. Shipping from "picking" ships what is picked and leaves the
# rest to a backorder (see test_partial_shipment.py); with nothing picked there is no shipment.
ALLOWED = {("draft", "confirm"), ("draft", "cancel"), ("confirmed", "cancel"),
           ("picking", "cancel"), ("picking", "ship"), ("picked", "ship"), ("picked", "cancel")}
REFUSED_AS = {("confirmed", "ship"): "nothing_picked"}
STATES = ["draft", "confirmed", "picking", "picked", "shipped", "cancelled"]
ACTIONS = ["confirm", "cancel", "ship"]


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", ACTIONS)
def test_state_machine(api, site, order_in, state, action):
    order = order_in(state)
    response = act(api, order, action)
    if (state, action) in ALLOWED:
        assert response.status_code == 200, response.json
        expected = {"confirm": "confirmed", "cancel": "cancelled", "ship": "shipped"}[action]
        assert response.json["status"] == expected
    else:
        assert response.status_code == 409, response.json
        assert response.json["error"]["code"] == REFUSED_AS.get((state, action), "bad_state")
        assert get_order(api, order)["status"] == state


@pytest.mark.parametrize("state", ["draft", "picked", "shipped", "cancelled"])
def test_pick_and_short_refused_outside_confirmed_and_picking(api, site, order_in, state):
    order = order_in(state)
    for response in (pick(api, order, line_of(order), site.bin, 1),
                     api.post(f"{SO}/{order['id']}/short",
                              {"order_line_id": line_of(order)["id"], "qty": 1})):
        assert response.status_code == 409 and response.json["error"]["code"] == "bad_state"
    assert get_order(api, order) == order


def test_first_pick_moves_confirmed_to_picking_and_last_to_picked(api, site, order_in):
    order = order_in("confirmed")
    assert ok(pick(api, order, line_of(order), site.bin, 1))["order_status"] == "picking"
    assert get_order(api, order)["status"] == "picking"
    assert ok(pick(api, order, line_of(order), site.bin, 3))["order_status"] == "picked"
    assert get_order(api, order)["status"] == "picked"


def test_list_filters_by_status_customer_and_warehouse(api, site, order_in):
    draft, confirmed = order_in("draft"), order_in("confirmed")
    other = make_order(api, make_partner(api, "customers"), site.warehouse, [(site.product, 1)])

    def ids(query):
        return [o["id"] for o in ok(api.get(f"{SO}?{query}"))["items"]]
    assert ids("status=confirmed") == [confirmed["id"]]
    assert ids(f"customer_id={site.customer['id']}") == [draft["id"], confirmed["id"]]
    assert ids(f"warehouse_id={site.warehouse['id']}&limit=2") == [draft["id"], confirmed["id"]]
    assert ids(f"status=draft&customer_id={other['customer_id']}") == [other["id"]]


def test_a_refused_move_names_the_status_and_what_it_allows(api, site, order_in):
    error = act(api, order_in("picked"), "confirm").json["error"]
    assert (error["code"], error["status"]) == ("bad_state", "picked")
    assert error["allowed"] == ["ship", "cancel", "list_picks"]
