"""Settings: the only place that reads the environment."""
import os
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _env(name, default):
    return os.environ.get(name, default)


@dataclass
class Settings:
    """Everything the app can be told; defaults are safe for one machine."""

    database_url: str = field(default_factory=lambda: _env(
        "DATABASE_URL", "sqlite:///" + os.path.join(ROOT, "var", "stocktap.db")))
    secret_key: str = field(default_factory=lambda: _env("SECRET_KEY", ""))
    redis_url: str = field(default_factory=lambda: _env("REDIS_URL", ""))
    po_approval_amount: str = field(default_factory=lambda: _env("PO_APPROVAL_AMOUNT", "5000"))
    # Sales returns worth more than this (at the order's prices) wait for a manager.
    return_approval_amount: str = field(
        default_factory=lambda: _env("RETURN_APPROVAL_AMOUNT", "1000"))
    # ISO 4217 code of every amount (prices, costs, approval totals): one business currency.
    currency: str = field(default_factory=lambda: _env("CURRENCY", "CNY"))
    max_body_bytes: int = field(default_factory=lambda: int(_env("MAX_BODY_BYTES", str(8 * 1024 * 1024))))
    # A write's body must arrive within this time (then 408): it is read before any lock.
    body_seconds: float = field(default_factory=lambda: float(_env("BODY_SECONDS", "60")))
    # Imports (POST /api/v1/imports/...): the file's size, and what an XLSX (a zip) may unpack to.
    max_import_bytes: int = field(default_factory=lambda: int(_env("MAX_IMPORT_BYTES", str(32 * 1024 * 1024))))
    max_import_unzipped_bytes: int = field(default_factory=lambda: int(_env(
        "MAX_IMPORT_UNZIPPED_BYTES", str(256 * 1024 * 1024))))
    max_frame_bytes: int = field(default_factory=lambda: int(_env("MAX_FRAME_BYTES", str(2 * 1024 * 1024))))
    # Per-route body limit of POST /api/v1/scan/decode (overrides MAX_BODY_BYTES there).
    max_image_bytes: int = field(default_factory=lambda: int(_env("MAX_IMAGE_BYTES", str(10 * 1024 * 1024))))
    # Pixels one server process decodes at once (uploads and camera frames together): about a
    # byte each for the grey image, a few more for the ladder's variants. Past it: 503 busy.
    decode_pixel_budget: int = field(default_factory=lambda: int(_env(
        "DECODE_PIXEL_BUDGET", str(60_000_000))))
    pg_pool_size: int = field(default_factory=lambda: int(_env("PG_POOL_SIZE", "20")))
    # Sign-in: the passkeys' relying party, and where the PWA is served (enrolment links, the
    # origin passkeys are accepted from). By default: this machine, on the port gunicorn serves.
    public_url: str = field(default_factory=lambda: _env(
        "PUBLIC_URL", "http://localhost:" + _env("PORT", "8000")))
    rp_id: str = field(default_factory=lambda: _env("RP_ID", "localhost"))
    rp_name: str = field(default_factory=lambda: _env("RP_NAME", "Stocktap"))
    origins: str = field(default_factory=lambda: _env("ORIGINS", ""))  # comma-separated
    # A shift: a phone idle for 2 hours, or any session older than 12 hours, signs in again.
    session_idle_minutes: int = field(
        default_factory=lambda: int(_env("SESSION_IDLE_MINUTES", "120")))
    session_absolute_hours: int = field(
        default_factory=lambda: int(_env("SESSION_ABSOLUTE_HOURS", "12")))
    enrolment_hours: int = field(default_factory=lambda: int(_env("ENROLMENT_HOURS", "24")))
    # An Idempotency-Key is remembered this long; a retry after that runs as a new operation.
    idempotency_keep_days: int = field(
        default_factory=lambda: int(_env("IDEMPOTENCY_KEEP_DAYS", "7")))
    # Live events are kept this long for clients to catch up (GET /api/v1/events, reconnects).
    events_keep_hours: int = field(default_factory=lambda: int(_env("EVENTS_KEEP_HOURS", "24")))
    auth_rate_limit: str = field(default_factory=lambda: _env("AUTH_RATE_LIMIT", "20 per minute"))
    # Low-stock alerts and Web Push (backend/alerts, backend/push).
    # An open low-stock alert clears once stock is back this far (percent) above its threshold.
    low_stock_band_percent: int = field(
        default_factory=lambda: int(_env("LOW_STOCK_BAND_PERCENT", "10")))
    # Where the server keeps what must not be in the repository (the VAPID key pair).
    data_dir: str = field(default_factory=lambda: _env("DATA_DIR", os.path.join(ROOT, "var")))
    # Push endpoints on these hosts may be plain http and private (a relay, a test receiver).
    push_allowed_hosts: str = field(default_factory=lambda: _env("PUSH_ALLOWED_HOSTS", ""))
    # The contact push services see in each VAPID claim.
    vapid_subject: str = field(default_factory=lambda: _env(
        "VAPID_SUBJECT", "mailto:stocktap@localhost"))
    # A background sender per server process drains the push queue (off: tests drain it).
    push_sender: bool = field(default_factory=lambda: _env("PUSH_SENDER", "1") == "1")
    testing: bool = False

    def allowed_origins(self):
        """The origins a passkey ceremony may come from (PUBLIC_URL's when ORIGINS is unset)."""
        listed = [o.strip().rstrip("/") for o in self.origins.split(",") if o.strip()]
        return listed or [self.public_url.rstrip("/")]

    def push_hosts(self):
        """The hosts named in PUSH_ALLOWED_HOSTS (host or host:port), lower case."""
        return {h.strip().lower() for h in self.push_allowed_hosts.split(",") if h.strip()}

    def flask_config(self):
        """The Flask config mapping these settings produce."""
        return {
            "SECRET_KEY": self.secret_key or os.urandom(32).hex(),
            "MAX_CONTENT_LENGTH": self.max_body_bytes,
            "TESTING": self.testing,
            "API_TITLE": "Stocktap",
            "API_VERSION": "v1",
            "OPENAPI_VERSION": "3.0.3",
            "OPENAPI_URL_PREFIX": "/api",
            "OPENAPI_JSON_PATH": "openapi.json",
            "JSON_SORT_KEYS": False,
        }
