"""Push tests use the alerts' site: a warehouse, a bin and a product with a supplier."""
from tests.backend.alerts.conftest import site  # noqa: F401 - a fixture, shared
