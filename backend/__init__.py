"""Stocktap's server: create_app() builds the Flask app for one database."""
import importlib

from flask import jsonify

from config import Settings

from . import errors, idempotency_pruning, realtime, request_life
from .api import Api
from .audit import capture as audit_capture
from .auth import limits, sockets
from .auth.sessions import NoCookieSession
from .db import db
from .db.url import open_database
from .events import pruning as events_pruning
from .json_body import JsonProvider
from .push import sender as push_sender
from .scan import budget as scan_budget
from .web import headers as web_headers

AREAS = ("catalog", "stock", "purchasing", "sales", "transfers", "stocktake", "approvals", "scan",
         "device", "floor", "events",
         "alerts", "push", "sync", "labels", "imports")


def _blueprints():
    from .audit.routes import blp as audit_blp
    from .auth.admin_routes import tokens_blp, users_blp
    from .auth.routes import blp as auth_blp
    areas = [importlib.import_module(f"{__name__}.{area}.routes").blp for area in AREAS]
    return [auth_blp, users_blp, tokens_blp, audit_blp] + areas


def create_app(settings=None):
    """Build the app bound to the database `settings.database_url` names."""
    settings = settings or Settings()
    app = request_life.App(__name__, static_folder=None)
    app.json = JsonProvider(app)
    app.config.update(settings.flask_config())
    app.extensions["settings"] = settings
    app.session_interface = NoCookieSession()
    db.initialize(open_database(settings.database_url, settings.pg_pool_size))
    api = Api(app)
    for blueprint in _blueprints():
        api.register_blueprint(blueprint)
    errors.init_app(app)
    limits.init_app(app, settings)
    audit_capture.init_app(app)
    idempotency_pruning.init_app(app)
    events_pruning.init_app(app)
    push_sender.init_app(app, settings)
    request_life.init_app(app, settings)
    realtime.init_app(app, settings)  # outermost: Socket.IO traffic skips the request's life
    scan_budget.init_app(app, settings)
    sockets.init_app(app)  # after every area's socket handlers are registered
    app.teardown_appcontext(_release_connection)
    app.add_url_rule("/healthz", "healthz", healthz)
    from .web.routes import init_app as init_web  # the PWA, after the API blueprints
    init_web(app)
    web_headers.init_app(app)
    from .cli import init_app as init_cli
    init_cli(app)
    return app


def _release_connection(exc):
    # The request's pooled connection goes back to the pool (it stays open).
    if not db.is_closed():
        db.close()


def healthz():
    """Says whether the database answers."""
    try:
        db.execute_sql("SELECT 1").fetchone()
    except Exception as error:  # any database failure means unhealthy
        return jsonify({"status": "error", "database": str(error.__class__.__name__)}), 503
    return jsonify({"status": "ok", "database": "ok"})
