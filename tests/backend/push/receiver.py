"""A push service of our own for tests: a local HTTP server that keeps what it is sent, and a
browser's side of a subscription (its key pair and auth secret) to decrypt it (RFC 8291)."""
import base64
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Browser:
    """What a browser keeps for one subscription: a P-256 key pair and a 16-byte secret."""

    def __init__(self):
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.auth_secret = os.urandom(16)

    def keys(self):
        public = self.private_key.public_key().public_bytes(Encoding.X962,
                                                            PublicFormat.UncompressedPoint)
        return {"p256dh": b64url(public), "auth": b64url(self.auth_secret)}

    def read(self, body):
        """Decrypt one message (aes128gcm) to its JSON payload."""
        plain = http_ece.decrypt(body, private_key=self.private_key,
                                 auth_secret=self.auth_secret, version="aes128gcm")
        return json.loads(plain)


class Receiver:
    """A local push service: records (path, headers, body) of each POST; answers `status`."""

    def __init__(self):
        self.received, self.status = [], 201
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the http.server name
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.received.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.host = f"127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path):
        return f"http://{self.host}{path}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
