"""Purchasing's make_* factories: purchase orders in any state, via the API."""
from tests.backend.factories import ok

PO = "/api/v1/purchase-orders"


def make_order(api, supplier, warehouse, lines):
    """A draft PO; lines are (product, qty, unit_cost) tuples."""
    return ok(api.post(PO, {"supplier_id": supplier["id"], "warehouse_id": warehouse["id"],
                            "lines": [{"product_id": p["id"], "qty_ordered": q, "unit_cost": c}
                                      for p, q, c in lines]}), 201)


def get_order(api, order):
    return ok(api.get(f"{PO}/{order['id']}"))


def submit(api, order):
    return ok(api.post(f"{PO}/{order['id']}/submit"))


def approve_pending(api, order, approved=True):
    """A manager decides on the PO's pending approval."""
    approval_id = get_order(api, order)["approval_id"]
    verb = "approve" if approved else "reject"
    return ok(api.as_user("boss").post(f"/api/v1/approvals/{approval_id}/{verb}", {}))


def receive(api, order, line, qty, location, key=None, allow_over=None, **extra):
    """POST a one-line receipt against the order's line; returns the response."""
    body = {"lines": [{"order_line_id": line["id"], "qty": qty, "location_id": location["id"],
                       **extra}]}
    if allow_over is not None:
        body["allow_over"] = allow_over
    return api.post(f"{PO}/{order['id']}/receipts", body, key=key)


def line_of(order, index=0):
    return order["lines"][index]
