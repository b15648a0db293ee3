"""A stocked warehouse, a customer and orders in any state, for every sales test."""
from types import SimpleNamespace

import pytest

from tests.backend.factories import add_stock, make_location, make_partner, make_product, make_warehouse, ok
from tests.backend.sales.factories import act, line_of, make_order, pick, special


@pytest.fixture
def site(api):
    """Warehouse with bin A (10 units) and staging; a whole-unit product costing 2, price 5."""
    warehouse = make_warehouse(api)
    bin_a = make_location(api, warehouse, code="A-01", sort_key="A-01")
    product = make_product(api, cost=2, price=5)
    add_stock(api, product, bin_a, 10)
    return SimpleNamespace(warehouse=warehouse, bin=bin_a, product=product,
                           customer=make_partner(api, "customers"),
                           staging=special(api, warehouse, "staging"),
                           quarantine=special(api, warehouse, "quarantine"))


@pytest.fixture
def order_in(api, site):
    """Build an order for 4 of the site's product in any state: order_in("picking")."""
    def build(state, qty=4):
        order = make_order(api, site.customer, site.warehouse, [(site.product, qty)])
        if state == "draft":
            return order
        if state == "cancelled":
            return ok(act(api, order, "cancel"))
        order = ok(act(api, order, "confirm"))
        if state in ("picking", "picked", "shipped"):
            ok(pick(api, order, line_of(order), site.bin, 1 if state == "picking" else qty))
        if state == "shipped":  # the ship answer adds "backorder": read the order itself
            ok(act(api, order, "ship"))
        return ok(api.get(f"/api/v1/sales-orders/{order['id']}"))
    return build
