"""Checks on what a browser hands us: the server will POST to the endpoint, so it must be a
public https URL (no request to our own network), and the keys must be usable."""
import base64
import binascii
import ipaddress
import socket
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec

from ..errors import Invalid

AUTH_SECRET_BYTES = 16


def _host_named(parts, allowed_hosts):
    host = (parts.hostname or "").lower()
    with_port = f"{host}:{parts.port}" if parts.port else host
    return host in allowed_hosts or with_port in allowed_hosts


def is_public(address):
    """True for an address the server may post to (a socket's peer, or one DNS gave)."""
    address = ipaddress.ip_address(address.split("%")[0])
    return address.is_global and not address.is_multicast


def public_addresses(host, port):
    """The host's addresses; Invalid "private_endpoint" when any is not a public one."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise Invalid(f"The push endpoint's host {host} does not resolve.", field="endpoint",
                      code="unresolvable_endpoint") from None
    for info in infos:
        if not is_public(info[4][0]):
            raise Invalid("The push endpoint is an internal address.", field="endpoint",
                          code="private_endpoint")
    return infos


def named_host(url, allowed_hosts):
    """True when the URL's host is one PUSH_ALLOWED_HOSTS names (posted to as it is)."""
    return _host_named(urlsplit(url), allowed_hosts)


def check_endpoint(url, allowed_hosts):
    """Refuse an endpoint we must not post to: Invalid "insecure_endpoint" (not https),
    "private_endpoint", "unresolvable_endpoint". Hosts in allowed_hosts pass as they are."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a bad port raises here
    except ValueError:
        raise Invalid("The push endpoint is not a URL.", field="endpoint",
                      code="insecure_endpoint") from None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username:
        raise Invalid("The push endpoint must be an https URL.", field="endpoint",
                      code="insecure_endpoint")
    if _host_named(parts, allowed_hosts):
        return url
    if parts.scheme != "https":
        raise Invalid("The push endpoint must be an https URL.", field="endpoint",
                      code="insecure_endpoint")
    public_addresses(parts.hostname, parts.port or 443)
    return url


def _b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def check_keys(keys):
    """Refuse keys that cannot encrypt a message: Invalid "bad_push_key" naming the key."""
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), _b64url(keys["p256dh"]))
    except (ValueError, binascii.Error):
        raise Invalid("keys.p256dh is not a P-256 public key.", field="keys.p256dh",
                      code="bad_push_key") from None
    try:
        secret = _b64url(keys["auth"])
    except (ValueError, binascii.Error):
        secret = b""
    if len(secret) != AUTH_SECRET_BYTES:
        raise Invalid("keys.auth is not a 16-byte secret.", field="keys.auth",
                      code="bad_push_key")
    return keys
