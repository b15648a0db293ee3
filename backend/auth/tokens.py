"""API tokens for integrations: made by an admin, shown once, stored hashed, revocable."""
import secrets

from ..audit.capture import recorded
from ..db import utcnow, writing
from ..errors import Invalid, NotFound
from .models import ROLES, ApiToken, User
from .permissions import all_areas
from .sessions import TOUCH_EVERY, hash_secret

PREFIX = "stk_"


def issue_token(name, role=None, scopes=(), user_id=None, actor=None):
    """Create a token; returns (ApiToken, plain token). Raises Invalid, NotFound."""
    user = None
    if user_id is not None:
        user = User.get_or_none(User.id == user_id)
        if user is None:
            raise NotFound(f"User {user_id} does not exist.", field="user_id")
    role = role or (user.role if user else None)
    if role not in ROLES:
        raise Invalid("A token needs a role: " + ", ".join(ROLES) + ".", field="role")
    unknown = sorted(set(scopes) - set(all_areas()))
    if unknown:
        raise Invalid(f"Unknown scope {unknown[0]!r}; scopes are areas: "
                      + ", ".join(all_areas()) + ".", field="scopes")
    secret = PREFIX + secrets.token_urlsafe(32)
    with recorded():
        token = ApiToken.create(name=name, token_hash=hash_secret(secret), role=role,
                                scopes=",".join(sorted(set(scopes))), user=user,
                                created_by=actor.user_id if actor else None)
    return token, secret


def resolve_token(secret):
    """The live ApiToken a bearer secret names, or None (unknown, revoked, inactive user)."""
    token = ApiToken.get_or_none((ApiToken.token_hash == hash_secret(secret))
                                 & ApiToken.revoked_at.is_null())
    if token is None or (token.user_id is not None and not token.user.active):
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        with writing():
            ApiToken.update(last_used_at=now).where(ApiToken.id == token.id).execute()
    return token


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
