"""The generated walk: every route of the app x every role against the permission table.

Allowed -> not 401/403; denied -> 403; no credentials -> 401 (unless public). A route that
is not in backend/auth/permissions.py fails here, and is refused by the server meanwhile.
"""
import os
import re
import tempfile

import pytest

from backend.auth.models import ROLES
from backend.auth.permissions import ENDPOINTS, PUBLIC, ROLE_PERMISSIONS, SOCKET_EVENTS

SKIP_METHODS = {"HEAD", "OPTIONS"}


def _app_rules():
    """(endpoint, method, rule) of every route, from an app built for collection."""
    from backend import create_app
    from config import Settings
    path = os.path.join(tempfile.mkdtemp(), "walk.db")
    app = create_app(Settings(database_url=f"sqlite:///{path}", testing=True))
    return sorted((rule.endpoint, method, rule.rule) for rule in app.url_map.iter_rules()
                  for method in rule.methods - SKIP_METHODS)


ROUTES = _app_rules()


@pytest.fixture
def database_url(tmp_path):
    """Permissions do not depend on the database: SQLite only, to keep the walk quick."""
    return f"sqlite:///{tmp_path}/stocktap.db"


def concrete(rule):
    """A URL for a rule: ids that exist nowhere, a word for strings and paths."""
    url = re.sub(r"<int:[^>]+>", "999999", rule)
    return re.sub(r"<(?:[a-z]+:)?[^>]+>", "x", url)


def send(client, method, url, headers):
    """One request with an empty JSON body for writes."""
    kw = {"json": {}} if method in {"POST", "PUT", "PATCH", "DELETE"} else {}
    return client.open(url, method=method, headers=headers, **kw)


@pytest.fixture
def role_headers(app, api):
    """Bearer headers per role, from a token of a user of each role (so /auth/passkeys and
    the like have an account to act on)."""
    from backend.auth.models import User
    from backend.auth.tokens import issue_token

    def header(role):
        user = User.create(username=f"walk-{role}", display_name=role, role=role)
        return {"Authorization": f"Bearer {issue_token(f'walk-{role}', role, user_id=user.id)[1]}",
                "Idempotency-Key": None}
    with app.app_context():
        return {role: header(role) for role in ROLES}


@pytest.mark.parametrize("endpoint", sorted({e for e, _m, _r in ROUTES}))
def test_every_route_is_declared_in_the_permission_table(endpoint):
    assert endpoint in ENDPOINTS, f"{endpoint} is missing from backend/auth/permissions.py"


def test_the_table_names_no_route_that_is_gone():
    assert sorted(set(ENDPOINTS) - {e for e, _m, _r in ROUTES}) == []


@pytest.mark.parametrize("endpoint,method,rule", ROUTES, ids=[f"{m} {r}" for _e, m, r in ROUTES])
def test_route_answers_each_role_as_the_table_says(app, role_headers, endpoint, method, rule):
    client = app.test_client()
    needed = ENDPOINTS.get(endpoint)
    for role in ROLES:
        headers = {k: v for k, v in role_headers[role].items() if v is not None}
        status = send(client, method, concrete(rule), headers).status_code
        allowed = needed == PUBLIC or needed in ROLE_PERMISSIONS[role]
        if allowed:
            assert status not in (401, 403), f"{role} was refused {method} {rule}"
        else:
            assert status == 403, f"{role} got {status} for {method} {rule}"
    if needed != PUBLIC:
        assert send(client, method, concrete(rule), {}).status_code == 401


def test_undeclared_endpoint_is_refused_with_403(app, api, monkeypatch):
    from backend.auth import permissions
    monkeypatch.delitem(permissions.ENDPOINTS, "catalog.list_products")
    response = api.get("/api/v1/products")
    assert response.status_code == 403 and response.json["error"]["code"] == "undeclared"


def test_every_socket_event_is_declared(app):
    from backend.auth.sockets import registered_events
    undeclared = [f"{ns} {ev}" for ns, ev in registered_events()
                  if f"{ns} {ev}" not in SOCKET_EVENTS]
    assert undeclared == []


@pytest.mark.parametrize("role", ROLES)
def test_every_role_has_only_known_permissions(role):
    known = set(ROLE_PERMISSIONS["admin"])
    assert ROLE_PERMISSIONS[role] <= known
    assert {p for p in ENDPOINTS.values() if p != PUBLIC} <= known | {PUBLIC}
