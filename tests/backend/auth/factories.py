"""Auth's make_* factories: users limited to warehouses, and documents to try them on."""
from tests.backend.factories import ok
from tests.backend.sales.factories import act, line_of, make_order, pick
from tests.conftest import ApiClient


def make_limited(api, app, username, role, warehouses):
    """A user of `role` limited to `warehouses`, with an API token; returns their client."""
    from backend.auth.tokens import issue_token
    user = ok(api.post("/api/v1/users", {"username": username, "display_name": username,
                                         "role": role, "warehouses": warehouses}))
    with app.app_context():
        app.extensions["test_tokens"][username] = issue_token("t", user_id=user["id"])[1]
    return ApiClient(app.test_client(), username)


def shipped_order(api, warehouse, bin_, product, customer):
    """A sales order of one unit, shipped from the warehouse's bin."""
    order = ok(act(api, make_order(api, customer, warehouse, [(product, 1)]), "confirm"))
    ok(pick(api, order, line_of(order), bin_, 1))
    return ok(act(api, order, "ship"))


def transfer(api, source, bin_, dest, product, ship=False):
    """A draft transfer of one unit from a bin of `source` to `dest` (shipped if asked)."""
    body = {"from_warehouse_id": source["id"], "to_warehouse_id": dest["id"],
            "lines": [{"product_id": product["id"], "qty": 1, "from_location_id": bin_["id"]}]}
    made = ok(api.post("/api/v1/transfers", body), 201)
    return ok(api.post(f"/api/v1/transfers/{made['id']}/ship")) if ship else made
