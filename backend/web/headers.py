"""Security headers on every response, API and PWA alike.

The Content-Security-Policy fits the app as served: every script, style, image and worker
from this origin only, no inline script; images also from data: URLs (the enrolment QR code)
and blob: (camera frames); fetches and the Socket.IO websocket to this host; workers from
blob: and WebAssembly compiled in them ('wasm-unsafe-eval'), for the barcode decoder the PWA
loads in a Worker. HSTS only when the request came over HTTPS (never pin plain-HTTP `make run`).
"""
from flask import request

STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000"


def content_security_policy(host):
    """The policy for pages served to `host` (the Host the browser asked for)."""
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        f"connect-src 'self' ws://{host} wss://{host}",
        "worker-src 'self' blob:",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def add_security_headers(response):
    """after_request: the headers every response carries."""
    for name, value in STATIC_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Content-Security-Policy", content_security_policy(request.host))
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def init_app(app):
    """Add the headers to every response, errors included."""
    app.after_request(add_security_headers)
