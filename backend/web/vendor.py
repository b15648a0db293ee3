"""Third-party front-end files, served from node_modules (installed by `make deps`: npm ci).

Only the files named here are served, never the folder. SHELL files are precached with the
app shell; DECODER files (1 MB of WebAssembly) are fetched when a scan screen first opens
the camera and then kept by the service worker for offline use.
"""
import hashlib
import os

from flask import abort, send_file

from config import ROOT

NODE_MODULES = os.path.join(ROOT, "node_modules")
SHELL = {
    "htm-preact.js": "htm/preact/standalone.module.js",  # Preact + hooks + htm, one module
    "idb.js": "idb/build/index.js",  # promises over IndexedDB, one module
    "socket.io.js": "socket.io-client/dist/socket.io.esm.min.js",  # live updates (js/live.js)
}
DECODER = {
    "zxing-reader.js": "zxing-wasm/dist/iife/reader/index.js",
    "zxing_reader.wasm": "zxing-wasm/dist/reader/zxing_reader.wasm",
}
FILES = {**SHELL, **DECODER}
TYPES = {".js": "text/javascript", ".wasm": "application/wasm"}


def url(name):
    """The URL a vendor file is served at."""
    return f"/vendor/{name}"


def path_of(name):
    """The file on disk behind /vendor/<name>, or None when it is not on the list."""
    rel = FILES.get(name)
    return os.path.join(NODE_MODULES, rel) if rel else None


def digest(names):
    """A short hash of the named files' contents (a cache name changes when they do)."""
    hashed = hashlib.sha256()
    for name in sorted(names):
        hashed.update(name.encode())
        with open(path_of(name), "rb") as handle:
            hashed.update(handle.read())
    return hashed.hexdigest()[:12]


def send(name, max_age):
    """The response for /vendor/<name> (404 for a file not on the list or not installed)."""
    path = path_of(name)
    if path is None or not os.path.isfile(path):
        abort(404)
    return send_file(path, mimetype=TYPES[os.path.splitext(name)[1]], max_age=max_age,
                     conditional=True)
