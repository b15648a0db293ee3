"""Socket.IO doors: connecting needs credentials; each event needs its permission."""
import pytest

from backend.realtime import socketio
from tests.backend.factories import ok


@pytest.fixture
def database_url(tmp_path):
    """Socket doors do not depend on the database: SQLite only."""
    return f"sqlite:///{tmp_path}/stocktap.db"


def connect(app, **kw):
    """A Socket.IO test client (it may have been refused)."""
    return socketio.test_client(app, **kw)


def token_for(api, role, scopes=()):
    """A new API token of a role."""
    return ok(api.post("/api/v1/tokens", {"name": f"s-{role}", "role": role,
                                          "scopes": list(scopes)}))["token"]


def test_connect_without_credentials_is_refused(app, api):
    assert not connect(app).is_connected()


def test_connect_with_a_bad_token_is_refused(app, api):
    assert not connect(app, auth={"token": "stk_nope"}).is_connected()


@pytest.mark.parametrize("role", ["admin", "manager", "warehouse", "sales", "readonly"])
def test_every_role_may_connect_with_a_token(app, api, role):
    client = connect(app, auth={"token": token_for(api, role)})
    assert client.is_connected()
    client.disconnect()


def test_connect_with_the_session_cookie(app, sign_in):
    browser = sign_in("picker")
    client = connect(app, flask_test_client=browser.client)
    assert client.is_connected()
    client.disconnect()


def test_connect_with_a_bearer_header(app, api):
    headers = {"Authorization": f"Bearer {token_for(api, 'sales')}"}
    client = connect(app, headers=headers)
    assert client.is_connected()
    client.disconnect()


def test_event_without_its_permission_is_refused_and_not_run(app, api):
    client = connect(app, auth={"token": token_for(api, "manager", ["catalog"])})
    client.emit("scan.frame", {"frame_id": 1, "image": b"not an image"})
    received = client.get_received()
    assert [m["name"] for m in received] == ["auth.error"]
    assert received[0]["args"][0]["error"]["code"] == "forbidden"


def test_event_with_its_permission_runs(app, api):
    client = connect(app, auth={"token": token_for(api, "warehouse")})
    client.emit("scan.frame", {"frame_id": 1, "image": "not bytes"})
    assert [m["name"] for m in client.get_received()] == ["scan.error"]


def test_event_after_sign_out_everywhere_disconnects(app, sign_in):
    browser = sign_in("picker")
    client = connect(app, flask_test_client=browser.client)
    browser.post("/api/v1/auth/logout-everywhere")
    client.emit("scan.reset")
    assert not client.is_connected()
