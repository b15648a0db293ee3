"""First expiry, first out, enforced on each pick: lots required, expired lots refused unless a
manager overrides, a later lot than the first one in the bins only with a reason."""
import pytest

from tests.backend.factories import add_stock, balance, make_location, make_product, ok
from tests.backend.sales.factories import (
    SO,
    act,
    days_from_today,
    get_order,
    line_of,
    make_lot,
    make_order,
    moves_of,
    pick,
)


@pytest.fixture
def lots(api, site):
    """A lot-tracked product: an expired lot in A-01, the first unexpired one in C-01, a later
    one in B-01 (4 units each), and a confirmed order for 3 of it."""
    product = make_product(api, tracks_lots=True)
    expired = make_lot(api, product, "L-OLD", days_from_today(-1))
    first = make_lot(api, product, "L-FIRST", days_from_today(10))
    later = make_lot(api, product, "L-LATER", days_from_today(40))
    c_bin = make_location(api, site.warehouse, code="C-01", sort_key="C-01")
    b_bin = make_location(api, site.warehouse, code="B-01", sort_key="B-01")
    for lot, bin_ in ((expired, site.bin), (first, c_bin), (later, b_bin)):
        add_stock(api, product, bin_, 4, lot_id=lot["id"])
    order = ok(act(api, make_order(api, site.customer, site.warehouse, [(product, 3)]),
                   "confirm"))
    return type("Lots", (), dict(product=product, expired=expired, first=first, later=later,
                                 c_bin=c_bin, b_bin=b_bin, order=order))


def stored_pick(app, pick_id):
    from backend.sales.models import Pick
    with app.app_context():
        return Pick.get_by_id(pick_id)


def test_a_lot_tracked_product_picked_without_its_lot_is_422(api, site, lots):
    response = pick(api, lots.order, line_of(lots.order), lots.c_bin, 1)
    assert response.status_code == 422
    assert (response.json["error"]["code"], response.json["error"]["field"]) == \
        ("lot_required", "lot_id")
    assert moves_of(api, lots.order) == []


def test_an_expired_lot_is_refused_and_nothing_moves(api, site, lots):
    response = pick(api, lots.order, line_of(lots.order), site.bin, 1,
                    lot_id=lots.expired["id"])
    assert response.status_code == 409
    error = response.json["error"]
    assert (error["code"], error["field"], error["expiry"]) == \
        ("lot_expired", "lot_id", lots.expired["expiry"])
    assert balance(api, lots.product, site.bin) == 4
    assert line_of(get_order(api, lots.order))["qty_picked"] == 0


def test_a_clerks_override_of_an_expired_lot_is_forbidden(api, site, lots):
    response = pick(api.as_user("picker"), lots.order, line_of(lots.order), site.bin, 1,
                    lot_id=lots.expired["id"], override=True)
    assert response.status_code == 403
    assert (response.json["error"]["code"], response.json["error"]["field"]) == \
        ("forbidden", "override")
    assert moves_of(api, lots.order) == []


def test_a_managers_override_takes_the_expired_lot_and_is_recorded(app, api, site, lots):
    boss = api.as_user("boss")
    body = ok(pick(boss, lots.order, line_of(lots.order), site.bin, 1,
                   lot_id=lots.expired["id"], override=True), 201)
    me = ok(boss.get("/api/v1/auth/me"))["user"]
    assert body["overridden_by"] == me["id"]
    assert stored_pick(app, body["id"]).overridden_by_id == me["id"]
    assert balance(api, lots.product, site.bin) == 3


def test_a_later_lot_without_a_reason_names_the_lot_to_take(api, site, lots):
    response = pick(api, lots.order, line_of(lots.order), lots.b_bin, 1,
                    lot_id=lots.later["id"])
    assert response.status_code == 422
    error = response.json["error"]
    assert (error["code"], error["field"]) == ("fefo_reason_required", "reason")
    assert (error["suggested_lot_id"], error["suggested_lot"], error["suggested_expiry"],
            error["suggested_location"]) == (lots.first["id"], "L-FIRST",
                                             lots.first["expiry"], "C-01")
    blank = pick(api, lots.order, line_of(lots.order), lots.b_bin, 1,
                 lot_id=lots.later["id"], reason="  ")
    assert blank.json["error"]["code"] == "fefo_reason_required"
    assert balance(api, lots.product, lots.b_bin) == 4


def test_a_later_lot_with_a_reason_is_picked_and_the_reason_kept(app, api, site, lots):
    too_long = pick(api, lots.order, line_of(lots.order), lots.b_bin, 2,
                    lot_id=lots.later["id"], reason="x" * 201)
    assert too_long.status_code == 422 and too_long.json["error"]["field"] == "reason"
    body = ok(pick(api, lots.order, line_of(lots.order), lots.b_bin, 2,
                   lot_id=lots.later["id"], reason="C-01 blocked by a pallet"), 201)
    assert stored_pick(app, body["id"]).reason == "C-01 blocked by a pallet"
    assert body["overridden_by"] is None
    assert balance(api, lots.product, lots.b_bin) == 2


def test_once_the_first_lot_is_picked_out_the_next_one_needs_no_reason(api, site, lots):
    more = ok(act(api, make_order(api, site.customer, site.warehouse, [(lots.product, 5)]),
                  "confirm"))
    refused = pick(api, more, line_of(more), lots.b_bin, 2, lot_id=lots.later["id"])
    assert refused.json["error"]["code"] == "fefo_reason_required"
    ok(pick(api, more, line_of(more), lots.c_bin, 4, lot_id=lots.first["id"]), 201)
    ok(pick(api, more, line_of(more), lots.b_bin, 1, lot_id=lots.later["id"]), 201)


def test_a_later_lot_for_what_the_first_cannot_cover_needs_no_reason(api, site, lots):
    six = ok(act(api, make_order(api, site.customer, site.warehouse, [(lots.product, 6)]),
                 "confirm"))  # L-FIRST covers 4: walking B-01 first, 2 of L-LATER are in plan
    beyond = pick(api, six, line_of(six), lots.b_bin, 3, lot_id=lots.later["id"])
    assert beyond.json["error"]["code"] == "fefo_reason_required"
    ok(pick(api, six, line_of(six), lots.b_bin, 2, lot_id=lots.later["id"]), 201)
    ok(pick(api, six, line_of(six), lots.c_bin, 4, lot_id=lots.first["id"]), 201)


def test_the_pick_list_marks_expired_lots_and_suggests_the_first_unexpired(api, site, lots):
    items = ok(api.get(f"{SO}/{lots.order['id']}/pick-list"))["items"]
    assert [(i["location"], i["lot"], i["expired"], i["suggested"], i["pick_qty"])
            for i in items] == [("A-01", "L-OLD", True, False, 0),
                                ("B-01", "L-LATER", False, False, 0),
                                ("C-01", "L-FIRST", False, True, 3)]
