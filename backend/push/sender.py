"""The push sender: drains the queue outside any request, one background thread per server
process (a greenlet under gevent: its work is waiting on the database and the push service),
woken after a request queued messages and every POLL_SECONDS otherwise.

Each message is claimed by moving its next_try_at a lease ahead (a conditional UPDATE, so
two processes never send one message), then sent with pywebpush. Delivered: deleted. The
push service says the subscription is gone (404, 410): the subscription and its messages
are deleted. Any other failure: tried again after a growing pause, up to MAX_ATTEMPTS.
"""
import logging
from datetime import timedelta

import requests
from flask import g
from pywebpush import WebPushException, webpush
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NewConnectionError

from ..background import Background
from ..db import writing
from ..db.fields import utcnow
from ..errors import Invalid
from .endpoints import check_endpoint, is_public, named_host
from .models import PushMessage, PushSubscription
from .vapid import ensure_keys, private_key

log = logging.getLogger(__name__)
POLL_SECONDS = 30
LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 8
BATCH = 50
TTL_SECONDS = 24 * 3600
GONE = (404, 410)


class Gone(Exception):
    """A subscription we will not post to any more, as if the push service had said 410."""

    response = type("GoneResponse", (), {"status_code": 410})()


def backoff(attempts):
    """The pause before the next try: 10 s, 20 s, 40 s ... up to an hour."""
    return timedelta(seconds=min(10 * 2 ** (attempts - 1), 3600))


def _claim(message):
    """Take the message for this sender for LEASE; False when another took it first."""
    with writing():
        return PushMessage.update(next_try_at=utcnow() + LEASE).where(
            PushMessage.id == message.id,
            PushMessage.next_try_at == message.next_try_at).execute() == 1


class InternalPeer(NewConnectionError):
    """The connected socket's peer is one of our own network's addresses."""


def _checked(connection_class):
    """A urllib3 connection class whose socket, once connected, must have a public peer: the
    name was checked (check_endpoint), but DNS may answer otherwise a moment later."""
    class Checked(connection_class):
        def _new_conn(self):
            sock = super()._new_conn()
            peer = sock.getpeername()[0]
            if not self._tunnel_host and not is_public(peer):  # (through a proxy: its peer)
                sock.close()
                raise InternalPeer(self, f"The push endpoint now resolves to an internal "
                                         f"address ({peer}); not posted.")
            return sock
    return Checked


class _CheckedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _checked(HTTPSConnection)


class _CheckedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _checked(HTTPConnection)


class _PublicOnly(HTTPAdapter):
    """Posts only to public addresses, whatever the name resolves to when connecting."""

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _CheckedHTTPPool,
                                                   "https": _CheckedHTTPSPool}


def _session(public_only=True):
    session = requests.Session()
    session.max_redirects = 0  # a push service answers; it does not send us elsewhere
    if public_only:
        session.mount("https://", _PublicOnly())
        session.mount("http://", _PublicOnly())
    return session


def _send(settings, subscription, payload, vapid):
    """POST one encrypted message; raises WebPushException or a refusal of the endpoint."""
    allowed = settings.push_hosts()
    check_endpoint(subscription.endpoint, allowed)  # the name may point elsewhere now
    try:
        webpush({"endpoint": subscription.endpoint,
                 "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth}},
                data=payload, vapid_private_key=vapid,
                vapid_claims={"sub": settings.vapid_subject}, ttl=TTL_SECONDS, timeout=10,
                requests_session=_session(not named_host(subscription.endpoint, allowed)))
    except requests.ConnectionError as failure:
        if _internal(failure):
            raise Invalid("The push endpoint now resolves to an internal address.",
                          field="endpoint", code="private_endpoint") from None
        raise


def _internal(failure):
    """True when a connection failed because its peer was internal (InternalPeer within)."""
    reason = failure.args[0] if failure.args else None
    return isinstance(getattr(reason, "reason", reason), InternalPeer)


def _outcome(message, error):
    """Write down what became of one message (error None: delivered)."""
    with writing():
        status = getattr(getattr(error, "response", None), "status_code", None)
        if error is None:
            PushMessage.delete().where(PushMessage.id == message.id).execute()
        elif status in GONE:
            log.info("push subscription %s is gone (%s): removed", message.subscription_id,
                     status)
            PushSubscription.delete().where(
                PushSubscription.id == message.subscription_id).execute()
        elif message.attempts + 1 >= MAX_ATTEMPTS:
            log.warning("push message %s dropped after %s tries: %s", message.id,
                        MAX_ATTEMPTS, error)
            PushMessage.delete().where(PushMessage.id == message.id).execute()
        else:
            PushMessage.update(attempts=message.attempts + 1,
                               next_try_at=utcnow() + backoff(message.attempts + 1)).where(
                PushMessage.id == message.id).execute()


def drain(settings):
    """Send every message that is due; returns how many were delivered."""
    delivered = 0
    vapid = None
    while True:
        due = list(PushMessage.select().where(PushMessage.next_try_at <= utcnow())
                   .order_by(PushMessage.id).limit(BATCH))
        if not due:
            return delivered
        for message in due:
            if not _claim(message):
                continue
            subscription = PushSubscription.get_or_none(
                PushSubscription.id == message.subscription_id)
            if subscription is None:
                continue
            vapid = vapid or private_key(settings)
            try:
                _send(settings, subscription, message.payload, vapid)
                error = None
            except Invalid as refused:  # its host now resolves to our own network
                error = Gone(refused.message)
            except (WebPushException, requests.RequestException) as failure:
                error = failure
            _outcome(message, error)
            delivered += error is None


sender = Background("push-sender", POLL_SECONDS, drain)  # this process's background sender


def init_app(app, settings):
    """Wake the sender after a request that queued messages (its transaction is committed by
    then); start it with the server."""
    if not settings.push_sender or settings.testing:  # tests drain the queue themselves
        return
    try:
        ensure_keys(settings)  # made on first start, so every worker signs with one pair
    except OSError:
        log.warning("cannot write the VAPID key pair under %s", settings.data_dir, exc_info=True)

    @app.after_request
    def _wake(response):
        if g.pop("push_queued", False):
            sender.wake(settings)
        return response

    @app.before_request
    def _start():
        if not sender.started:
            sender.wake(settings)
