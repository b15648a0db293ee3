"""Production mode's push: an event published to Redis reaches phones on every worker."""
import threading
import time

import pytest
import socketio

from tests.conftest import serve

pytestmark = pytest.mark.slow


def _recorder(n, heard, lock):
    def changed(data):
        with lock:
            heard.append((n, data))
    return changed


def test_an_event_from_another_process_reaches_every_phone_through_redis(
        app, api, database_url, redis_url):
    from flask_socketio import SocketIO
    token = app.extensions["test_tokens"]["picker"]
    heard, lock = [], threading.Lock()
    with serve(database_url, REDIS_URL=redis_url) as url:
        phones = []
        for n in range(6):  # six connections, which the kernel spreads over the four workers
            phone = socketio.Client(reconnection=False)
            phone.on("stock.changed", _recorder(n, heard, lock))
            phone.connect(url, transports=["websocket"], auth={"token": token}, wait_timeout=20)
            phones.append(phone)
        try:
            SocketIO(message_queue=redis_url).emit("stock.changed", {"product_id": 7})
            deadline = time.monotonic() + 15
            while len(heard) < len(phones) and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            for phone in phones:
                phone.disconnect()
    assert sorted(heard) == [(n, {"product_id": 7}) for n in range(6)]
