"""GET /api/v1/device/catalog: the copy a device keeps offline, limited to what its user may read."""
import pytest

from tests.backend.factories import add_stock, make_location, make_partner, make_product, make_warehouse, ok
from tests.backend.purchasing.factories import approve_pending, make_order, submit
from tests.conftest import ApiClient

URL = "/api/v1/device/catalog"


def approved_order(api, warehouse, product, qty):
    supplier = make_partner(api, "suppliers", name="Acme Supplies")
    order = make_order(api, supplier, warehouse, [(product, qty, 3)])
    if submit(api, order)["status"] == "pending_approval":
        approve_pending(api, order)
    return ok(api.get(f"/api/v1/purchase-orders/{order['id']}"))


@pytest.fixture
def two_warehouses(api):
    """A product stocked and on order in A and in B."""
    a, b = make_warehouse(api), make_warehouse(api)
    product = make_product(api, price="12.50")
    for warehouse, qty in ((a, 5), (b, 7)):
        add_stock(api, product, make_location(api, warehouse), qty)
    orders = [approved_order(api, a, product, 24), approved_order(api, b, product, 9)]
    return {"a": a, "b": b, "product": product, "orders": orders}


def client_of(api, app, role, warehouses=None):
    from backend.auth.tokens import issue_token
    username = f"{role}-{len(app.extensions['test_tokens'])}"
    user = ok(api.post("/api/v1/users", {"username": username, "display_name": username,
                                         "role": role, "warehouses": warehouses or []}))
    with app.app_context():
        app.extensions["test_tokens"][username] = issue_token("t", user_id=user["id"])[1]
    return ApiClient(app.test_client(), username)


def test_the_copy_holds_products_prices_stock_and_incoming(api, two_warehouses):
    copy = ok(api.get(URL))
    product = two_warehouses["product"]
    assert {"id": product["id"], "sku": product["sku"], "price": 12.5}.items() <= \
        next(p for p in copy["products"] if p["id"] == product["id"]).items()
    barcode = product["barcodes"][0]["code"]
    assert {"code": barcode, "product_id": product["id"], "pack_qty": 1} in copy["barcodes"]
    assert sorted(lv["on_hand"] for lv in copy["levels"] if lv["product_id"] == product["id"]) == [5, 7]
    incoming = sorted((row["remaining"], row["supplier"], row["number"]) for row in copy["incoming"])
    assert incoming == sorted((o["lines"][0]["qty_ordered"], "Acme Supplies", o["number"])
                              for o in two_warehouses["orders"])
    assert {d["number"] for d in copy["documents"]} >= {o["number"] for o in two_warehouses["orders"]}


def test_a_user_limited_to_one_warehouse_gets_only_its_bins_stock_and_orders(api, app, two_warehouses):
    a = two_warehouses["a"]
    copy = ok(client_of(api, app, "warehouse", [a["id"]]).get(URL))
    assert {w["id"] for w in copy["warehouses"]} == {a["id"]}
    assert {loc["warehouse_id"] for loc in copy["locations"]} == {a["id"]}
    assert {lv["warehouse_id"] for lv in copy["levels"]} == {a["id"]}
    assert {row["warehouse_id"] for row in copy["balances"]} == {a["id"]}
    assert [row["number"] for row in copy["incoming"]] == [two_warehouses["orders"][0]["number"]]
    assert [d["number"] for d in copy["documents"]] == [two_warehouses["orders"][0]["number"]]


def test_a_sales_rep_sees_who_delivers_and_when_but_no_purchase_order_numbers(api, app, two_warehouses):
    copy = ok(client_of(api, app, "sales").get(URL))
    assert {row["supplier"] for row in copy["incoming"]} == {"Acme Supplies"}
    assert {row["number"] for row in copy["incoming"]} == {None}
    assert copy["documents"] == []


def test_the_copy_is_for_signed_in_users_only(app):
    assert app.test_client().get(URL).status_code == 401
