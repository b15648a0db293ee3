"""The signed-in user's own account: signing in, the /me body, their passkeys, signing out."""
import peewee

from ..audit.capture import recorded
from ..db import writing
from ..errors import Conflict, NotFound
from . import access, ceremonies
from .models import EnrolmentLink, Passkey, User
from .permissions import permissions_of
from .sessions import end_all_sessions, end_session, start_session


def sign_in(settings, challenge_id, credential, user_agent=""):
    """Verify a passkey assertion and open a session; returns (cookie secret, Session).

    Raises Invalid (challenge), Unauthorized (passkey refused)."""
    passkey, new_count = ceremonies.verify_login(settings, challenge_id, credential)
    with recorded():
        ceremonies.count_sign_in(passkey, new_count)
        return start_session(passkey.user_id, passkey.id, user_agent)


def me(user_id, principal_permissions, csrf_token=None, currency=None):
    """The body of GET /auth/me: the user, what they may do, their CSRF token, and the
    business currency (the PWA formats every amount in it)."""
    user = User.get_by_id(user_id)
    warehouses = access.allowed_warehouses(user.id)
    return {"user": {"id": user.id, "username": user.username,
                     "display_name": user.display_name, "role": user.role,
                     "warehouses": sorted(warehouses) if warehouses is not None else None},
            "permissions": sorted(principal_permissions or permissions_of(user.role)),
            "csrf_token": csrf_token, "currency": currency}


def list_passkeys(user_id):
    """A user's passkeys, oldest first."""
    return list(Passkey.select().where(Passkey.user == user_id).order_by(Passkey.id))


def enrolment_links(user_id):
    """The enrolment links made for a user, with their makers, newest first."""
    maker = User.alias()
    return list(EnrolmentLink.select(EnrolmentLink, maker)
                .join(maker, peewee.JOIN.LEFT_OUTER, on=(EnrolmentLink.created_by == maker.id))
                .where(EnrolmentLink.user == user_id).order_by(EnrolmentLink.id.desc()))


def _own_passkey(user_id, passkey_id):
    passkey = Passkey.get_or_none((Passkey.id == passkey_id) & (Passkey.user == user_id))
    if passkey is None:
        raise NotFound(f"Passkey {passkey_id} does not exist.")
    return passkey


def rename_passkey(user_id, passkey_id, name):
    """Rename one of the user's passkeys. Raises NotFound."""
    with writing():
        passkey = _own_passkey(user_id, passkey_id)
        passkey.name = name
        passkey.save()
    return passkey


def delete_passkey(user_id, passkey_id):
    """Revoke one of the user's passkeys (not the last one). Raises NotFound, Conflict."""
    with writing():
        passkey = _own_passkey(user_id, passkey_id)
        if Passkey.select().where(Passkey.user == user_id).count() == 1:
            raise Conflict("This is your last passkey; add another before removing it.",
                           code="last_passkey")
        passkey.delete_instance()


def add_passkey_options(settings, user_id):
    """Registration options for another passkey of the signed-in user; (options, id)."""
    return ceremonies.registration_options(settings, User.get_by_id(user_id), "add")


def add_passkey(settings, user_id, challenge_id, credential, name):
    """Register another passkey for the signed-in user. Raises Invalid."""
    challenge = ceremonies.spend_challenge(challenge_id, "add", user_id)
    fields = ceremonies.verify_registration(settings, credential, challenge)
    with recorded():
        return Passkey.create(user=user_id, name=name or "Passkey", **fields)


def sign_out(session_id):
    """End this session."""
    end_session(session_id)


def sign_out_everywhere(user_id):
    """End all of the user's sessions; returns how many."""
    return end_all_sessions(user_id)
