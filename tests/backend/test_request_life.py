"""A request's life: what a view declares decides its transaction, and the order holds
whatever hooks the app registers."""
import sqlite3

import psycopg2
import pytest

from backend import request_life
from backend.db import db
from backend.errors import Conflict
from tests.backend.factories import ok
from tests.conftest import auth_headers


def _seen_from_another_connection(database_url, sql):
    if database_url.startswith("sqlite"):
        con = sqlite3.connect(database_url.removeprefix("sqlite:///"))
    else:
        con = psycopg2.connect(database_url)
    try:
        cur = con.cursor()
        cur.execute(sql)
        return cur.fetchall()
    finally:
        con.close()


def test_an_after_request_hook_added_last_sees_the_write_committed(app, api, database_url):
    seen = []

    @app.after_request
    def look(response):
        seen.extend(_seen_from_another_connection(database_url, "SELECT code FROM warehouse"))
        return response

    ok(api.post("/api/v1/warehouses", {"code": "W1", "name": "Main"}), 201)
    assert seen == [("W1",)]


@pytest.mark.parametrize("path, in_transaction", [
    ("/api/v1/warehouses", True),  # a write
    ("/api/v1/scan/resolve", False),  # @no_transaction
    ("/api/v1/auth/login/options", False),  # @own_transaction
])
def test_the_view_s_declaration_decides_whether_it_runs_in_a_transaction(
        app, api, path, in_transaction):
    with app.test_request_context(path, method="POST", headers=auth_headers(app, "admin")):
        answer = request_life.live(lambda: ({"in_transaction": db.in_transaction()}, 200))
        response = app.make_response(answer)
    assert response.get_json() == {"in_transaction": in_transaction}


@pytest.fixture
def sent(monkeypatch):
    """The events the app sends, instead of sending them."""
    events = []
    monkeypatch.setattr(request_life.socketio, "emit",
                        lambda event, payload, to: events.append((event, payload, to)))
    return events


def _write(app, view):
    with app.test_request_context("/api/v1/warehouses", method="POST",
                                  headers=auth_headers(app, "admin")):
        return request_life.live(view)


def test_an_event_is_sent_once_the_write_is_committed(app, api, sent):
    sent_before_commit = []

    def view():
        request_life.emit_after_commit("stock.changed", {"product_id": 7}, to="warehouse:1")
        sent_before_commit.extend(sent)
        return {}, 201

    assert _write(app, view).status_code == 201
    assert sent_before_commit == []
    [(event, payload, to)] = sent
    assert (event, to) == ("stock.changed", ["warehouse:1", "warehouse:all"])
    assert payload == {"product_id": 7, "cursor": payload["cursor"]}  # its place in the journal


def test_a_write_that_fails_sends_no_event(app, api, sent):
    def view():
        request_life.emit_after_commit("stock.changed", {"product_id": 7}, to="warehouse:1")
        raise Conflict("Not enough stock.")

    with pytest.raises(Conflict):
        _write(app, view)
    assert sent == []
