"""A token without a user is its own requester: it may not decide what it asked for."""
import pytest

from tests.backend.factories import make_location, make_product, make_warehouse, ok


@pytest.fixture
def integration(api, app):
    """An API client of a manager-role token that acts for no user (an ERP, a script)."""
    from backend.auth.tokens import issue_token
    with app.app_context():
        for name in ("erp", "crm"):
            app.extensions["test_tokens"][name] = issue_token(name, "manager")[1]
    return api.as_user("erp")


def ask_for_an_adjustment(client, api):
    warehouse, product = make_warehouse(api), make_product(api)
    bin_ = make_location(api, warehouse)
    ok(client.post("/api/v1/stock/adjustments", {
        "warehouse_id": warehouse["id"], "reason": "found",
        "lines": [{"product_id": product["id"], "location_id": bin_["id"], "qty": 5}]}))
    return ok(api.get("/api/v1/approvals?status=pending"))["items"][0]


def test_a_token_without_a_user_cannot_approve_its_own_request(integration, api):
    approval = ask_for_an_adjustment(integration, api)
    response = integration.post(f"/api/v1/approvals/{approval['id']}/approve", {})
    assert response.status_code == 403 and response.json["error"]["code"] == "self_approval"
    assert ok(api.get(f"/api/v1/approvals/{approval['id']}"))["status"] == "pending"


def test_another_token_may_decide_it(integration, api):
    approval = ask_for_an_adjustment(integration, api)
    ok(api.as_user("crm").post(f"/api/v1/approvals/{approval['id']}/approve", {}))
    assert ok(api.get(f"/api/v1/approvals/{approval['id']}"))["requested_by_token_id"] is not None
