"""Shipping part of an order: what is picked ships, the rest goes to a backorder that takes
over its reservation (or is released), with the shipment's parcels."""
import pytest

from tests.backend.factories import add_stock, balance, level, make_product, ok
from tests.backend.sales.factories import SO, act, get_order, line_of, make_order, moves_of, pick, short


@pytest.fixture
def half_picked(api, site):
    """A confirmed order of 4 x the site's product and 3 x another (price 7): 3 and 1 picked,
    1 of the second shorted; what is left to pick is 1 of each."""
    other = make_product(api, cost=3, price=7)
    add_stock(api, other, site.bin, 6)
    order = ok(act(api, make_order(api, site.customer, site.warehouse,
                                   [(site.product, 4), (other, 3)]), "confirm"))
    ok(pick(api, order, line_of(order), site.bin, 3))
    ok(pick(api, order, line_of(order, 1), site.bin, 1))
    ok(short(api, order, line_of(order, 1), 1))
    site.other = other
    return get_order(api, order)


def figures(api, site, product):
    found = level(api, product, site.warehouse)
    return (found["on_hand"], found["reserved"], balance(api, product, site.bin),
            balance(api, product, site.staging))


def ledger_is_whole(app):
    from backend.stock.ledger import ledger_discrepancies
    with app.app_context():
        return ledger_discrepancies() == []


def test_a_partial_shipment_ships_the_picked_units_and_backorders_the_rest(app, api, site,
                                                                           half_picked):
    shipped = ok(act(api, half_picked, "ship", {"parcels": ["PKG-1", "PKG-2"]}))
    assert shipped["status"] == "shipped"
    assert [(l["qty_shipped"], l["qty_short"], l["qty_backordered"], l["qty_reserved"],
             l["qty_to_pick"]) for l in shipped["lines"]] == [(3, 0, 1, 0, 0), (1, 1, 1, 0, 0)]
    (shipment,) = shipped["shipments"]
    assert (shipment["parcels"], shipment["parcel_count"]) == (["PKG-1", "PKG-2"], 2)
    assert shipment["revenue"] == 22  # 3 x 5 + 1 x 7
    assert shipped["total"] == 29  # the backordered units are billed on the backorder
    backorder = get_order(api, shipped["backorder"])
    assert shipped["backorder"] == {"id": backorder["id"], "number": f"{half_picked['number']}-B1"}
    assert shipped["backorders"] == [{"id": backorder["id"], "number": backorder["number"],
                                      "status": "confirmed"}]
    assert (backorder["status"], backorder["customer_id"], backorder["warehouse_id"]) == \
        ("confirmed", site.customer["id"], site.warehouse["id"])
    assert backorder["backorder_of"]["id"] == half_picked["id"]
    assert [(l["product_id"], l["qty_ordered"], l["qty_reserved"], l["unit_price"])
            for l in backorder["lines"]] == [(site.product["id"], 1, 1, 5),
                                             (site.other["id"], 1, 1, 7)]
    # each product: on hand, reserved (only the backorder's unit), in the bin, in staging
    assert figures(api, site, site.product) == (7, 1, 7, 0)
    assert figures(api, site, site.other) == (5, 1, 5, 0)
    assert sorted(m[0:4] for m in moves_of(api, half_picked, "shipment")) == sorted([
        (site.product["id"], site.staging["id"], None, -3),
        (site.other["id"], site.staging["id"], None, -1)])
    assert ledger_is_whole(app)


def test_the_backorder_is_then_picked_and_shipped_in_full(app, api, site, half_picked):
    backorder = get_order(api, ok(act(api, half_picked, "ship"))["backorder"])
    ok(pick(api, backorder, line_of(backorder), site.bin, 1))
    ok(pick(api, backorder, line_of(backorder, 1), site.bin, 1))
    shipped = ok(act(api, backorder, "ship"))
    assert (shipped["status"], shipped["backorder"]) == ("shipped", None)
    assert [(l["qty_shipped"], l["qty_reserved"]) for l in shipped["lines"]] == [(1, 0), (1, 0)]
    assert figures(api, site, site.product) == (6, 0, 6, 0)
    assert figures(api, site, site.other) == (4, 0, 4, 0)
    assert moves_of(api, backorder, "shipment") != []
    assert ledger_is_whole(app)


def test_without_a_backorder_the_rest_is_released_as_not_shipped(app, api, site, half_picked):
    shipped = ok(act(api, half_picked, "ship", {"backorder": False}))
    assert (shipped["backorder"], shipped["backorders"]) == (None, [])
    assert [(l["qty_shipped"], l["qty_short"], l["qty_backordered"], l["qty_reserved"],
             l["short_reason"]) for l in shipped["lines"]] == [
        (3, 1, 0, 0, "not shipped"), (1, 2, 0, 0, "not shipped")]
    assert figures(api, site, site.product) == (7, 0, 7, 0)
    assert figures(api, site, site.other) == (5, 0, 5, 0)
    assert ledger_is_whole(app)


def test_replaying_a_ship_with_the_same_key_ships_once(api, site, half_picked):
    url = f"{SO}/{half_picked['id']}/ship"
    first = api.post(url, {"parcels": ["PKG-1"]}, key="ship-1")
    again = api.post(url, {"parcels": ["PKG-1"]}, key="ship-1")
    assert first.status_code == again.status_code == 200
    assert again.json == first.json and again.headers["Idempotent-Replayed"] == "true"
    assert len(get_order(api, half_picked)["shipments"]) == 1
    assert len(get_order(api, half_picked)["backorders"]) == 1
    assert figures(api, site, site.product) == (7, 1, 7, 0)


def test_an_order_with_nothing_picked_is_not_shipped(api, site, order_in):
    order = order_in("confirmed")
    response = act(api, order, "ship")
    assert response.status_code == 409 and response.json["error"]["code"] == "nothing_picked"
    assert get_order(api, order)["status"] == "confirmed"
    assert level(api, site.product, site.warehouse)["reserved"] == 4


@pytest.mark.parametrize("parcels, field, code", [
    (["PKG-1", " "], "parcels.1", "empty_parcel_code"),
    (["PKG-1", "PKG-2", "PKG-1"], "parcels.2", "duplicate_parcel")])
def test_empty_or_repeated_parcel_codes_are_422_and_ship_nothing(api, site, half_picked,
                                                                 parcels, field, code):
    response = act(api, half_picked, "ship", {"parcels": parcels})
    assert response.status_code == 422
    assert (response.json["error"]["code"], response.json["error"]["field"]) == (code, field)
    assert get_order(api, half_picked)["status"] == "picking"
    assert balance(api, site.product, site.staging) == 3


def test_a_backorders_backorder_counts_on_from_the_first_number(api, site, order_in):
    order = order_in("picking")  # 1 of 4 picked
    first = ok(act(api, order, "ship"))["backorder"]
    ok(pick(api, first, line_of(get_order(api, first)), site.bin, 1))
    second = ok(act(api, first, "ship"))["backorder"]
    assert (first["number"], second["number"]) == (f"{order['number']}-B1",
                                                   f"{order['number']}-B2")
    assert line_of(get_order(api, second))["qty_ordered"] == 2
    assert level(api, site.product, site.warehouse)["reserved"] == 2
