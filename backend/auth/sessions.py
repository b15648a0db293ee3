"""Server-side sessions: a random id in a cookie, idle and absolute timeouts, sign-out
everywhere."""
import hashlib
import secrets
from datetime import timedelta

from flask.sessions import SessionInterface

from ..db import writing
from ..db.fields import utcnow
from .models import Session, User

COOKIE = "stocktap_session"
TOUCH_EVERY = timedelta(seconds=60)  # last_seen is written at most once a minute


class NoCookieSession(SessionInterface):
    """Flask's own signed-cookie session, switched off: sessions here are server-side, and
    opening an unused cookie session cost every request a serializer (flask.session is a
    NullSession that refuses writes)."""

    def open_session(self, app, request):
        return None

    def save_session(self, app, session, response):
        return None


def hash_secret(secret):
    """The stored form of a high-entropy secret (session id, enrolment link, API token)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def start_session(user_id, passkey_id=None, user_agent=""):
    """Open a session for a user; returns (cookie value, Session). Call inside a transaction."""
    secret = secrets.token_urlsafe(32)
    now = utcnow()
    session = Session.create(id_hash=hash_secret(secret), user=user_id, passkey=passkey_id,
                             csrf_token=secrets.token_urlsafe(32), created_at=now,
                             last_seen_at=now, user_agent=(user_agent or "")[:200])
    return secret, session


def expired(session, settings, now):
    """Why a session can no longer be used ("ended", "idle", "absolute"), or None."""
    if session.ended_at is not None:
        return "ended"
    if now - session.created_at > timedelta(hours=settings.session_absolute_hours):
        return "absolute"
    if now - session.last_seen_at > timedelta(minutes=settings.session_idle_minutes):
        return "idle"
    return None


def resolve_session(secret, settings):
    """The live Session (with its active user) a cookie names, else (None, reason)."""
    session = (Session.select(Session, User).join(User)
               .where(Session.id_hash == hash_secret(secret)).first())
    if session is None or not session.user.active:
        return None, "unknown"
    now = utcnow()
    reason = expired(session, settings, now)
    if reason:
        if reason != "ended":
            end_sessions(Session.id == session.id)
        return None, reason
    if now - session.last_seen_at > TOUCH_EVERY:
        with writing():
            Session.update(last_seen_at=now).where(Session.id == session.id).execute()
    return session, None


def end_sessions(condition):
    """End every open session matching a peewee condition; returns how many ended."""
    with writing():
        return (Session.update(ended_at=utcnow())
                .where(condition & Session.ended_at.is_null()).execute())


def end_session(session_id):
    """Sign out one session."""
    return end_sessions(Session.id == session_id)


def end_all_sessions(user_id):
    """Sign a user out on every device."""
    return end_sessions(Session.user == user_id)


def cookie_options(settings, over_https=False):
    """The Set-Cookie attributes: HttpOnly, SameSite=Lax, Secure when served over https (the
    request came over HTTPS, as under `make run-https`, or PUBLIC_URL says so)."""
    return {"httponly": True, "samesite": "Lax", "path": "/",
            "secure": over_https or settings.public_url.startswith("https://")}
