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
    auth_rate_limit: str = field(default_factory=lambda: _env("AUTH_RATE_LIMIT", "20 per minute"))
    testing: bool = False

    def allowed_origins(self):
        """The origins a passkey ceremony may come from (PUBLIC_URL's when ORIGINS is unset)."""
        listed = [o.strip().rstrip("/") for o in self.origins.split(",") if o.strip()]
        return listed or [self.public_url.rstrip("/")]

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
