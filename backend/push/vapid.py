"""The server's VAPID key pair: made once, kept under DATA_DIR (outside the repository)."""
import base64
import os

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from py_vapid import Vapid02

KEY_FILE = "vapid_private.pem"


def key_path(settings):
    """Where the private key lives."""
    return os.path.join(settings.data_dir, KEY_FILE)


def ensure_keys(settings):
    """Make the key pair if there is none; True when it was made now.

    Several workers may start together: the key is written to a file of its own, then linked
    into place, which fails for all but the first; the others read the first one's key."""
    path = key_path(settings)
    if os.path.exists(path):
        return False
    os.makedirs(settings.data_dir, exist_ok=True)
    vapid = Vapid02()
    vapid.generate_keys()
    draft = f"{path}.{os.getpid()}.tmp"
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(vapid.private_pem())
    try:
        os.link(draft, path)
        return True
    except FileExistsError:
        return False
    finally:
        os.unlink(draft)


def private_key(settings):
    """The Vapid key pair pywebpush signs with (made on first use if missing)."""
    ensure_keys(settings)
    return Vapid02.from_file(key_path(settings))


def public_key(settings):
    """The public key as the browser's applicationServerKey wants it: base64url, unpadded."""
    raw = private_key(settings).public_key.public_bytes(Encoding.X962,
                                                        PublicFormat.UncompressedPoint)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
