"""The audit trail: every mutation, who and from where, the changed fields before and after."""
import pytest

from tests.backend.factories import make_product, make_warehouse, ok

AUDIT = "/api/v1/audit"


def entries(api, **filters):
    """Audit entries matching filters, as the manager sees them."""
    query = "&".join(f"{k}={v}" for k, v in filters.items())
    return ok(api.as_user("boss").get(f"{AUDIT}?{query}&limit=500"))["items"]


def test_a_create_records_who_device_action_and_the_new_record(api):
    warehouse = make_warehouse(api)
    [entry] = entries(api, target_type="warehouse", target_id=warehouse["id"])
    assert entry["action"] == "stock.create_warehouse" and entry["method"] == "POST"
    assert entry["path"] == "/api/v1/warehouses" and entry["device"] == "test-device"
    assert entry["user_id"] is not None and entry["before"] is None
    assert entry["after"]["code"] == warehouse["code"] and entry["request_id"]


def test_an_update_records_only_the_changed_fields_before_and_after(api):
    product = make_product(api)
    ok(api.patch(f"/api/v1/products/{product['id']}", {"name": "Renamed"}))
    [entry] = entries(api, action="catalog.update_product")
    assert entry["target_type"] == "product" and entry["target_id"] == str(product["id"])
    assert set(entry["before"]) == set(entry["after"]) == {"name", "updated_at"}
    assert (entry["before"]["name"], entry["after"]["name"]) == (product["name"], "Renamed")


def test_a_delete_records_the_record_before(api):
    created = ok(api.post("/api/v1/tokens", {"name": "erp", "role": "readonly"}))
    api.delete(f"/api/v1/tokens/{created['id']}")
    [entry] = entries(api, action="tokens.revoke_token")
    assert entry["before"]["revoked_at"] is None and entry["after"]["revoked_at"]


def test_secrets_are_redacted(api):
    ok(api.post("/api/v1/tokens", {"name": "erp", "role": "readonly"}))
    [entry] = entries(api, action="tokens.create_token")
    assert entry["after"]["token_hash"] == "[redacted]"


def test_a_failed_mutation_leaves_no_entry(api):
    make_warehouse(api, code="DUP")
    before = len(entries(api))
    assert api.post("/api/v1/warehouses", {"code": "DUP", "name": "Again"}).status_code == 409
    assert len(entries(api)) == before


def test_an_idempotent_replay_adds_no_entry(api):
    body = {"code": "W9", "name": "Nine"}
    api.post("/api/v1/warehouses", body, key="same")
    api.post("/api/v1/warehouses", body, key="same")
    created = entries(api, action="stock.create_warehouse")
    assert len({e["request_id"] for e in created}) == 1
    assert [e["target_type"] for e in created].count("warehouse") == 1


def test_one_request_records_every_record_it_changed(api):
    make_warehouse(api)  # a warehouse comes with its staging, transit and quarantine places
    created = entries(api, action="stock.create_warehouse")
    assert sorted(e["target_type"] for e in created) == ["location"] * 3 + ["warehouse"]


def test_reads_are_not_audited(api):
    make_warehouse(api)
    before = len(entries(api))
    api.get("/api/v1/warehouses")
    assert len(entries(api)) == before


def test_filters_by_user_and_time(api, app):
    from tests.backend.auth.conftest import user_id
    make_warehouse(api)
    admin = user_id(app, "admin")
    assert entries(api, user_id=admin) and not entries(api, user_id=admin + 100)
    assert not entries(api, since="2999-01-01T00:00:00Z")
    assert entries(api, until="2999-01-01T00:00:00Z")


@pytest.mark.parametrize("who,status", [("boss", 200), ("admin", 200), ("picker", 403)])
def test_managers_and_admins_read_the_trail(api, who, status):
    assert api.as_user(who).get(AUDIT).status_code == status


def test_no_route_edits_or_deletes_audit_entries(app):
    methods = {m for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/audit")
               for m in rule.methods}
    assert methods <= {"GET", "HEAD", "OPTIONS"}


def test_the_model_refuses_updates_and_deletes(app):
    from backend.audit.models import AuditEntry
    with pytest.raises(TypeError):
        AuditEntry.update(action="x")
    with pytest.raises(TypeError):
        AuditEntry.delete()
