"""Small make_* factories that build data through the real API."""
import itertools

_seq = itertools.count(1)


def ean13(n):
    """A valid EAN-13 made from a number."""
    from backend.catalog.codes import gtin_check_digit
    body = f"200{n:09d}"
    return body + str(gtin_check_digit(body))


def ok(response, status=None):
    """The JSON body of a successful response (fails the test with the error otherwise)."""
    assert response.status_code < 400, (response.status_code, response.get_json())
    if status is not None:
        assert response.status_code == status, (response.status_code, response.get_json())
    return response.get_json()


def make_warehouse(api, code=None, **fields):
    code = code or f"W{next(_seq)}"
    return ok(api.post("/api/v1/warehouses", {"code": code, "name": f"Warehouse {code}", **fields}))


def make_partner(api, role, code=None, **fields):
    """A supplier or a customer (role "suppliers" or "customers")."""
    code = code or f"P-{next(_seq)}"
    return ok(api.post(f"/api/v1/{role}", {"code": code, "name": f"Partner {code}", **fields}),
              201)


def make_location(api, warehouse, code=None, **fields):
    code = code or f"A-{next(_seq):02d}"
    return ok(api.post(f"/api/v1/warehouses/{warehouse['id']}/locations", {"code": code, **fields}))


def make_product(api, sku=None, **fields):
    n = next(_seq)
    sku = sku or f"SKU-{n}"
    body = {"sku": sku, "name": f"Product {sku}", "cost": 2, "price": 5,
            "barcodes": [{"code": ean13(n)}], **fields}
    return ok(api.post("/api/v1/products", body))


def balance(api, product, location):
    """On hand of a product in one location (all lots)."""
    rows = ok(api.get(f"/api/v1/stock?product_id={product['id']}&location_id={location['id']}"))
    return sum(r["on_hand"] for r in rows["items"])


def level(api, product, warehouse):
    """The product's level row in a warehouse (zeros if none)."""
    rows = ok(api.get(f"/api/v1/stock/levels?product_id={product['id']}"
                      f"&warehouse_id={warehouse['id']}"))["items"]
    return rows[0] if rows else {"on_hand": 0, "reserved": 0, "available": 0, "incoming": 0}


def add_stock(api, product, location, qty, lot_id=None):
    """Put stock on hand the way a person would: an adjustment, approved by a manager."""
    adjustment = ok(api.post("/api/v1/stock/adjustments", {
        "warehouse_id": location["warehouse_id"], "reason": "opening balance",
        "lines": [{"product_id": product["id"], "location_id": location["id"], "qty": qty,
                   "lot_id": lot_id}]}))
    approvals = ok(api.get("/api/v1/approvals?status=pending&kind=stock_adjustment"))["items"]
    approval = next(a for a in approvals if a["doc_id"] == adjustment["id"])
    ok(api.as_user("boss").post(f"/api/v1/approvals/{approval['id']}/approve", {}))
    return adjustment


def limited_client(api, app, warehouses, role="warehouse", username=None):
    """An ApiClient of a new user of `role` limited to the given warehouses."""
    from backend.auth.tokens import issue_token
    from tests.conftest import ApiClient
    username = username or f"limited{next(_seq)}"
    user = ok(api.post("/api/v1/users", {"username": username, "display_name": username,
                                         "role": role,
                                         "warehouses": [w["id"] for w in warehouses]}))
    with app.app_context():
        app.extensions["test_tokens"][username] = issue_token(
            f"tests-{username}", role, user_id=user["id"])[1]
    return ApiClient(app.test_client(), username)
