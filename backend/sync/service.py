"""Applying a batch of queued writes: each operation lives a whole request's life on its own
(request_life.live_inside), in order, and gets the answer it would get alone.

An operation is refused by itself (the others go on) when it is not a write under /api/v1/
that a single request could send with an Idempotency-Key (a read, a sign-in, a batch), or
when an operation it names in `after` was refused (424 dependency_failed).

Once the batch is applied, its sender's user room hears one "sync.outcome" (journalled after
the operations committed, so a device that was away catches up on it).
"""
import json
from urllib.parse import urlsplit

from flask import current_app, g, request
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from ..auth.permissions import PUBLIC, rule_for
from ..errors import error_response
from ..events.rooms import user_room
from ..idempotency import MUTATING
from ..request_life import WRITES, emit_after_commit, live_inside

PREFIX = "/api/v1/"
# An operation's request is the batch's request (its headers: who sends it, from which
# device) with the operation's method, path, key and body; these WSGI keys carry over too.
CARRIED = {"SCRIPT_NAME", "SERVER_NAME", "SERVER_PORT", "SERVER_PROTOCOL", "REMOTE_ADDR",
           "REMOTE_PORT", "wsgi.version", "wsgi.url_scheme", "wsgi.errors", "wsgi.multithread",
           "wsgi.multiprocess", "wsgi.run_once"}
NOT_BATCHED_AREAS = ("auth", "tokens", "sync")  # sign-in, API tokens, batches: one at a time


def apply_batch(operations):
    """Each operation's answer {"id", "status", "body"}, in order."""
    refused, answers = set(), []
    for op in operations:
        failed = [needed for needed in op["after"] if needed in refused]
        if failed:
            response = error_response(
                424, "dependency_failed", f"Not applied: operation {failed[0]} it comes after "
                "was refused.", "after", {"after": failed[0]})
        else:
            response = _refusal(op) or live_inside(_environ(op))
        if response.status_code >= 300:
            refused.add(op["id"])
        answers.append({"id": op["id"], "status": response.status_code,
                        "body": _json_of(response)})
    _tell_outcome(answers)
    return answers


def _tell_outcome(answers):
    """One "sync.outcome" to the sender's room: {device, size, applied, refused: [{id,
    status, code}]}; an API token without a user has no room to hear it."""
    actor = g.actor
    if actor.user_id is None:
        return
    refused = [{"id": a["id"], "status": a["status"], "code": _code_of(a["body"])}
               for a in answers if a["status"] >= 300]
    emit_after_commit("sync.outcome", {"device": actor.device, "size": len(answers),
                                       "applied": len(answers) - len(refused),
                                       "refused": refused}, to=user_room(actor.user_id))


def _code_of(body):
    """The error code of a refusal's body (None when it has none)."""
    error = body.get("error") if isinstance(body, dict) else None
    return error.get("code") if isinstance(error, dict) else None


def _refusal(op):
    """Why this operation cannot be batched, as its answer; None when it can."""
    if op["method"] not in MUTATING:
        return error_response(405, "not_batchable", "A batch holds only writes (POST, PUT, "
                              "PATCH, DELETE); send reads on their own.", "method")
    path = op["path"]
    if not path.startswith(PREFIX) or "?" in path or "#" in path:
        return error_response(422, "not_batchable", f"A batch holds only paths under {PREFIX}"
                              " without a query.", "path")
    adapter = current_app.url_map.bind("localhost")
    try:
        endpoint, _args = adapter.match(path, method=op["method"])
    except (NotFound, MethodNotAllowed):
        return None  # answered as alone: 404 or 405
    except RequestRedirect as redirect:  # "//": the router would send it to another path
        return error_response(422, "not_batchable", "Write the path as the API names it "
                              f"({urlsplit(redirect.new_url).path}).", "path")
    view = current_app.view_functions[endpoint]
    if (endpoint.split(".")[0] in NOT_BATCHED_AREAS or rule_for(endpoint) == PUBLIC
            or getattr(view, "request_needs", WRITES) != WRITES):
        return error_response(422, "not_batchable", "This operation cannot be part of a batch "
                              "(signing in, API tokens, batches); send it on "
                              "its own.", "path")
    return None


def _environ(op):
    """The WSGI environ of the operation sent alone by the batch's sender: the batch's own
    headers (credentials, device, language) with the operation's key, method, path and body."""
    outer = request.environ
    environ = {name: value for name, value in outer.items()
               if name.startswith("HTTP_") or name in CARRIED}
    body = json.dumps(op["body"]).encode()
    environ.update({
        # WSGI carries the path as its UTF-8 bytes read as latin-1, as a server hands it over
        "REQUEST_METHOD": op["method"], "QUERY_STRING": "",
        "PATH_INFO": op["path"].encode().decode("latin-1"),
        "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": str(len(body)),
        "HTTP_IDEMPOTENCY_KEY": op["idempotency_key"], "stocktap.body": body})
    environ.pop("HTTP_TRANSFER_ENCODING", None)
    return environ


def _json_of(response):
    data = response.get_data()
    if not data or not response.is_json:
        return None
    return json.loads(data)
