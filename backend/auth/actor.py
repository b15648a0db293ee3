"""Who is acting on this request, and may they: request_life runs load_actor() first.

Credentials are a bearer API token (integrations, scripts) or the session cookie (the PWA).
Cookie-authenticated writes must echo the session's CSRF token in X-CSRF-Token. The rule
for the endpoint comes from permissions.ENDPOINTS: unauthenticated -> 401, not allowed or
undeclared -> 403. Warehouse limits travel in the Actor to the services (auth/access.py).
"""
import hmac
from dataclasses import dataclass

from flask import current_app, g, request

from ..errors import Forbidden, Unauthorized
from ..stock.ledger import Actor
from . import access
from .permissions import PUBLIC, permissions_of, rule_for
from .sessions import COOKIE, resolve_session
from .tokens import resolve_token

MAX_DEVICE = 80
MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
CSRF_HEADER = "X-CSRF-Token"
EXPIRED = {"idle", "absolute", "ended"}


@dataclass(frozen=True)
class Principal:
    """The authenticated caller: a user through a session, or an API token."""

    user_id: int | None
    role: str
    permissions: frozenset
    warehouses: frozenset | None  # None: every warehouse
    sees_all_stock: bool
    session: object = None
    token: object = None

    def may(self, permission):
        """True when the caller holds the permission (PUBLIC is everyone's)."""
        return permission == PUBLIC or permission in self.permissions


def principal_for_session(session):
    """The Principal of a live session."""
    user = session.user
    return Principal(user.id, user.role, permissions_of(user.role), *access.limits_of(user.id),
                     session=session)


def principal_for_token(token):
    """The Principal of an API token: its role, its scopes, and its user's limits if any."""
    granted = permissions_of(token.role, token.scopes)
    if token.user_id is not None:
        granted &= permissions_of(token.user_role)
    return Principal(token.user_id, token.role, granted, *access.limits_of(token.user_id),
                     token=token)


def authenticate(headers, cookies, settings):
    """(Principal or None, reason) from an Authorization header or the session cookie."""
    authorization = headers.get("Authorization", "")
    if authorization:
        scheme, _, secret = authorization.partition(" ")
        token = resolve_token(secret.strip()) if scheme.lower() == "bearer" else None
        if token is None:
            raise Unauthorized("The API token is unknown or revoked.", code="bad_token",
                               field="Authorization")
        return principal_for_token(token), None
    secret = cookies.get(COOKIE)
    if not secret:
        return None, "none"
    session, reason = resolve_session(secret, settings)
    return (principal_for_session(session) if session else None), reason


def _check_csrf(principal):
    if principal.session is None or request.method not in MUTATING:
        return
    sent = request.headers.get(CSRF_HEADER, "")
    if not hmac.compare_digest(sent.encode(), principal.session.csrf_token.encode()):
        raise Forbidden(f"Missing or wrong {CSRF_HEADER}; sign in again if this persists.",
                        code="csrf", field=CSRF_HEADER)


def _refuse_unauthenticated(reason):
    if reason in EXPIRED:
        raise Unauthorized("Your session has ended; please sign in again.",
                           code="session_expired")
    raise Unauthorized("Please sign in.")


def load_actor():
    """Authenticate, check CSRF and the permission table, then set g.actor."""
    g.actor, g.principal = Actor(), None
    if request.endpoint is None:  # no route: Flask answers 404/405 in the error shape
        return
    settings = current_app.extensions["settings"]
    principal, reason = authenticate(request.headers, request.cookies, settings)
    g.principal = principal
    rule = rule_for(request.endpoint)
    if rule != PUBLIC:
        if principal is None:
            _refuse_unauthenticated(reason)
        if rule is None:
            raise Forbidden(f"Endpoint {request.endpoint} is not declared in the permission "
                            "table, so nobody may use it.", code="undeclared")
        _check_csrf(principal)
        if not principal.may(rule):
            raise Forbidden(f"Your role ({principal.role}) may not do this ({rule}).")
    device = (request.headers.get("X-Device") or "")[:MAX_DEVICE] or None
    g.actor = actor_of(principal, device)


def actor_of(principal, device=None):
    """The Actor services are given: who acts, through which token, on which device, within
    which warehouses, with which permissions."""
    if principal is None:
        return Actor(device=device)
    token = principal.token
    return Actor(user_id=principal.user_id, device=device, token_id=token.id if token else None,
                 warehouses=principal.warehouses, sees_all_stock=principal.sees_all_stock,
                 permissions=principal.permissions)


def current_actor():
    """The Actor of the current request."""
    return getattr(g, "actor", Actor())


def current_principal():
    """The authenticated Principal of the current request, or None."""
    return getattr(g, "principal", None)

