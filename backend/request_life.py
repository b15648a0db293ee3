"""A request's life, in order, in one place.

    1. read the body       bodies.WholeBody (WSGI): all of it in memory, within limits, before
                           any lock is taken
    2. run again           RunAgain (WSGI): a write that lost a deadlock runs again
    3. authenticate        auth.actor.load_actor: 401/403 before anything is locked
    4. transaction         the SQLite writer lock, then one database transaction
    5. claim the key       idempotency: a replay is answered here, from the stored row
    6. view                parses, checks, calls one service
    7. audit               the view's changes, written in the same transaction
    8. store the answer    idempotency: the response under the key
    9. commit              a failure (4xx/5xx, or an exception) rolls it all back instead
   10. emit events         those emit_after_commit queued: written to the event journal with
                           their cursors just before commit (events/journal.py), sent once
                           the change is kept

Steps 4 to 10 are for writes: a POST, PUT, PATCH or DELETE under /api/, unless its view
declares otherwise:
    @no_transaction         it changes nothing (a POST for reading): no key, no transaction
    @own_transaction        it commits its own steps (each audited by audit.capture.recorded),
                            e.g. a spent challenge stays spent when the sign-in fails; an
                            event it emits inside a step is journalled in that step and sent
                            when the view is done, if the step was kept (outside one: at once)
    @replayed_without(...)  it writes; the stored answer leaves out these secret fields

A batch of queued writes (backend/sync) lives each of its operations through live_inside():
the same life, steps 3 to 10, as if the operation had been sent alone.
"""
import io
import logging
import random
import time

import peewee
from flask import Flask, current_app, g, request

from . import bodies, idempotency
from .audit import capture as audit
from .auth.actor import load_actor
from .db import db, writing
from .db.races import lost_a_race
from .errors import error_response
from .events import journal
from .events.rooms import audience
from .realtime import socketio

log = logging.getLogger(__name__)

WRITES, NO_TRANSACTION, OWN_TRANSACTION = "writes", "no transaction", "own transaction"
RETRY_KEY = "stocktap.retry"  # set in the WSGI environ: the request may run again as it is


class App(Flask):
    """Flask, with every routed request living through live()."""

    def dispatch_request(self):
        """The matched view, run through live()."""
        return live(super().dispatch_request)


def live(dispatch):
    """Authenticate, then run the view (`dispatch`) as it declared: as a write or not."""
    try:
        load_actor()
        needs = _needs()
        if request.routing_exception is not None or needs == NO_TRANSACTION:
            return dispatch()
        if needs == OWN_TRANSACTION:
            return _own(dispatch)
        return _write(dispatch)
    except peewee.OperationalError as error:
        if not lost_a_race(error):
            raise
        log.info("transaction aborted to break a deadlock: %s", error)
        return _busy()


def _write(dispatch):
    """Steps 4 to 10: the view in one transaction with its key, audit and stored answer."""
    key = idempotency.owned_key(g.principal)
    g.events, sent = [], []
    try:
        with writing():
            replay = idempotency.replay_or_claim(key) if key else None
            if replay is not None:
                raise _RollBack(replay)
            response = current_app.make_response(dispatch())
            if response.status_code >= 400:
                raise _RollBack(response)
            audit.flush()
            if key:
                idempotency.store(key, response, _declared("replay_leaves_out", ()))
            sent = journal.write(g.events)  # last: its lock is held until the commit
    except _RollBack as rolled_back:
        return rolled_back.response
    finally:
        g.pop("events")
        g.pop("event_keys", None)
    for event, payload, to in sent:
        socketio.emit(event, payload, to=audience(to))
    return response


def _own(dispatch):
    """A view committing its own steps: the events it emitted inside one are sent once it is
    done, those of the steps kept (a rolled-back step's are not in the journal)."""
    g.own_events = []
    try:
        return dispatch()
    finally:
        for event, payload, to in journal.kept(g.pop("own_events")):
            socketio.emit(event, payload, to=audience(to))


class _RollBack(Exception):
    """Raised through the transaction to roll it back, answering with `response`."""

    def __init__(self, response):
        super().__init__()
        self.response = response


def emit_after_commit(event, payload, to):
    """Send an event to a room once the request's change is committed (at once outside one);
    a rolled-back request sends nothing. Every event is kept in the journal with a cursor
    (added to the payload as "cursor") for clients that missed it; `payload` is a dict."""
    if "events" in g:
        g.events.append((event, payload, to))
    elif "own_events" in g and db.in_transaction():  # a step of an @own_transaction view
        g.own_events.extend(journal.write([(event, payload, to)]))
    else:
        _, sent, _ = journal.record(event, payload, to)
        socketio.emit(event, sent, to=audience(to))


def _declared(name, default):
    view = current_app.view_functions.get(request.endpoint)
    return getattr(view, name, default)


def _needs():
    if request.method not in idempotency.MUTATING or not request.path.startswith("/api/"):
        return NO_TRANSACTION
    return _declared("request_needs", WRITES)


def no_transaction(view):
    """Declare a POST view that changes nothing: it runs without a transaction or a key."""
    view.request_needs = NO_TRANSACTION
    return view


def own_transaction(view):
    """Declare a view that commits its own steps (audited with audit.capture.recorded)."""
    view.request_needs = OWN_TRANSACTION
    return view


def replayed_without(*names):
    """Declare a write whose answer holds a secret: the stored replay leaves out these fields
    of its JSON body, so a replay says what was made without showing the secret again."""
    def declare(view):
        view.replay_leaves_out = names
        return view
    return declare


def _busy():
    """The answer to a transaction PostgreSQL aborted to break a deadlock (rolled back, nothing
    kept): the request is marked to run again, and if it still loses, the client retries."""
    request.environ[RETRY_KEY] = True
    response = error_response(503, "busy", "The database was busy with a conflicting change and "
                              "kept nothing of this request; send it again.")
    response.headers["Retry-After"] = "1"
    return response


class RunAgain:
    """WSGI wrapper: a write whose transaction lost a deadlock (answered 503 "busy", nothing
    kept) runs again, up to ATTEMPTS times, after a short random pause; the client sees only
    the last answer. WholeBody, outside it, has put the body in memory (with its length) to
    be read again; a body over the size limit goes straight through, for the app to refuse."""

    ATTEMPTS = 3

    def __init__(self, app, max_body):
        self.app = app
        self.max_body = max_body

    def __call__(self, environ, start_response):
        if (environ.get("REQUEST_METHOD") not in idempotency.MUTATING
                or int(environ.get("CONTENT_LENGTH") or 0) > self.max_body):
            return self.app(environ, start_response)
        body = environ["wsgi.input"].read()
        for attempt in range(1, self.ATTEMPTS + 1):
            attempt_environ = dict(environ, **{"wsgi.input": io.BytesIO(body)})
            started = []
            result = self.app(attempt_environ, lambda *args, started=started: started.append(args))
            if not attempt_environ.get(RETRY_KEY) or attempt == self.ATTEMPTS:
                start_response(*started[0])
                return result
            getattr(result, "close", lambda: None)()
            time.sleep(random.uniform(0, 0.02 * attempt))  # let the other transaction finish


def live_inside(environ):
    """Another request's life, steps 3 to 10, inside this one (a batch's operation): its own
    context (g, actor, key, audit, events), transaction and commit; a write that lost a
    deadlock runs again as RunAgain would run it. Returns the Response it gets alone."""
    app = current_app._get_current_object()
    for attempt in range(1, RunAgain.ATTEMPTS + 1):
        attempt_environ = dict(environ, **{"wsgi.input": io.BytesIO(environ["stocktap.body"])})
        with app.app_context(), app.request_context(attempt_environ):
            response = app.full_dispatch_request()
            response.close()  # runs what waits for the answer to be sent (key pruning)
        if not attempt_environ.get(RETRY_KEY) or attempt == RunAgain.ATTEMPTS:
            return response
        time.sleep(random.uniform(0, 0.02 * attempt))


def init_app(app, settings):
    """Wrap the app in steps 2 and 1, outermost last: the body is read before anything runs."""
    app.wsgi_app = RunAgain(app.wsgi_app, app.config["MAX_CONTENT_LENGTH"])
    bodies.init_app(app, settings)
