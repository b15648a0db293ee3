"""The suggested bin for receiving and restocking: where the product was last put away."""
import pytest

from tests.backend.factories import (
    add_stock,
    limited_client,
    make_location,
    make_partner,
    make_product,
    make_warehouse,
    ok,
)
from tests.backend.purchasing.factories import make_order, receive, submit

URL = "/api/v1/stock/putaway"


@pytest.fixture
def warehouse(api):
    return make_warehouse(api)


def suggest(api, product, warehouse):
    return api.get(f"{URL}?product_id={product['id']}&warehouse_id={warehouse['id']}")


def test_the_bin_it_was_last_received_into_is_suggested(api, warehouse):
    product, full, last = make_product(api), make_location(api, warehouse), \
        make_location(api, warehouse)
    add_stock(api, product, full, 50)
    order = submit(api, make_order(api, make_partner(api, "suppliers"), warehouse, [(product, 5, 1)]))
    ok(receive(api, order, order["lines"][0], 2, last))
    body = ok(suggest(api.as_user("picker"), product, warehouse))
    assert (body["location"]["id"], body["location"]["barcode"], body["basis"]) == \
        (last["id"], last["barcode"], "last_put")


def test_a_put_into_staging_or_another_warehouse_does_not_count(api, warehouse):
    product, bin_ = make_product(api), make_location(api, warehouse)
    add_stock(api, product, bin_, 1)
    other = make_warehouse(api)
    add_stock(api, product, make_location(api, other), 1)
    order = submit(api, make_order(api, make_partner(api, "suppliers"), warehouse, [(product, 5, 1)]))
    staging = next(l for l in ok(api.get(f"/api/v1/warehouses/{warehouse['id']}/locations"))
                   if l["kind"] == "staging")
    ok(receive(api, order, order["lines"][0], 2, staging))
    assert ok(suggest(api, product, warehouse))["location"]["id"] == bin_["id"]


def test_without_history_the_fullest_bin_is_suggested_else_none(api, warehouse, app):
    product = make_product(api)
    assert ok(suggest(api, product, warehouse)) == {
        "product_id": product["id"], "warehouse_id": warehouse["id"], "location": None,
        "basis": None}
    small, big = make_location(api, warehouse), make_location(api, warehouse)
    add_stock(api, product, small, 1)
    add_stock(api, product, big, 9)
    from backend.stock.putaway import fullest_bin
    with app.app_context():
        assert fullest_bin(product["id"], warehouse["id"]).id == big["id"]


def test_another_warehouse_is_refused_to_a_limited_user(api, app, warehouse):
    client = limited_client(api, app, [make_warehouse(api)])
    response = suggest(client, make_product(api), warehouse)
    assert response.status_code == 403 and response.json["error"]["code"] == "warehouse"


@pytest.mark.parametrize("query, field", [("product_id=1", "warehouse_id"),
                                          ("warehouse_id=1", "product_id"),
                                          ("product_id=x&warehouse_id=1", "product_id")])
def test_both_ids_are_needed(api, warehouse, query, field):
    response = api.get(f"{URL}?{query}")
    assert response.status_code == 422 and response.json["error"]["field"] == field


def test_an_unknown_warehouse_is_404(api):
    response = suggest(api, make_product(api), {"id": 999})
    assert response.status_code == 404 and response.json["error"]["field"] == "warehouse_id"
