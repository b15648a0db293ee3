"""The ledger's reservation guard: exactly what is available can be reserved."""
from decimal import Decimal

import pytest

from backend.errors import Conflict
from tests.backend.factories import add_stock, level, make_location, make_product, make_warehouse


@pytest.fixture
def stocked(api):
    warehouse, product = make_warehouse(api), make_product(api)
    add_stock(api, product, make_location(api, warehouse), 5)
    return warehouse, product


def test_reserving_all_that_is_available_succeeds_and_one_more_is_refused(app, api, stocked):
    from backend.stock.ledger import reserve
    warehouse, product = stocked
    with app.app_context():
        reserve(product["id"], warehouse["id"], Decimal(5))
        with pytest.raises(Conflict) as refused:
            reserve(product["id"], warehouse["id"], Decimal(1))
    assert refused.value.code == "insufficient_stock"
    assert (level(api, product, warehouse)["reserved"], level(api, product, warehouse)["available"]) == (5, 0)


def test_fractional_reservation_is_scaled_like_the_stored_figures(app, api, stocked):
    from backend.stock.ledger import reserve
    warehouse, product = stocked
    with app.app_context():
        reserve(product["id"], warehouse["id"], Decimal("4.5"))
        with pytest.raises(Conflict):
            reserve(product["id"], warehouse["id"], Decimal("0.501"))
    assert level(api, product, warehouse)["reserved"] == 4.5


def test_releasing_more_than_reserved_is_refused(app, api, stocked):
    from backend.stock.ledger import reserve
    warehouse, product = stocked
    with app.app_context():
        reserve(product["id"], warehouse["id"], Decimal(2))
        with pytest.raises(Conflict) as refused:
            reserve(product["id"], warehouse["id"], Decimal(-3))
    assert refused.value.code == "over_release"
    assert level(api, product, warehouse)["reserved"] == 2
