"""The scan channel: one device streams camera frames and hears each new code once.

Default namespace "/". Events:
  client -> server  scan.frame  {"frame_id": int|str, "image": <JPEG/PNG/WebP bytes>}
  client -> server  scan.reset  (forget the codes seen, e.g. the user switched document)
  server -> client  scan.result {"frame_id", "readings": [new codes only], "dropped",
                                 "dropped_total"}
  server -> client  scan.error  {"frame_id", "error": {"code", "message"}}
Who may use it: any connected client, for now; connection auth comes with passkey sign-in.
Per-connection state lives in the connection's WSGI environ, which Socket.IO drops on
disconnect (Flask-SocketIO keeps its own session there the same way): no disconnect handler,
so the default namespace's connect/disconnect stay free for sign-in.
"""
import logging
import threading

from flask import request
from flask_socketio import emit

from scanner import SeenCodes

from ..auth.sockets import event_actor
from ..errors import ApiError
from ..realtime import socketio
from .schemas import ReadingSchema
from .service import read_codes, reading_result

MAX_FRAME_ID = 64
log = logging.getLogger(__name__)


class FrameSlot:
    """One frame in flight per connection; a frame arriving meanwhile replaces the waiting one.

    Socket.IO runs each event in its own thread, so frames can reach offer() out of order:
    given an order (the client's numeric frame id), an older frame never displaces a newer one.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._busy = False
        self._waiting = None
        self._newest = None  # order of the newest frame in flight or waiting
        self.dropped = 0  # since the last take_dropped()
        self.dropped_total = 0

    def offer(self, frame, order=None):
        """Return frame if the caller should decode it now; else keep it as the waiting one."""
        with self._lock:
            if not self._busy:
                self._busy, self._newest = True, order
                return frame
            if self._waiting is not None or _older(order, self._newest):
                self.dropped += 1
                self.dropped_total += 1
            if not _older(order, self._newest):
                self._waiting = frame
                self._newest = order if order is not None else self._newest
            return None

    def finish(self):
        """Called when a decode ends: the frame to decode next (the latest), or None when idle."""
        with self._lock:
            frame, self._waiting = self._waiting, None
            self._busy = frame is not None
            if not self._busy:
                self._newest = None
            return frame

    def take_dropped(self):
        """How many stale frames were dropped since the last call."""
        with self._lock:
            dropped, self.dropped = self.dropped, 0
            return dropped


class ScanSession:
    """One connection's state: its frame slot and the codes it has already been told about."""

    def __init__(self):
        self.slot = FrameSlot()
        self.seen = SeenCodes()

    def answer(self, frame_id, image, actor):
        """("scan.result" or "scan.error", payload) for one frame."""
        try:
            # Only codes not already reported are resolved: a held code costs no queries.
            fresh = self.seen.update(read_codes(image, mode="frame"))
            readings = [reading_result(reading, actor) for reading in fresh]
        except ApiError as error:
            return "scan.error", _error(frame_id, error.code, error.message)
        except Exception:  # a crash in one frame must not stop the stream
            log.exception("scan frame %r failed", frame_id)
            return "scan.error", _error(frame_id, "internal_error", "The frame could not be read.")
        return "scan.result", {"frame_id": frame_id,
                               "readings": ReadingSchema(many=True).dump(readings),
                               "dropped": self.slot.take_dropped(),
                               "dropped_total": self.slot.dropped_total}


def _older(order, newest):
    return order is not None and newest is not None and order < newest


def _error(frame_id, code, message):
    return {"frame_id": frame_id, "error": {"code": code, "message": message}}


def parse_frame(payload):
    """(frame_id, image bytes) of a scan.frame payload; ValueError naming what is wrong."""
    if not isinstance(payload, dict):
        raise ValueError("scan.frame takes {\"frame_id\": ..., \"image\": <bytes>}")
    frame_id, image = payload.get("frame_id"), payload.get("image")
    if isinstance(frame_id, bool) or not isinstance(frame_id, (int, str)) \
            or len(str(frame_id)) > MAX_FRAME_ID:
        raise ValueError(f"frame_id must be a number or a string of at most {MAX_FRAME_ID}")
    if not isinstance(image, (bytes, bytearray)) or not image:
        raise ValueError("image must be the frame's encoded bytes (binary)")
    return frame_id, bytes(image)


SESSION_KEY = "stocktap.scan"


def _session():
    """This connection's ScanSession (request.environ is the connection's own dict)."""
    session = request.environ.get(SESSION_KEY)
    if session is None:
        session = request.environ.setdefault(SESSION_KEY, ScanSession())
    return session


@socketio.on("scan.reset")
def on_reset(*_):
    """Forget the codes already reported on this connection."""
    _session().seen.reset()


@socketio.on("scan.frame")
def on_frame(payload=None):
    """Decode a frame, or park it while another decodes (replacing a stale waiting one)."""
    session = _session()
    try:
        frame = parse_frame(payload)
    except ValueError as error:
        frame_id = payload.get("frame_id") if isinstance(payload, dict) else None
        emit("scan.error", _error(frame_id if isinstance(frame_id, (int, str)) else None,
                                  "bad_frame", str(error)))
        return
    frame_id = frame[0]
    order = frame_id if isinstance(frame_id, int) else None
    frame = session.slot.offer(frame, order)
    while frame is not None:
        emit(*session.answer(*frame, event_actor()))
        frame = session.slot.finish()
