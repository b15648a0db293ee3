"""Socket.IO push: one server object, bound per app; Redis carries events between workers."""
from flask_socketio import SocketIO

from .concurrency import under_gevent

socketio = SocketIO()


def init_app(app, settings):
    """Bind Socket.IO to the app; with REDIS_URL set, every worker and host shares events."""
    socketio.init_app(app, async_mode="gevent" if under_gevent() else "threading",
                      message_queue=settings.redis_url or None,
                      cors_allowed_origins=_origin_check(settings),
                      max_http_buffer_size=settings.max_frame_bytes)


def _origin_check(settings):
    """engine.io's Origin check: a browser page may connect from the app's own origins
    (PUBLIC_URL, or ORIGINS) or from the host it asked for (a LAN address, localhost); clients
    that send no Origin (apps, scripts) are not browsers a page could turn against us."""
    allowed = set(settings.allowed_origins())

    def allowed_origin(origin, environ):
        if origin is None or origin in allowed:
            return True
        return origin == f"{environ.get('wsgi.url_scheme')}://{environ.get('HTTP_HOST')}"
    return allowed_origin

