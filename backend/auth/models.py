"""Users and their roles."""
import peewee

from ..db import BaseModel, UtcDateTimeField, utcnow

ROLES = ("admin", "manager", "warehouse", "sales", "readonly")


class User(BaseModel):
    """A person (or an integration) that acts in Stocktap."""

    username = peewee.CharField(max_length=80, unique=True)
    display_name = peewee.CharField(max_length=120)
    role = peewee.CharField(max_length=20, choices=[(r, r) for r in ROLES])
    active = peewee.BooleanField(default=True)
    created_at = UtcDateTimeField(default=utcnow)
