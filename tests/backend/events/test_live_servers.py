"""Live events through real servers: PostgreSQL and Redis shared by two gunicorn processes."""
import threading
import time

import pytest
import requests
import socketio

from tests.backend.events.test_events import shelf  # noqa: F401  (fixture)
from tests.backend.factories import ok
from tests.conftest import auth_headers, pg_url, serve

pytestmark = pytest.mark.slow


@pytest.fixture
def database_url(pg_schema):
    """Several processes share one database: PostgreSQL."""
    return pg_url(pg_schema)


class Phone:
    """A Socket.IO client doing what pwa/js/live.js does: it hands each event on once (by
    cursor), and on reconnect catches up from the last cursor it has, page by page."""

    def __init__(self, token, names=("stock.changed",)):
        self.token, self.names = token, names
        self.delivered, self.raw, self.lock = [], [], threading.Lock()
        self.seen, self.last = set(), 0
        self.client = None

    def _hear(self, name):
        def on(payload):
            with self.lock:
                self.raw.append(payload["cursor"])
            self._deliver(name, payload)
        return on

    def _deliver(self, name, payload):
        with self.lock:
            if payload["cursor"] in self.seen:
                return
            self.seen.add(payload["cursor"])
            self.last = max(self.last, payload["cursor"])
            self.delivered.append((name, payload))

    def connect(self, url):
        self.client = socketio.Client(reconnection=False)
        for name in self.names:
            self.client.on(name, self._hear(name))
        self.client.connect(url, transports=["websocket"], auth={"token": self.token},
                            wait_timeout=20)
        return self

    def catch_up(self):
        answer = self.client.call("live.catch_up", {"after": self.last}, timeout=20)
        while True:
            for event in answer["events"]:
                if event["event"] in self.names:
                    self._deliver(event["event"], event["payload"])
            if answer["next"] is None:
                return
            answer = self.client.call("live.catch_up", {"after": answer["next"],
                                                        "overlap": False}, timeout=20)

    def disconnect(self):
        self.client.disconnect()

    def wait_for(self, count, seconds=20):
        deadline = time.monotonic() + seconds
        while len(self.delivered) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return len(self.delivered)


def bin_move(url, app, shelf, source, to):  # noqa: F811
    response = requests.post(url + "/api/v1/bin-moves", json={
        "product_id": shelf["product"]["id"], "qty": 1, "from_location_id": shelf[source]["id"],
        "to_location_id": shelf[to]["id"]}, headers=auth_headers(app, "admin"), timeout=30)
    assert response.status_code == 201, response.text
    return response


def events_of(api, room):
    """Every event of a room in the journal, by cursor (GET /api/v1/events, paged)."""
    found, after = [], 0
    while True:
        page = ok(api.get(f"/api/v1/events?after={after}&limit=500"))
        found += [e for e in page["items"] if e["room"] == room]
        if page["next"] is None:
            return found
        after = page["next"]


def test_a_phone_on_one_server_hears_a_move_made_on_the_other_once(
        app, api, shelf, redis_url, database_url):  # noqa: F811
    token = app.extensions["test_tokens"]["picker"]
    with serve(database_url, REDIS_URL=redis_url, WEB_WORKERS="1") as one, \
            serve(database_url, REDIS_URL=redis_url, WEB_WORKERS="1") as other:
        phone = Phone(token).connect(one)
        try:
            bin_move(other, app, shelf, "a", "b")
            assert phone.wait_for(2) == 2
            time.sleep(1)  # a second copy would have come by now
        finally:
            phone.disconnect()
    room = f"warehouse:{shelf['warehouse']['id']}"
    journal = [e["cursor"] for e in events_of(api, room) if e["event"] == "stock.changed"]
    assert sorted(phone.raw) == sorted(journal[-2:])  # each heard once, none twice
    assert {p["location_id"]: p["on_hand"] for _, p in phone.delivered} == {
        shelf["a"]["id"]: 99, shelf["b"]["id"]: 1}


def test_a_phone_that_drops_out_during_a_burst_catches_up_with_nothing_missed_or_twice(
        app, api, shelf, redis_url, database_url):  # noqa: F811
    token = app.extensions["test_tokens"]["picker"]
    room = f"warehouse:{shelf['warehouse']['id']}"
    start = max([0] + [e["cursor"] for e in events_of(api, room)])
    with serve(database_url, REDIS_URL=redis_url, WEB_WORKERS="2") as url:
        phone = Phone(token).connect(url)
        phone.last = start
        dropped, back = threading.Event(), threading.Event()

        def burst():
            for n in range(200):  # 200 moves, two stock.changed each
                bin_move(url, app, shelf, *(("a", "b") if n % 2 == 0 else ("b", "a")))
                if n == 60:
                    dropped.set()
                if n == 140:
                    back.set()

        mover = threading.Thread(target=burst)
        mover.start()
        dropped.wait(60)
        phone.disconnect()
        back.wait(60)
        phone.connect(url)
        phone.catch_up()
        mover.join(120)
        journal = [e["cursor"] for e in events_of(api, room) if e["cursor"] > start]
        assert len(journal) == 400
        phone.wait_for(400)
        time.sleep(1)
        phone.disconnect()
    # Catch-up starts a few seconds before the phone's cursor (two workers may send a few ms out
    # of order); what it hands on from before the phone's start is the fixture's own stocking.
    delivered = [p["cursor"] for _, p in phone.delivered if p["cursor"] > start]
    assert len(delivered) == len(set(delivered))  # none twice
    assert sorted(delivered) == journal  # none missed
    assert len(phone.raw) < 400  # it really was away for part of the burst
