"""The scan.frame Socket.IO channel: new codes once per connection, stale frames dropped."""
import numpy as np
import pytest

from tests.backend.factories import make_product
from tests.backend.scan.images import draw, encode, png_of, side_by_side

EAN = "4006381333931"
EAN_2 = "9780201379624"


def connect(app, user="picker"):
    """A Socket.IO test client signed in with the test user's API token (when tokens exist)."""
    from backend.realtime import socketio
    token = app.extensions.get("test_tokens", {}).get(user)
    return socketio.test_client(app, auth={"token": token})


@pytest.fixture
def channel(app, api):
    """A warehouse user's Socket.IO connection to the app."""
    client = connect(app)
    assert client.is_connected()
    yield client
    if client.is_connected():
        client.disconnect()


def send(channel, frame_id, image):
    """Emit one frame and return what the server answered (name, payload) in order."""
    channel.emit("scan.frame", {"frame_id": frame_id, "image": image})
    return [(m["name"], m["args"][0]) for m in channel.get_received()]


def result_of(answers):
    [(name, payload)] = answers
    assert name == "scan.result", payload
    return payload


def blank():
    return encode(np.full((240, 320), 200, np.uint8))


def test_frame_returns_its_reading_resolved(channel, api):
    product = make_product(api, barcodes=[{"code": EAN}])
    payload = result_of(send(channel, 7, png_of("EAN-13", EAN)))
    assert (payload["frame_id"], payload["dropped"], payload["dropped_total"]) == (7, 0, 0)
    [reading] = payload["readings"]
    assert (reading["text"], reading["gtin"], reading["resolution"]["product"]["id"]) == \
        (EAN, "0" + EAN, product["id"])


def test_code_held_in_view_is_reported_once(channel):
    image = png_of("EAN-13", EAN)
    texts = [[r["text"] for r in result_of(send(channel, n, image))["readings"]]
             for n in range(1, 5)]
    assert texts == [[EAN], [], [], []]


def test_a_second_code_entering_the_view_is_reported_alone(channel):
    first = result_of(send(channel, 1, png_of("EAN-13", EAN)))
    both = side_by_side(draw("EAN-13", EAN), draw("EAN-13", EAN_2))
    second = result_of(send(channel, 2, encode(both)))
    assert [r["text"] for r in first["readings"]] == [EAN]
    assert [r["text"] for r in second["readings"]] == [EAN_2]


def test_code_out_of_view_long_enough_is_reported_again(channel):
    from scanner import SeenCodes
    image = png_of("EAN-13", EAN)
    result_of(send(channel, 0, image))
    for n in range(SeenCodes().forget_after + 1):
        assert result_of(send(channel, 1 + n, blank()))["readings"] == []
    assert [r["text"] for r in result_of(send(channel, 99, image))["readings"]] == [EAN]


def test_reset_forgets_the_codes_seen(channel):
    image = png_of("EAN-13", EAN)
    result_of(send(channel, 1, image))
    channel.emit("scan.reset")
    assert [r["text"] for r in result_of(send(channel, 2, image))["readings"]] == [EAN]


def test_connections_dedupe_separately(app, channel):
    image = png_of("EAN-13", EAN)
    result_of(send(channel, 1, image))
    other = connect(app, "boss")
    assert [r["text"] for r in result_of(send(other, 1, image))["readings"]] == [EAN]
    other.disconnect()


def test_bad_image_frame_is_a_scan_error_and_the_stream_goes_on(channel):
    [(name, payload)] = send(channel, "f-1", b"not an image")
    assert (name, payload["frame_id"], payload["error"]["code"]) == ("scan.error", "f-1",
                                                                     "bad_image")
    assert [r["text"] for r in result_of(send(channel, "f-2", png_of("EAN-13", EAN)))
            ["readings"]] == [EAN]


@pytest.mark.parametrize("payload", [b"raw bytes", {"frame_id": 1}, {"frame_id": 1, "image": ""},
                                     {"frame_id": [1], "image": b"x"},
                                     {"frame_id": "x" * 65, "image": b"x"}, None])
def test_malformed_frame_payload_is_a_bad_frame_error(channel, payload):
    channel.emit("scan.frame", payload)
    [message] = channel.get_received()
    assert (message["name"], message["args"][0]["error"]["code"]) == ("scan.error", "bad_frame")


def test_frames_arriving_during_a_decode_keep_only_the_latest(channel, monkeypatch):
    """Frames 2, 3 and 4 arrive while frame 1 decodes: 2 and 3 are stale and dropped."""
    from backend.scan import socket as scan_socket
    real_read = scan_socket.read_codes
    arrivals = iter([2, 3, 4])

    def slow_read(image, mode):
        # While frame 1 is being decoded, the device keeps sending (re-entrant in the test).
        if image == frame_1:
            for frame_id in arrivals:
                channel.emit("scan.frame", {"frame_id": frame_id, "image": other})
        return real_read(image, mode)

    frame_1, other = png_of("EAN-13", EAN), png_of("EAN-13", EAN_2)
    monkeypatch.setattr(scan_socket, "read_codes", slow_read)
    channel.emit("scan.frame", {"frame_id": 1, "image": frame_1})
    results = [m["args"][0] for m in channel.get_received() if m["name"] == "scan.result"]
    assert [(r["frame_id"], [x["text"] for x in r["readings"]], r["dropped"], r["dropped_total"])
            for r in results] == [(1, [EAN], 2, 2), (4, [EAN_2], 0, 2)]


# --- the slot on its own ---------------------------------------------------------------------

def test_slot_hands_out_a_frame_when_idle():
    from backend.scan.socket import FrameSlot
    slot = FrameSlot()
    assert slot.offer("f1") == "f1"
    assert slot.finish() is None
    assert slot.offer("f2") == "f2"


def test_slot_keeps_one_waiting_frame_and_counts_those_replaced():
    from backend.scan.socket import FrameSlot
    slot = FrameSlot()
    slot.offer("f1")
    assert [slot.offer(f) for f in ("f2", "f3", "f4")] == [None, None, None]
    assert (slot.dropped, slot.dropped_total) == (2, 2)
    assert slot.finish() == "f4"
    assert slot.offer("f5") is None  # f4 is in flight now
    assert slot.finish() == "f5"
    assert slot.finish() is None
    assert (slot.take_dropped(), slot.take_dropped(), slot.dropped_total) == (2, 0, 2)


def test_slot_under_threads_never_runs_two_frames_at_once():
    import threading

    from backend.scan.socket import FrameSlot
    slot, running, overlaps, decoded = FrameSlot(), [0], [], []
    lock = threading.Lock()

    def device(frame_ids):
        for frame_id in frame_ids:
            frame = slot.offer(frame_id)
            while frame is not None:
                with lock:
                    running[0] += 1
                    overlaps.append(running[0] > 1)
                decoded.append(frame)
                with lock:
                    running[0] -= 1
                frame = slot.finish()

    threads = [threading.Thread(target=device, args=(range(i * 1000, i * 1000 + 500),))
               for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not any(overlaps)
    assert len(decoded) + slot.dropped_total == 2000


def test_slot_never_lets_an_older_frame_displace_a_newer_one():
    from backend.scan.socket import FrameSlot
    slot = FrameSlot()
    assert slot.offer("f1", 1) == "f1"
    assert slot.offer("f3", 3) is None
    assert slot.offer("f2", 2) is None  # arrived late: dropped, f3 keeps its place
    assert (slot.finish(), slot.dropped_total) == ("f3", 1)


def test_slot_drops_a_frame_older_than_the_one_in_flight():
    from backend.scan.socket import FrameSlot
    slot = FrameSlot()
    slot.offer("f5", 5)
    assert slot.offer("f4", 4) is None
    assert (slot.finish(), slot.dropped_total) == (None, 1)


def test_idle_slot_accepts_a_restarted_frame_counter():
    from backend.scan.socket import FrameSlot
    slot = FrameSlot()
    slot.offer("f9", 9)
    slot.finish()
    assert slot.offer("f0", 0) == "f0"
