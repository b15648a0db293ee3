"""Serves pwa/: the shell at /, the manifest, the service worker and the static assets.

The service worker's cache names carry a build version: a hash of every shell file, written
into sw.js as it is served, so any change to the shell makes browsers install a new worker.
"""
import hashlib
import json
import os

from flask import Blueprint, Response, abort, send_from_directory

from config import ROOT

from . import generated, vendor

PWA_DIR = os.path.join(ROOT, "pwa")
CA_CERT = os.path.join(ROOT, "var", "tls", "ca.crt")
ASSET_DIRS = ("js", "css", "icons", "i18n")
# Assets are revalidated (ETag / Last-Modified) rather than trusted for long: the service
# worker is the long-lived cache, and it is refreshed as a whole when the build changes.
ASSET_MAX_AGE = 300
SHELL_EXTENSIONS = (".html", ".js", ".css", ".png", ".svg", ".webmanifest")

blp = Blueprint("web", __name__)


def shell_files():
    """The URLs the service worker precaches: every shell file except sw.js itself."""
    urls = ["/", "/manifest.webmanifest", *generated.FILES, *map(vendor.url, vendor.SHELL)]
    for folder in ASSET_DIRS:
        for base, _dirs, files in os.walk(os.path.join(PWA_DIR, folder)):
            for name in sorted(files):
                if name.endswith(SHELL_EXTENSIONS):
                    rel = os.path.relpath(os.path.join(base, name), PWA_DIR)
                    urls.append("/" + rel.replace(os.sep, "/"))
    return sorted(urls)


def _path_of(url):
    if url.startswith("/vendor/"):
        return vendor.path_of(url.removeprefix("/vendor/"))
    return os.path.join(PWA_DIR, "index.html" if url == "/" else url.lstrip("/"))


def _content_of(url):
    if url in generated.FILES:
        return generated.FILES[url]().encode()
    with open(_path_of(url), "rb") as handle:
        return handle.read()


def build_version(urls):
    """A short hash of the shell files' names and contents."""
    digest = hashlib.sha256()
    for url in urls + ["/sw.js"]:
        digest.update(url.encode())
        digest.update(_content_of(url))
    return digest.hexdigest()[:12]


def _no_cache(response):
    response.headers["Cache-Control"] = "no-cache"
    return response


@blp.get("/")
def index():
    """The app shell; the hash router takes it from there."""
    return _no_cache(send_from_directory(PWA_DIR, "index.html"))


@blp.get("/manifest.webmanifest")
def manifest():
    """The web app manifest (name, icons, display mode) for installation."""
    response = send_from_directory(PWA_DIR, "manifest.webmanifest",
                                   mimetype="application/manifest+json")
    return _no_cache(response)


@blp.get("/sw.js")
def service_worker():
    """The service worker with this build's version and shell list filled in."""
    urls = shell_files()
    with open(os.path.join(PWA_DIR, "sw.js"), encoding="utf-8") as handle:
        source = handle.read()
    source = (source.replace("__BUILD_VERSION__", build_version(urls))
              .replace('["__SHELL_FILES__"]', json.dumps(urls))
              .replace("__DECODER_VERSION__", vendor.digest(vendor.DECODER))
              .replace('["__DECODER_FILES__"]', json.dumps(list(map(vendor.url, vendor.DECODER)))))
    response = Response(source, mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = "/"
    return _no_cache(response)


@blp.get("/<any(js, css, icons, i18n):folder>/<path:filename>")
def asset(folder, filename):
    """A static file of the shell."""
    response = send_from_directory(os.path.join(PWA_DIR, folder), filename,
                                   max_age=ASSET_MAX_AGE)
    if filename.endswith(".js"):
        response.mimetype = "text/javascript"
    return response


@blp.get("/js/scan/gs1-ais.js")
def gs1_table():
    """The GS1 AI table as a module, written from scanner/gs1_ais.py (one definition)."""
    response = Response(generated.gs1_table_module(), mimetype="text/javascript")
    response.headers["Cache-Control"] = f"max-age={ASSET_MAX_AGE}"
    return response


@blp.get("/vendor/<name>")
def vendor_file(name):
    """One allow-listed file of an npm package (backend/web/vendor.py)."""
    return vendor.send(name, ASSET_MAX_AGE)


@blp.get("/ca.crt")
def ca_certificate():
    """The local CA certificate, for installing on phones (present after `make run-https`)."""
    if not os.path.isfile(CA_CERT):
        abort(404)
    return send_from_directory(os.path.dirname(CA_CERT), "ca.crt",
                               mimetype="application/x-x509-ca-cert", as_attachment=True)


PUBLIC_ENDPOINTS = ("web.index", "web.manifest", "web.service_worker", "web.asset",
                    "web.ca_certificate", "web.gs1_table", "web.vendor_file")


def _declare_public():
    # A signed-out device must load the shell to sign in, so every route here is public.
    # The permission table (auth/permissions.py) is where that belongs; until it lists these
    # endpoints, they are declared from here (an entry in the table wins).
    from ..auth import permissions
    for endpoint in PUBLIC_ENDPOINTS:
        permissions.ENDPOINTS.setdefault(endpoint, permissions.PUBLIC)


def init_app(app):
    """Serve the PWA from this app, open to everyone."""
    app.register_blueprint(blp)
    _declare_public()
