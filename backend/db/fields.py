"""Column types stored the same way on SQLite and PostgreSQL, and the clock they use."""
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

import peewee


def utcnow():
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class ScaledDecimalField(peewee.BigIntegerField):
    """A Decimal stored as a scaled integer, exact on SQLite and PostgreSQL alike."""

    scale = 1000

    def db_value(self, value):
        if value is None:
            return None
        return int((Decimal(value) * self.scale).to_integral_value(ROUND_HALF_UP))

    def python_value(self, value):
        if value is None:
            return None
        return (Decimal(int(value)) / self.scale).normalize() + Decimal(0)


class QuantityField(ScaledDecimalField):
    """A stock quantity, to 0.001 of a unit."""

    scale = 1000


class MoneyField(ScaledDecimalField):
    """An amount or unit cost, to 0.0001."""

    scale = 10000


class UtcDateTimeField(peewee.DateTimeField):
    """A timestamp stored as ISO text in UTC; always comes back timezone-aware."""

    field_type = "TEXT"

    def db_value(self, value):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def python_value(self, value):
        if value is None or isinstance(value, datetime):
            return value
        return datetime.fromisoformat(value)
