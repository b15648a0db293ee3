"""HTTP layer of sign-in: passkey ceremonies, enrolment links, own passkeys, signing out."""
from flask import current_app, g, jsonify, request

from ..api import Blueprint
from ..errors import Forbidden
from ..request_life import own_transaction
from . import account, ceremonies, enrolment
from .limits import limit_auth
from .schemas import (
    EmptySchema,
    EnrolmentSchema,
    MyEnrolmentLinkSchema,
    PasskeyNameSchema,
    PasskeySchema,
    RegisterSchema,
    VerifySchema,
)
from .sessions import COOKIE, cookie_options

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Sign-in and passkeys")




def _settings():
    return current_app.extensions["settings"]


def _own_user_id():
    """The caller's user id; Forbidden for an integration's token that acts as nobody."""
    if g.principal.user_id is None:
        raise Forbidden("This API token is not tied to a user, so it has no passkeys or "
                        "sessions of its own.", code="no_user")
    return g.principal.user_id


def _signed_in(secret, session):
    """The /me body for a fresh session, with its cookie set."""
    response = jsonify(account.me(session.user_id, None, session.csrf_token,
                                  _settings().currency))
    response.set_cookie(COOKIE, secret, **cookie_options(_settings(), request.is_secure))
    return response


@blp.get("/me")
def get_signed_in_user():
    """Who is signed in, what they may do, and the CSRF token for writes (401 when nobody)."""
    principal = g.principal
    if principal.user_id is None:  # an integration's token that acts as nobody
        return jsonify({"user": None, "role": principal.role,
                        "permissions": sorted(principal.permissions), "csrf_token": None})
    session = principal.session
    return jsonify(account.me(principal.user_id, principal.permissions,
                              session.csrf_token if session else None,
                              _settings().currency))


@blp.post("/login/options")
@blp.arguments(EmptySchema)
@limit_auth
@own_transaction  # a spent challenge stays spent even when verify fails
def get_login_options(_data):
    """A challenge for signing in with any passkey registered here (discoverable credentials)."""
    options, challenge_id = ceremonies.login_options(_settings())
    return jsonify({"options": options, "challenge_id": challenge_id})


@blp.post("/login/verify")
@blp.arguments(VerifySchema)
@limit_auth
@own_transaction
def log_in(data):
    """Check the passkey's answer and sign in (sets the session cookie)."""
    secret, session = account.sign_in(_settings(), data["challenge_id"], data["credential"],
                                      request.user_agent.string)
    return _signed_in(secret, session)


@blp.get("/enrol/<token>")
@blp.response(200, EnrolmentSchema)
@limit_auth
def get_enrolment(token):
    """Who a link enrols (404 unknown or used, 410 expired)."""
    link = enrolment.open_link(token)
    return {"username": link.user.username, "display_name": link.user.display_name,
            "expires_at": link.expires_at}


@blp.post("/enrol/<token>/options")
@blp.arguments(EmptySchema)
@limit_auth
@own_transaction
def get_enrolment_options(_data, token):
    """A challenge for registering the link's user's passkey."""
    options, challenge_id = enrolment.enrol_options(_settings(), token)
    return jsonify({"options": options, "challenge_id": challenge_id})


@blp.post("/enrol/<token>/verify")
@blp.arguments(RegisterSchema)
@limit_auth
@own_transaction
def complete_enrolment(data, token):
    """Store the new passkey, spend the link and sign in (sets the session cookie)."""
    secret, session = enrolment.enrol(_settings(), token, data["challenge_id"],
                                      data["credential"], data.get("name"),
                                      request.user_agent.string)
    return _signed_in(secret, session)


@blp.get("/passkeys")
@blp.response(200, PasskeySchema(many=True))
def list_passkeys():
    """My passkeys."""
    return account.list_passkeys(_own_user_id())


@blp.get("/enrolment-links")
@blp.response(200, MyEnrolmentLinkSchema(many=True))
def list_enrolment_links():
    """Enrolment links made for my account, newest first: whoever holds one can add a passkey,
    so the account screen shows who made each (the notice of a re-enrolment)."""
    return account.enrolment_links(_own_user_id())


@blp.patch("/passkeys/<int:passkey_id>")
@blp.arguments(PasskeyNameSchema)
@blp.response(200, PasskeySchema)
def rename_passkey(data, passkey_id):
    """Rename one of my passkeys."""
    return account.rename_passkey(_own_user_id(), passkey_id, data["name"])


@blp.delete("/passkeys/<int:passkey_id>")
@blp.response(204)
def delete_passkey(passkey_id):
    """Revoke one of my passkeys (409 for the last one)."""
    account.delete_passkey(_own_user_id(), passkey_id)


@blp.post("/passkeys/options")
@blp.arguments(EmptySchema)
@own_transaction
def get_passkey_options(_data):
    """A challenge for adding another passkey to my account."""
    options, challenge_id = account.add_passkey_options(_settings(), _own_user_id())
    return jsonify({"options": options, "challenge_id": challenge_id})


@blp.post("/passkeys/verify")
@blp.arguments(RegisterSchema)
@blp.response(201, PasskeySchema)
@own_transaction
def add_passkey(data):
    """Store another passkey for my account."""
    return account.add_passkey(_settings(), _own_user_id(), data["challenge_id"],
                               data["credential"], data.get("name"))


@blp.post("/logout")
@blp.response(204)
def log_out():
    """Sign out of this session (a bearer token is not signed out: revoke it instead)."""
    if g.principal.session is not None:
        account.sign_out(g.principal.session.id)
    response = current_app.response_class(status=204)
    response.delete_cookie(COOKIE, path="/")
    return response


@blp.post("/logout-everywhere")
def log_out_everywhere():
    """End every session of mine, on every device."""
    ended = account.sign_out_everywhere(_own_user_id())
    response = jsonify({"ended": ended})
    response.delete_cookie(COOKIE, path="/")
    return response
