"""A warehouse with a bin, a supplier and a whole-unit product, for every purchasing test."""
from types import SimpleNamespace

import pytest

from tests.backend.factories import make_location, make_partner, make_product, make_warehouse
from tests.backend.purchasing.factories import PO, get_order, make_order, ok, receive, submit


@pytest.fixture
def site(api):
    warehouse = make_warehouse(api)
    return SimpleNamespace(warehouse=warehouse, bin=make_location(api, warehouse),
                           supplier=make_partner(api, "suppliers"), product=make_product(api))


@pytest.fixture
def approved(api, site):
    """An approved PO for 10 of the product at 4.00 (under the approval amount)."""
    order = make_order(api, site.supplier, site.warehouse, [(site.product, 10, 4)])
    return submit(api, order)


@pytest.fixture
def order_in(api, site):
    """Build a PO in any state: order_in("partly_received")."""
    def build(state):
        big = state == "pending_approval"
        order = make_order(api, site.supplier, site.warehouse,
                           [(site.product, 10, 1000 if big else 4)])
        if state == "draft":
            return order
        if state == "cancelled":
            return ok(api.post(f"{PO}/{order['id']}/cancel"))
        order = submit(api, order)
        if state in ("partly_received", "received", "closed"):
            qty = 4 if state == "partly_received" else 10
            ok(receive(api, order, order["lines"][0], qty, site.bin))
        if state == "closed":
            ok(api.post(f"{PO}/{order['id']}/close"))
        order = get_order(api, order)
        assert order["status"] == state
        return order
    return build
