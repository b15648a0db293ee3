"""API tokens for integrations: made by an admin, shown once, stored hashed, revocable."""
import secrets
from dataclasses import dataclass

from ..db import writing
from ..db.fields import utcnow
from ..db.sql import run_sql, update_row
from ..errors import Invalid, NotFound
from .models import ROLES, ApiToken, User
from .permissions import all_areas
from .sessions import TOUCH_EVERY, hash_secret

PREFIX = "stk_"


def issue_token(name, role=None, scopes=(), user_id=None, actor=None):
    """Create a token; returns (ApiToken, plain token). Raises Invalid."""
    user = None
    if user_id is not None:
        user = User.get_or_none(User.id == user_id)
        if user is None:
            raise Invalid(f"User {user_id} does not exist.", field="user_id", code="unknown_user")
    role = role or (user.role if user else None)
    if role not in ROLES:
        raise Invalid("A token needs a role: " + ", ".join(ROLES) + ".", field="role")
    unknown = sorted(set(scopes) - set(all_areas()))
    if unknown:
        raise Invalid(f"Unknown scope {unknown[0]!r}; scopes are areas: "
                      + ", ".join(all_areas()) + ".", field="scopes")
    secret = PREFIX + secrets.token_urlsafe(32)
    with writing():  # the request's transaction: audited and stored with its key at commit
        token = ApiToken.create(name=name, token_hash=hash_secret(secret), role=role,
                                scopes=",".join(sorted(set(scopes))), user=user,
                                created_by=actor.user_id if actor else None)
    return token, secret


@dataclass(frozen=True)
class LiveToken:
    """What a request needs of a live API token."""

    id: int
    role: str
    scopes: tuple
    user_id: int | None
    user_role: str | None


# Every API request resolves its token: one hand-written query, not three built ones.
LIVE_TOKEN_SQL = ('SELECT t.id, t.role, t.scopes, t.user_id, t.last_used_at, u.role, u.active '
                  'FROM api_token t LEFT JOIN "user" u ON u.id = t.user_id '
                  "WHERE t.token_hash = ? AND t.revoked_at IS NULL")


def resolve_token(secret):
    """The LiveToken a bearer secret names, or None (unknown, revoked, inactive user)."""
    row = run_sql(LIVE_TOKEN_SQL, (hash_secret(secret),)).fetchone()
    if row is None:
        return None
    token_id, role, scopes, user_id, last_used, user_role, user_active = row
    if user_id is not None and not user_active:
        return None
    now = utcnow()
    last_used = ApiToken.last_used_at.python_value(last_used)
    if last_used is None or now - last_used > TOUCH_EVERY:
        with writing():  # bookkeeping, not an action: the audit trail drops a bare touch
            update_row(ApiToken, token_id, "last_used_at = ?", (ApiToken.last_used_at.db_value(now),))
    return LiveToken(token_id, role, tuple(s for s in scopes.split(",") if s), user_id, user_role)


def list_tokens():
    """Every token that has not been revoked, newest first."""
    return list(ApiToken.select().where(ApiToken.revoked_at.is_null())
                .order_by(ApiToken.id.desc()))


def revoke_token(token_id):
    """Revoke a token at once. Raises NotFound."""
    with writing():
        changed = (ApiToken.update(revoked_at=utcnow())
                   .where((ApiToken.id == token_id) & ApiToken.revoked_at.is_null()).execute())
    if not changed:
        raise NotFound(f"API token {token_id} does not exist or is already revoked.")
