"""Users, their roles and warehouses, passkeys, sessions, enrolment links and API tokens.

Secrets (session ids, enrolment tokens, API tokens) are stored only as SHA-256 hashes: they
are 32 random bytes, so a plain hash is enough and a leaked database signs nobody in.
"""
import peewee

from ..db.fields import UtcDateTimeField, utcnow
from ..db.models import BaseModel

ROLES = ("admin", "manager", "warehouse", "sales", "readonly")


class User(BaseModel):
    """A person (or an integration) that acts in Stocktap."""

    username = peewee.CharField(max_length=80, unique=True)
    display_name = peewee.CharField(max_length=120)
    role = peewee.CharField(max_length=20, choices=[(r, r) for r in ROLES])
    active = peewee.BooleanField(default=True)
    created_at = UtcDateTimeField(default=utcnow)
    # Stock figures of every warehouse (a sales rep quoting from any): granted by an admin.
    sees_all_stock = peewee.BooleanField(default=False)


class UserWarehouse(BaseModel):
    """A warehouse a limited user may work in; a user without rows may work in all."""

    user = peewee.ForeignKeyField(User, backref="warehouse_rows", on_delete="CASCADE")
    # A plain id: stock's models import this module, so a foreign key would be a cycle.
    warehouse_id = peewee.IntegerField()

    class Meta:
        indexes = ((("user", "warehouse_id"), True),)


class Passkey(BaseModel):
    """A WebAuthn credential of a user (one per phone or laptop)."""

    user = peewee.ForeignKeyField(User, backref="passkeys")
    credential_id = peewee.CharField(max_length=1400, unique=True)  # base64url
    public_key = peewee.BlobField()
    sign_count = peewee.BigIntegerField(default=0)
    name = peewee.CharField(max_length=80)
    transports = peewee.CharField(max_length=200, default="")  # comma-separated
    created_at = UtcDateTimeField(default=utcnow)
    last_used_at = UtcDateTimeField(null=True)


class Session(BaseModel):
    """A signed-in browser: the cookie holds the id, the row holds everything else."""

    id_hash = peewee.CharField(max_length=64, unique=True)
    user = peewee.ForeignKeyField(User, backref="sessions")
    passkey = peewee.ForeignKeyField(Passkey, null=True, on_delete="SET NULL")
    csrf_token = peewee.CharField(max_length=64)
    created_at = UtcDateTimeField(default=utcnow)
    last_seen_at = UtcDateTimeField(default=utcnow)
    ended_at = UtcDateTimeField(null=True)
    user_agent = peewee.CharField(max_length=200, default="")

    class Meta:
        table_name = "auth_session"


class Challenge(BaseModel):
    """A WebAuthn challenge handed out once; spent by the first verify that names it."""

    id = peewee.CharField(max_length=64, primary_key=True)
    purpose = peewee.CharField(max_length=10)  # login | enrol | add
    challenge = peewee.CharField(max_length=200)  # base64url
    user = peewee.ForeignKeyField(User, null=True, on_delete="CASCADE")
    expires_at = UtcDateTimeField()

    class Meta:
        audited = False  # machinery of a sign-in, not an action


class EnrolmentLink(BaseModel):
    """A one-time link that lets a user register their first (or a new) passkey."""

    token_hash = peewee.CharField(max_length=64, unique=True)
    user = peewee.ForeignKeyField(User, backref="enrolment_links")
    created_by = peewee.ForeignKeyField(User, null=True, backref="+")
    created_at = UtcDateTimeField(default=utcnow)
    expires_at = UtcDateTimeField()
    used_at = UtcDateTimeField(null=True)


class ApiToken(BaseModel):
    """A bearer token for an integration, limited to a role and optionally to some areas."""

    name = peewee.CharField(max_length=80)
    token_hash = peewee.CharField(max_length=64, unique=True)
    role = peewee.CharField(max_length=20, choices=[(r, r) for r in ROLES])
    scopes = peewee.CharField(max_length=400, default="")  # comma-separated areas; "" = all
    user = peewee.ForeignKeyField(User, null=True)  # acts as this user when set
    created_by = peewee.ForeignKeyField(User, null=True, backref="+")
    created_at = UtcDateTimeField(default=utcnow)
    last_used_at = UtcDateTimeField(null=True)
    revoked_at = UtcDateTimeField(null=True)


AUTH_MODELS = [UserWarehouse, Passkey, Session, Challenge, EnrolmentLink, ApiToken]
