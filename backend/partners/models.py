"""Trading partners: the suppliers we buy from and the customers we sell to."""
import peewee

from ..db.models import BaseModel


class Partner(BaseModel):
    """The fields every partner has; each role below is its own table (no table of its own).

    The roles keep their tables because their ids are public in two APIs and referenced by
    purchase and sales orders: one table would renumber one role's ids.
    """

    code = peewee.CharField(max_length=30, unique=True)
    name = peewee.CharField(max_length=200)
    email = peewee.CharField(max_length=200, default="")
    phone = peewee.CharField(max_length=50, default="")
    active = peewee.BooleanField(default=True)
    # What was agreed on paying ("30 days net", "cash on delivery"): shown where money is
    # approved, so a manager sees the terms beside the total.
    payment_terms = peewee.CharField(max_length=100, default="")


class Supplier(Partner):
    """Someone we buy from."""


class Customer(Partner):
    """Someone we sell to."""
