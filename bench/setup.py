"""Data for the ledger benchmark, made through the app's own API in-process."""
import uuid

from config import Settings


def _client(url):
    from backend import create_app
    from backend.migrations import migrate
    app = create_app(Settings(database_url=url, po_approval_amount="1000000000000"))
    with app.app_context():
        migrate()
    return app


def _post(client, headers, path, body):
    response = client.post(path, json=body, headers=dict(headers, **{"Idempotency-Key": uuid.uuid4().hex}))
    assert response.status_code < 400, (path, response.get_json())
    return response.get_json()


def seed_for_bench(url, thresholds=False):
    """A warehouse, a bin, an approved PO and a confirmed SO with plenty to receive and pick
    (with `thresholds`, both products have a reorder point stock never falls to)."""
    from backend.auth.models import User
    from backend.auth.tokens import issue_token
    app = _client(url)
    with app.app_context():
        user = User.create(username="bench", display_name="Bench", role="admin")
        secret = issue_token("bench", "admin", user_id=user.id)[1]
    headers = {"Authorization": f"Bearer {secret}", "X-Device": "bench"}
    c = app.test_client()
    wh = _post(c, headers, "/api/v1/warehouses", {"code": "BW", "name": "Bench"})
    loc = _post(c, headers, f"/api/v1/warehouses/{wh['id']}/locations", {"code": "A-01"})
    received = _post(c, headers, "/api/v1/products", {"sku": "RCV", "name": "Received", "price": 2})
    picked = _post(c, headers, "/api/v1/products", {"sku": "PCK", "name": "Picked", "price": 3})
    sup = _post(c, headers, "/api/v1/suppliers", {"code": "S1", "name": "Supplier"})
    po = _post(c, headers, "/api/v1/purchase-orders", {
        "supplier_id": sup["id"], "warehouse_id": wh["id"],
        "lines": [{"product_id": received["id"], "qty_ordered": 10_000_000, "unit_cost": 1},
                  {"product_id": picked["id"], "qty_ordered": 10_000_000, "unit_cost": 1}]})
    _post(c, headers, f"/api/v1/purchase-orders/{po['id']}/submit", {})
    lines = {l["product_id"]: l["id"] for l in po["lines"]}
    _post(c, headers, f"/api/v1/purchase-orders/{po['id']}/receipts", {"lines": [
        {"order_line_id": lines[picked["id"]], "qty": 5_000_000, "location_id": loc["id"]}]})
    cust = _post(c, headers, "/api/v1/customers", {"code": "C1", "name": "Customer"})
    so = _post(c, headers, "/api/v1/sales-orders", {
        "customer_id": cust["id"], "warehouse_id": wh["id"],
        "lines": [{"product_id": picked["id"], "qty_ordered": 4_000_000}]})
    _post(c, headers, f"/api/v1/sales-orders/{so['id']}/confirm", {})
    for product in (received, picked) if thresholds else ():
        put = c.put(f"/api/v1/stock/levels/{product['id']}/{wh['id']}", json={"reorder_point": 1},
                    headers=dict(headers, **{"Idempotency-Key": uuid.uuid4().hex}))
        assert put.status_code == 200, put.get_json()
    plan = {"receipt_path": f"/api/v1/purchase-orders/{po['id']}/receipts",
            "po_line_id": lines[received["id"]], "location_id": loc["id"],
            "pick_path": f"/api/v1/sales-orders/{so['id']}/picks", "so_line_id": so["lines"][0]["id"],
            "warehouse_id": wh["id"], "picked_product_id": picked["id"],
            "second_location_id": _post(c, headers, f"/api/v1/warehouses/{wh['id']}/locations",
                                        {"code": "A-02"})["id"]}
    return plan, headers


def check_invariants(url):
    """Ledger discrepancies after the run (empty when sums of moves equal balances)."""
    from backend.stock.ledger import ledger_discrepancies
    app = _client(url)
    with app.app_context():
        return ledger_discrepancies()
