"""Finishing a receiving session: close the PO short or leave it open, by the receiver."""
import pytest

from tests.backend.factories import level, limited_client, make_warehouse, ok
from tests.backend.purchasing.factories import PO, get_order, receive


def finish(api, order, close):
    return api.post(f"{PO}/{order['id']}/finish", {"close": close})


def test_the_receiver_closes_a_po_short_and_the_rest_stops_being_incoming(api, site, approved):
    picker = api.as_user("picker")  # warehouse role: may receive, may not /close
    ok(receive(picker, approved, approved["lines"][0], 4, site.bin))
    assert picker.post(f"{PO}/{approved['id']}/close").status_code == 403
    body = ok(finish(picker, approved, True))
    assert body["status"] == "closed"
    assert [(l["qty_received"], l["outstanding"]) for l in body["lines"]] == [(4, 6)]
    assert level(api, site.product, site.warehouse)["incoming"] == 0


def test_leaving_it_open_changes_nothing(api, site, approved):
    ok(receive(api, approved, approved["lines"][0], 4, site.bin))
    body = ok(finish(api.as_user("picker"), approved, False))
    assert body["status"] == get_order(api, approved)["status"] == "partly_received"
    assert level(api, site.product, site.warehouse)["incoming"] == 6


def test_closing_a_po_with_nothing_received_is_409(api, site, approved):
    response = finish(api, approved, True)
    assert response.status_code == 409 and response.json["error"]["code"] == "bad_state"


@pytest.mark.parametrize("body", [{}, {"close": "maybe"}, {"close": None}])
def test_finish_needs_a_yes_or_no(api, site, approved, body):
    response = api.post(f"{PO}/{approved['id']}/finish", body)
    assert response.status_code == 422 and response.json["error"]["field"] == "close"


def test_another_warehouses_po_is_refused_to_a_limited_user(api, app, site, approved):
    client = limited_client(api, app, [make_warehouse(api)])
    ok(receive(api, approved, approved["lines"][0], 4, site.bin))
    response = finish(client, approved, True)
    assert response.status_code == 403 and response.json["error"]["code"] == "warehouse"
    assert receive(client, approved, approved["lines"][0], 1, site.bin).status_code == 403
    assert get_order(api, approved)["status"] == "partly_received"
