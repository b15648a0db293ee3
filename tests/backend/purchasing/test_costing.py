"""Moving-average cost: each receipt folds its unit cost into the product's cost."""
from decimal import Decimal

import pytest

from backend.purchasing.costing import moving_average
from tests.backend.factories import add_stock, make_location, make_product, make_warehouse, ok
from tests.backend.purchasing.factories import make_order, receive, submit


def _cost(api, product):
    return ok(api.get(f"/api/v1/products/{product['id']}"))["cost"]


def _cost_in_db(app, product):
    from backend.catalog.models import Product
    with app.app_context():
        return Product.get_by_id(product["id"]).cost


def test_two_receipts_at_different_costs_average_by_quantity(api, app, site):
    other = make_product(api)
    order = submit(api, make_order(api, site.supplier, site.warehouse, [(site.product, 10, 4)]))
    ok(receive(api, order, order["lines"][0], 10, site.bin))
    assert _cost_in_db(app, site.product) == Decimal("4")
    order = submit(api, make_order(api, site.supplier, site.warehouse,
                                   [(site.product, 3, 5), (other, 1, 1)]))
    ok(receive(api, order, order["lines"][0], 3, site.bin))
    # (10 x 4 + 3 x 5) / 13 = 4.230769... rounded to 4 places
    assert _cost_in_db(app, site.product) == Decimal("4.2308")
    assert _cost(api, site.product) == 4.2308
    assert _cost_in_db(app, other) == Decimal("2")  # nothing of it arrived yet


def test_first_receipt_with_nothing_on_hand_takes_the_receipt_cost(api, app, site, approved):
    assert _cost_in_db(app, site.product) == Decimal("2")
    ok(receive(api, approved, approved["lines"][0], 1, site.bin))
    assert _cost_in_db(app, site.product) == Decimal("4")


def test_stock_in_every_warehouse_counts_in_the_average(api, app, site, approved):
    elsewhere = make_location(api, make_warehouse(api))
    add_stock(api, site.product, elsewhere, 30)  # 30 on hand at the product's cost of 2
    ok(receive(api, approved, approved["lines"][0], 10, site.bin))
    # (30 x 2 + 10 x 4) / 40
    assert _cost_in_db(app, site.product) == Decimal("2.5")


def test_replayed_receipt_does_not_move_the_cost_again(api, app, site):
    add_stock(api, site.product, site.bin, 10)
    order = submit(api, make_order(api, site.supplier, site.warehouse, [(site.product, 10, 4)]))
    receive(api, order, order["lines"][0], 10, site.bin, key="scan-1")
    receive(api, order, order["lines"][0], 10, site.bin, key="scan-1")
    assert _cost_in_db(app, site.product) == Decimal("3")


@pytest.mark.parametrize("on_hand,old,qty,unit,expected", [
    ("10", "4", "3", "5", "4.2308"),
    ("0", "9", "2", "1.5", "1.5"),
    ("-5", "9", "2", "1.5", "1.5"),
    ("2", "1.0001", "1", "1", "1.0001"),          # 1.00006667 rounds up
    ("3", "0.0001", "1", "0.0002", "0.0001"),     # 0.000125 rounds half up to 0.0001
    ("1", "0.0001", "1", "0.0002", "0.0002"),     # 0.00015 rounds half up to 0.0002
    ("0.5", "10", "0.25", "4", "8"),
])
def test_moving_average_is_exact_and_rounded_to_four_places(on_hand, old, qty, unit, expected):
    result = moving_average(Decimal(on_hand), Decimal(old), Decimal(qty), Decimal(unit))
    assert result == Decimal(expected) and result.as_tuple().exponent == -4
