"""The two WebAuthn ceremonies (py_webauthn 3): registering a passkey and signing in with one.

Challenges are stored server-side with an expiry and spent by the first verify that names
them, in their own committed transaction, so a failed or replayed response cannot reuse one.
User verification is required both ways; the relying party id and origins come from settings.
"""
import json
import secrets
from datetime import timedelta

from webauthn import (
    base64url_to_bytes,
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from ..db import writing
from ..db.fields import utcnow
from ..errors import Invalid, Unauthorized
from .models import Challenge, Passkey, User

CHALLENGE_TTL = timedelta(minutes=5)
TIMEOUT_MS = 120000
MALFORMED = (WebAuthnException, ValueError, KeyError, TypeError, AttributeError)


def _store_challenge(purpose, challenge, user_id=None):
    challenge_id = secrets.token_urlsafe(24)
    with writing():
        Challenge.delete().where(Challenge.expires_at < utcnow()).execute()
        Challenge.create(id=challenge_id, purpose=purpose, challenge=bytes_to_base64url(challenge),
                         user=user_id, expires_at=utcnow() + CHALLENGE_TTL)
    return challenge_id


def spend_challenge(challenge_id, purpose, user_id=None):
    """Take a challenge out of the store, once. Raises Invalid (unknown, used or expired)."""
    with writing():
        row = Challenge.get_or_none((Challenge.id == str(challenge_id or ""))
                                    & (Challenge.purpose == purpose))
        if row is not None:
            Challenge.delete().where(Challenge.id == row.id).execute()
    if row is None or row.expires_at < utcnow() or (user_id is not None and row.user_id != user_id):
        raise Invalid("This sign-in attempt is unknown, used or expired; please start again.",
                      field="challenge_id", code="challenge")
    return base64url_to_bytes(row.challenge)


def login_options(settings):
    """Options for navigator.credentials.get with discoverable credentials; (options, id)."""
    options = generate_authentication_options(
        rp_id=settings.rp_id, timeout=TIMEOUT_MS,
        user_verification=UserVerificationRequirement.REQUIRED)
    return json.loads(options_to_json(options)), _store_challenge("login", options.challenge)


def verify_login(settings, challenge_id, credential):
    """Check a sign-in assertion; returns (Passkey, new sign count) for count_sign_in().

    Raises Invalid (challenge), Unauthorized (unknown passkey, bad signature, origin, rp id,
    no user verification, sign count not increasing: a cloned authenticator)."""
    challenge = spend_challenge(challenge_id, "login")
    credential_id = credential.get("id") if isinstance(credential, dict) else None
    passkey = (Passkey.select(Passkey, User).join(User)
               .where((Passkey.credential_id == str(credential_id)) & User.active).first())
    if passkey is None:
        raise Unauthorized("This passkey is not registered here (it was revoked, or made for "
                           "another server): ask an admin or manager for a new enrolment link.",
                           code="unknown_passkey")
    try:
        verified = verify_authentication_response(
            credential=credential, expected_challenge=challenge, expected_rp_id=settings.rp_id,
            expected_origin=settings.allowed_origins(), credential_public_key=passkey.public_key,
            credential_current_sign_count=passkey.sign_count, require_user_verification=True)
    except MALFORMED as error:
        code = "sign_count" if "sign count" in str(error) else "webauthn"
        raise Unauthorized(f"The passkey sign-in was refused: {error}", code=code) from None
    return passkey, verified.new_sign_count


def count_sign_in(passkey, new_sign_count):
    """Store the new counter, compare-and-swap, so two racing copies cannot both pass.

    Call inside the transaction that opens the session. Raises Unauthorized (sign_count)."""
    moved = (Passkey.update(sign_count=new_sign_count, last_used_at=utcnow())
             .where((Passkey.id == passkey.id) & (Passkey.sign_count == passkey.sign_count))
             .execute())
    if not moved:
        raise Unauthorized("The passkey sign-in was refused: its counter moved meanwhile.",
                           code="sign_count")


def registration_options(settings, user, purpose):
    """Options for navigator.credentials.create (resident key, user verification); (options, id)."""
    existing = [PublicKeyCredentialDescriptor(id=base64url_to_bytes(p.credential_id))
                for p in Passkey.select().where(Passkey.user == user.id)]
    options = generate_registration_options(
        rp_id=settings.rp_id, rp_name=settings.rp_name, user_name=user.username,
        user_id=f"stocktap-user-{user.id}".encode(), user_display_name=user.display_name,
        timeout=TIMEOUT_MS, exclude_credentials=existing,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED))
    challenge_id = _store_challenge(purpose, options.challenge, user.id)
    return json.loads(options_to_json(options)), challenge_id


def verify_registration(settings, credential, challenge):
    """Check a new credential against a spent challenge; returns the fields of a Passkey.

    Raises Invalid (bad attestation, origin, rp id, no user verification)."""
    try:
        verified = verify_registration_response(
            credential=credential, expected_challenge=challenge, expected_rp_id=settings.rp_id,
            expected_origin=settings.allowed_origins(), require_user_verification=True)
    except MALFORMED as error:
        raise Invalid(f"The passkey could not be registered: {error}", field="credential",
                      code="webauthn") from None
    transports = (credential.get("response") or {}).get("transports") or []
    return {"credential_id": bytes_to_base64url(verified.credential_id),
            "public_key": verified.credential_public_key, "sign_count": verified.sign_count,
            "transports": ",".join(str(t) for t in transports)[:200]}

