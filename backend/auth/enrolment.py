"""One-time enrolment links: a new user (or one who lost a phone) registers a passkey with one."""
import secrets
from datetime import timedelta

import segno

from ..audit.capture import recorded
from ..db.fields import utcnow
from ..errors import Conflict, NotFound
from . import ceremonies
from .models import EnrolmentLink, Passkey, User
from .sessions import hash_secret, start_session

INVALID = "This enrolment link is not valid. Ask an administrator for a new one."


def enrolment_url(settings, token):
    """The address the link or QR code opens: the PWA's enrol screen."""
    return f"{settings.public_url.rstrip('/')}/#/enrol/{token}"


def create_link(settings, user_id, created_by=None):
    """A new link for a user (older unused links stop working); returns (link, url, token).

    Raises NotFound, Conflict (inactive user)."""
    user = User.get_or_none(User.id == user_id)
    if user is None:
        raise NotFound(f"User {user_id} does not exist.")
    if not user.active:
        raise Conflict(f"User {user.username} is inactive; activate them first.",
                       code="inactive_user")
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with recorded():
        (EnrolmentLink.update(expires_at=now)
         .where((EnrolmentLink.user == user.id) & EnrolmentLink.used_at.is_null()
                & (EnrolmentLink.expires_at > now)).execute())
        link = EnrolmentLink.create(token_hash=hash_secret(token), user=user, created_by=created_by,
                                    created_at=now,
                                    expires_at=now + timedelta(hours=settings.enrolment_hours))
    return link, enrolment_url(settings, token), token


def qr_svg(url):
    """The link as an inline SVG QR code."""
    return segno.make(url, error="m").svg_inline(scale=4)


def open_link(token):
    """The usable link a token names. Raises NotFound (unknown or used, one message) or 410."""
    link = (EnrolmentLink.select(EnrolmentLink, User).join(User, on=EnrolmentLink.user == User.id)
            .where(EnrolmentLink.token_hash == hash_secret(str(token))).first())
    if link is None or link.used_at is not None or not link.user.active:
        raise NotFound(INVALID, code="enrolment_invalid")
    if link.expires_at <= utcnow():
        raise NotFound("This enrolment link has expired. Ask an administrator for a new one.",
                       code="enrolment_expired", status=410)
    return link


def enrol_options(settings, token):
    """Registration options for the link's user; (options, challenge id). Raises as open_link."""
    link = open_link(token)
    return ceremonies.registration_options(settings, link.user, "enrol")


def enrol(settings, token, challenge_id, credential, name, user_agent=""):
    """Register the passkey, spend the link and sign in; returns (cookie secret, Session).

    Raises NotFound/410 (link), Invalid (challenge, credential)."""
    link = open_link(token)
    challenge = ceremonies.spend_challenge(challenge_id, "enrol", link.user_id)
    fields = ceremonies.verify_registration(settings, credential, challenge)
    with recorded():
        spent = (EnrolmentLink.update(used_at=utcnow())
                 .where((EnrolmentLink.id == link.id) & EnrolmentLink.used_at.is_null()).execute())
        if not spent:
            raise NotFound(INVALID, code="enrolment_invalid")
        passkey = Passkey.create(user=link.user_id, name=name or "Passkey", **fields)
        return start_session(link.user_id, passkey.id, user_agent)
