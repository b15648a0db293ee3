"""Rate limits on the ways in (sign-in, enrolment), per client address and route.

Flask-Limiter with in-process memory, or Redis when REDIS_URL is set (then every worker
shares the counters). The limit itself is a setting: AUTH_RATE_LIMIT, e.g. "20 per minute".
"""
from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)


def auth_limit():
    """The configured limit for sign-in and enrolment endpoints."""
    return current_app.extensions["settings"].auth_rate_limit


limit_auth = limiter.limit(auth_limit)


def init_app(app, settings):
    """Bind the limiter; tests keep their counters in memory so runs cannot share them."""
    shared = settings.redis_url and not settings.testing
    app.config.setdefault("RATELIMIT_STORAGE_URI", settings.redis_url if shared else "memory://")
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    limiter.init_app(app)
    # Only the decorated routes have limits, and their decorator checks them; with no default
    # or application-wide limit, the check Flask-Limiter adds before every request only costs.
    app.before_request_funcs[None].remove(limiter._check_request_limit)
