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
    max_body_bytes: int = field(default_factory=lambda: int(_env("MAX_BODY_BYTES", str(8 * 1024 * 1024))))
    max_frame_bytes: int = field(default_factory=lambda: int(_env("MAX_FRAME_BYTES", str(2 * 1024 * 1024))))
    pg_pool_size: int = field(default_factory=lambda: int(_env("PG_POOL_SIZE", "20")))
    testing: bool = False

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
