"""Socket.IO push: one server object, bound per app; Redis carries events between workers."""
from flask_socketio import SocketIO

from .concurrency import under_gevent

socketio = SocketIO()


def init_app(app, settings):
    """Bind Socket.IO to the app; with REDIS_URL set, every worker and host shares events."""
    socketio.init_app(app, async_mode="gevent" if under_gevent() else "threading",
                      message_queue=settings.redis_url or None,
                      cors_allowed_origins=[], max_http_buffer_size=settings.max_frame_bytes)


def emit_after_commit(event, payload, to):
    """Send an event to a room (call only after the change is committed)."""
    socketio.emit(event, payload, to=to)
