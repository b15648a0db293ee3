"""What the sign-in, account, user and token APIs read and write."""
import marshmallow as ma
from marshmallow import fields, validate

from ..api import Text
from . import users
from .models import ROLES
from .permissions import all_areas


class EmptySchema(ma.Schema):
    """No fields."""


class VerifySchema(ma.Schema):
    """A ceremony's answer: the challenge it answers and PublicKeyCredential.toJSON()."""

    challenge_id = Text(100, required=True)
    credential = fields.Dict(required=True)


class RegisterSchema(VerifySchema):
    """A new passkey and what to call it."""

    name = Text(80)


class PasskeySchema(ma.Schema):
    """A passkey as its owner sees it."""

    id = fields.Integer()
    name = Text(80, required=True)
    created_at = fields.DateTime(dump_only=True)
    last_used_at = fields.DateTime(dump_only=True, allow_none=True)
    sign_count = fields.Integer(dump_only=True)
    transports = fields.Function(lambda p: [t for t in p.transports.split(",") if t],
                                 dump_only=True)


class PasskeyNameSchema(ma.Schema):
    """A passkey's new name."""

    name = Text(80, required=True)


class EnrolmentSchema(ma.Schema):
    """Who an enrolment link is for."""

    username = fields.String()
    display_name = fields.String()
    expires_at = fields.DateTime()


class MyEnrolmentLinkSchema(ma.Schema):
    """An enrolment link someone made for my account (never its secret)."""

    id = fields.Integer()
    created_by = fields.Function(lambda l: l.created_by.username if l.created_by else None)
    created_at = fields.DateTime()
    expires_at = fields.DateTime()
    used_at = fields.DateTime(allow_none=True)


USERNAME = validate.Regexp(r"^[A-Za-z0-9._@-]{2,80}$",
                           error="2-80 letters, digits or . _ @ -")


class UserSchema(ma.Schema):
    """A user."""

    id = fields.Integer(dump_only=True)
    username = fields.String(required=True, validate=USERNAME)
    display_name = Text(120, required=True)
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    active = fields.Boolean(dump_only=True)
    warehouses = fields.Function(lambda u: users.warehouses_of(u.id), dump_only=True)
    sees_all_stock = fields.Boolean(dump_only=True)
    has_passkey = fields.Function(lambda u: u.passkeys.count() > 0, dump_only=True)
    created_at = fields.DateTime(dump_only=True)


class UserInSchema(ma.Schema):
    """A new user; warehouses limits them to those (omit for all)."""

    username = fields.String(required=True, validate=USERNAME)
    display_name = Text(120, required=True)
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    warehouses = fields.List(fields.Integer(strict=True), allow_none=True)


class UserPatchSchema(ma.Schema):
    """What an admin may change about a user."""

    display_name = Text(120)
    role = fields.String(validate=validate.OneOf(ROLES))
    active = fields.Boolean()
    warehouses = fields.List(fields.Integer(strict=True), allow_none=True)
    # Stock figures (not documents) of every warehouse, for a user limited to some.
    sees_all_stock = fields.Boolean()


class EnrolmentLinkSchema(ma.Schema):
    """A one-time enrolment link to show as a QR code."""

    url = fields.String()
    qr_svg = fields.String()
    expires_at = fields.DateTime()


class TokenInSchema(ma.Schema):
    """A new API token: a role (or the user's), optionally limited to areas."""

    name = Text(80, required=True)
    role = fields.String(validate=validate.OneOf(ROLES))
    scopes = fields.List(fields.String(validate=validate.OneOf(all_areas())), load_default=list)
    user_id = fields.Integer(strict=True, allow_none=True)


class TokenSchema(ma.Schema):
    """An API token as listed (never the secret)."""

    id = fields.Integer()
    name = fields.String()
    role = fields.String()
    scopes = fields.Function(lambda t: [s for s in t.scopes.split(",") if s])
    user_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime()
    last_used_at = fields.DateTime(allow_none=True)


class NewTokenSchema(TokenSchema):
    """A created token: the only time its secret is shown."""

    token = fields.String()

