"""Moves between bins of one warehouse: through the ledger, exactly once, never oversold."""
from types import SimpleNamespace

import pytest

from tests.backend.factories import (
    add_stock,
    balance,
    level,
    limited_client,
    make_location,
    make_product,
    make_warehouse,
    ok,
)
from tests.backend.sales.factories import special

URL = "/api/v1/bin-moves"


@pytest.fixture
def site(api):
    """Warehouse with bins A (5 units) and B, its staging area, and another warehouse's bin."""
    warehouse, other = make_warehouse(api), make_warehouse(api)
    bin_a, bin_b = make_location(api, warehouse), make_location(api, warehouse)
    product = make_product(api)
    add_stock(api, product, bin_a, 5)
    return SimpleNamespace(warehouse=warehouse, a=bin_a, b=bin_b, product=product,
                           staging=special(api, warehouse, "staging"),
                           quarantine=special(api, warehouse, "quarantine"),
                           transit=special(api, warehouse, "transit"),
                           elsewhere=make_location(api, other), other=other)


def move(api, site, qty, source=None, target=None, key=None):
    body = {"product_id": site.product["id"], "qty": qty,
            "from_location_id": (source or site.a)["id"],
            "to_location_id": (target or site.b)["id"]}
    return api.post(URL, body, key=key)


def moves_of(api, bin_move):
    rows = ok(api.get(f"/api/v1/stock/moves?doc_type=bin_move&doc_id={bin_move['id']}"))
    return [(m["location_id"], m["qty"], m["reason"]) for m in rows["items"]]


def test_a_move_takes_from_one_bin_and_puts_into_the_other(api, site):
    response = move(api.as_user("picker"), site, 3)
    body = ok(response, 201)
    assert response.headers["Location"].endswith(f"{URL}/{body['id']}")
    assert (body["warehouse_id"], body["qty"], body["reason"]) == (site.warehouse["id"], 3,
                                                                   "bin_move")
    assert (balance(api, site.product, site.a), balance(api, site.product, site.b)) == (2, 3)
    assert moves_of(api, body) == [(site.a["id"], -3, "bin_move"), (site.b["id"], 3, "bin_move")]
    assert level(api, site.product, site.warehouse)["on_hand"] == 5  # the warehouse holds as much
    assert ok(api.get(response.headers["Location"]))["id"] == body["id"]


def test_a_move_is_audited(api, site):
    body = ok(move(api.as_user("picker"), site, 1))
    entries = ok(api.get(f"/api/v1/audit?target_type=bin_move&target_id={body['id']}"))["items"]
    assert [e["action"] for e in entries] == ["transfers.create_bin_move"]


def test_put_away_from_staging_uses_the_same_move(api, site):
    ok(move(api, site, 2, target=site.staging))
    ok(move(api, site, 2, source=site.staging, target=site.b))
    assert [balance(api, site.product, l) for l in (site.a, site.staging, site.b)] == [3, 0, 2]


def test_a_replayed_move_answers_the_first_result_and_moves_nothing_again(api, site):
    first = move(api, site, 2, key="move-1")
    again = move(api, site, 2, key="move-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json["id"] == first.json["id"] and again.headers["Idempotent-Replayed"] == "true"
    assert (balance(api, site.product, site.a), balance(api, site.product, site.b)) == (3, 2)


def test_moving_more_than_the_bin_holds_is_409_and_changes_nothing(api, site):
    response = move(api, site, 6)
    assert response.status_code == 409
    assert (response.json["error"]["code"], response.json["error"]["available"]) == \
        ("insufficient_stock", "5")
    assert (balance(api, site.product, site.a), balance(api, site.product, site.b)) == (5, 0)
    assert ok(api.get("/api/v1/stock/moves?doc_type=bin_move"))["items"] == []


def test_two_phones_racing_for_the_last_unit_one_wins_the_other_gets_409(api, app, site):
    from tests.backend.sales.factories import race
    ok(move(api, site, 4))  # one unit left in A
    body = {"product_id": site.product["id"], "qty": 1, "from_location_id": site.a["id"]}
    statuses = race(app, [(URL, dict(body, to_location_id=site.b["id"])),
                          (URL, dict(body, to_location_id=site.staging["id"]))])
    assert sorted(statuses) == [201, 409]
    assert balance(api, site.product, site.a) == 0
    assert balance(api, site.product, site.b) + balance(api, site.product, site.staging) == 5


@pytest.mark.slow
def test_racing_for_the_last_unit_through_the_real_server(live_server, api, site):
    from tests.conftest import hammer
    headers = dict(api.as_user("picker").headers, **{"X-Device": "race"})
    body = {"product_id": site.product["id"], "qty": 1, "from_location_id": site.a["id"],
            "to_location_id": site.b["id"]}
    responses = hammer(live_server, [("POST", URL, body, dict(headers, **{
        "Idempotency-Key": f"race-{i}"})) for i in range(8)])
    assert sorted(r.status_code for r in responses) == [201] * 5 + [409] * 3
    assert {r.json()["error"]["code"] for r in responses if r.status_code == 409} == \
        {"insufficient_stock"}
    assert (balance(api, site.product, site.a), balance(api, site.product, site.b)) == (0, 5)


def test_units_reserved_for_an_order_may_still_move_between_bins(api, site):
    from tests.backend.factories import make_partner
    from tests.backend.sales.factories import act, make_order
    order = make_order(api, make_partner(api, "customers"), site.warehouse, [(site.product, 5)])
    ok(act(api, order, "confirm"))  # all 5 reserved
    ok(move(api, site, 5))
    assert balance(api, site.product, site.b) == 5
    assert level(api, site.product, site.warehouse)["reserved"] == 5


@pytest.mark.parametrize("end, code", [("elsewhere", "wrong_warehouse"),
                                       ("quarantine", "wrong_location_kind"),
                                       ("transit", "wrong_location_kind"),
                                       ("a", "same_location")])
def test_the_bin_to_must_be_another_bin_of_the_same_warehouse(api, site, end, code):
    response = move(api, site, 1, target=getattr(site, end))
    assert response.status_code == 422
    assert (response.json["error"]["code"], response.json["error"]["field"]) == \
        (code, "to_location_id")
    assert balance(api, site.product, site.a) == 5


def test_quarantined_units_leave_only_through_a_release(api, site):
    response = move(api, site, 1, source=site.quarantine)
    assert response.status_code == 422
    assert (response.json["error"]["code"], response.json["error"]["field"]) == \
        ("wrong_location_kind", "from_location_id")


def test_a_lot_tracked_product_needs_its_lot(api, site):
    product = make_product(api, tracks_lots=True)
    response = api.post(URL, {"product_id": product["id"], "qty": 1,
                              "from_location_id": site.a["id"], "to_location_id": site.b["id"]})
    assert response.status_code == 422
    assert (response.json["error"]["code"], response.json["error"]["field"]) == \
        ("lot_required", "lot_id")


def test_a_lot_moves_with_its_units(api, site):
    product = make_product(api, tracks_lots=True)
    lot = ok(api.post(f"/api/v1/products/{product['id']}/lots", {"code": "L1"}))
    add_stock(api, product, site.a, 4, lot_id=lot["id"])
    ok(api.post(URL, {"product_id": product["id"], "lot_id": lot["id"], "qty": 4,
                      "from_location_id": site.a["id"], "to_location_id": site.b["id"]}))
    rows = ok(api.get(f"/api/v1/stock?product_id={product['id']}&location_id={site.b['id']}"))
    assert [(r["lot"], r["on_hand"]) for r in rows["items"]] == [("L1", 4)]


@pytest.mark.parametrize("change, field", [
    ({"qty": 0}, "qty"), ({"qty": -1}, "qty"), ({"qty": "x"}, "qty"),
    ({"product_id": None}, "product_id"), ({"to_location_id": "1"}, "to_location_id"),
    ({"from_location_id": 10**6}, "from_location_id"), ({"product_id": 10**6}, "product_id")])
def test_bad_input_is_a_4xx_naming_the_field_and_moves_nothing(api, site, change, field):
    body = {"product_id": site.product["id"], "qty": 1, "from_location_id": site.a["id"],
            "to_location_id": site.b["id"], **change}
    response = api.post(URL, body)
    assert 400 <= response.status_code < 500 and response.json["error"]["field"] == field
    assert balance(api, site.product, site.a) == 5


def test_a_user_limited_to_one_warehouse_cannot_move_in_another(api, app, site):
    client = limited_client(api, app, [site.other])
    response = move(client, site, 1)
    assert response.status_code == 403 and response.json["error"]["code"] == "warehouse"
    assert balance(api, site.product, site.a) == 5


def test_another_warehouses_bin_move_is_not_shown_to_a_limited_user(api, app, site):
    body = ok(move(api, site, 1), 201)
    client = limited_client(api, app, [site.other])
    response = client.get(f"{URL}/{body['id']}")
    assert response.status_code == 403 and response.json["error"]["code"] == "warehouse"
    assert ok(limited_client(api, app, [site.warehouse]).get(f"{URL}/{body['id']}"))["id"] == \
        body["id"]


def test_the_service_checks_the_source_bins_warehouse_itself(api, app, site):
    """The service checks what the bin is (its warehouse), whatever the request calls it."""
    from backend.auth.access import allowed_warehouses
    from backend.auth.models import User
    from backend.errors import Forbidden
    from backend.stock.ledger import Actor
    from backend.transfers.bin_moves import move_stock
    limited_client(api, app, [site.other], username="elsewhere")
    with app.app_context():
        user = User.get(User.username == "elsewhere")
        with pytest.raises(Forbidden):
            move_stock({"product_id": site.product["id"], "qty": 1,
                        "from_location_id": site.a["id"], "to_location_id": site.b["id"]},
                       Actor(user_id=user.id, warehouses=allowed_warehouses(user.id)))
