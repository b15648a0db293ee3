"""Socket.IO push: one server object, bound per app; Redis carries events between workers."""
from flask_socketio import SocketIO

socketio = SocketIO()


def under_gevent():
    """True in a gunicorn gevent worker (the standard library is monkey-patched)."""
    try:
        from gevent import monkey
    except ImportError:
        return False
    return monkey.is_module_patched("socket")


def init_app(app, settings):
    """Bind Socket.IO to the app; with REDIS_URL set, every worker and host shares events."""
    socketio.init_app(app, async_mode="gevent" if under_gevent() else "threading",
                      message_queue=settings.redis_url or None,
                      cors_allowed_origins=[], max_http_buffer_size=settings.max_frame_bytes)


def offload(function, *args, **kwargs):
    """Run CPU-heavy native work (decoding a camera frame) off the gevent loop, in a real
    thread, so other requests go on meanwhile; a plain call outside gevent."""
    if not under_gevent():
        return function(*args, **kwargs)
    import gevent
    return gevent.get_hub().threadpool.apply(function, args, kwargs)


def emit_after_commit(event, payload, to):
    """Send an event to a room (call only after the change is committed)."""
    socketio.emit(event, payload, to=to)
