"""HTTP layer of people and integrations: users, enrolment QR codes, API tokens."""
from flask import current_app, g, url_for

from ..api import Blueprint, PageArgs, page_of, paginate
from ..request_life import own_transaction, replayed_without
from . import enrolment, tokens, users
from .actor import current_actor
from .models import User
from .schemas import (
    EnrolmentLinkSchema,
    NewTokenSchema,
    TokenInSchema,
    TokenSchema,
    UserInSchema,
    UserPatchSchema,
    UserSchema,
)

users_blp = Blueprint("users", __name__, url_prefix="/api/v1", description="Users")
tokens_blp = Blueprint("tokens", __name__, url_prefix="/api/v1", description="API tokens")


@users_blp.get("/users")
@users_blp.arguments(PageArgs, location="query")
@users_blp.response(200, page_of(UserSchema))
def list_users(args):
    """Users, by id (a user limited to some warehouses sees no one of another)."""
    return paginate(users.search_users(current_actor()), User, args)


@users_blp.get("/users/<int:user_id>")
@users_blp.response(200, UserSchema)
def get_user(user_id):
    """One user."""
    return users.visible_user(user_id, current_actor())


@users_blp.post("/users")
@users_blp.arguments(UserInSchema)
@users_blp.response(201, UserSchema)
def create_user(data):
    """Create a user (managers: not admins); then issue an enrolment link."""
    user = users.create_user(data, g.principal)
    return user, 201, {"Location": url_for("users.get_user", user_id=user.id)}


@users_blp.patch("/users/<int:user_id>")
@users_blp.arguments(UserPatchSchema)
@users_blp.response(200, UserSchema)
def update_user(data, user_id):
    """Change a user's role, active flag, warehouses or sees_all_stock grant (admins)."""
    return users.update_user(user_id, data, g.principal)


@users_blp.post("/users/<int:user_id>/enrolment")
@users_blp.response(201, EnrolmentLinkSchema)
@own_transaction  # the link's secret must not be kept in the idempotency store
def create_enrolment_link(user_id):
    """A one-time link and QR code with which the user registers a passkey."""
    users.check_may_enrol(user_id, g.principal)
    link, url, _token = enrolment.create_link(current_app.extensions["settings"], user_id,
                                              g.principal.user_id)
    return {"url": url, "qr_svg": enrolment.qr_svg(url), "expires_at": link.expires_at}


@users_blp.post("/users/<int:user_id>/revoke-passkeys")
@users_blp.response(200)
def revoke_user_passkeys(user_id):
    """A lost phone: remove all the user's passkeys and sign them out everywhere."""
    return {"revoked": users.revoke_passkeys(user_id, g.principal)}


@tokens_blp.get("/tokens")
@tokens_blp.response(200, TokenSchema(many=True))
def list_tokens():
    """Live API tokens (without their secrets)."""
    return tokens.list_tokens()


@tokens_blp.post("/tokens")
@tokens_blp.arguments(TokenInSchema)
@tokens_blp.response(201, NewTokenSchema)
@replayed_without("token")  # the secret must not be kept in the idempotency store
def create_token(data):
    """Create a token; its secret is in this response only."""
    token, secret = tokens.issue_token(data["name"], data.get("role"), data["scopes"],
                                       data.get("user_id"), g.actor)
    token.token = secret
    return token


@tokens_blp.delete("/tokens/<int:token_id>")
@tokens_blp.response(204)
def revoke_token(token_id):
    """Revoke a token at once."""
    tokens.revoke_token(token_id)
