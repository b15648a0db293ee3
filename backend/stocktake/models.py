"""Stocktakes: blind counts, variances, and the adjustments an approval releases."""
import peewee

from ..auth.models import User
from ..catalog.models import Product
from ..db.fields import MoneyField, QuantityField, UtcDateTimeField, utcnow
from ..db.models import BaseModel
from ..stock.models import Location, Warehouse


class Stocktake(BaseModel):
    """A count of one warehouse, or of one zone in it."""

    number = peewee.CharField(max_length=30, unique=True)
    warehouse = peewee.ForeignKeyField(Warehouse)
    zone = peewee.CharField(max_length=20, default="")
    status = peewee.CharField(max_length=20, default="counting", index=True)
    created_by = peewee.ForeignKeyField(User, null=True)
    created_at = UtcDateTimeField(default=utcnow)
    updated_at = UtcDateTimeField(default=utcnow)
    submitted_at = UtcDateTimeField(null=True)
    decided_at = UtcDateTimeField(null=True)


class StocktakeCount(BaseModel):
    """What was counted in one place, beside what the ledger said at that moment."""

    stocktake = peewee.ForeignKeyField(Stocktake, backref="counts", on_delete="CASCADE")
    product = peewee.ForeignKeyField(Product)
    location = peewee.ForeignKeyField(Location)
    lot_key = peewee.IntegerField(default=0)
    counted_qty = QuantityField(default=0)
    # The ledger's quantity when the counter last looked at this place (its last scan, or its
    # bin's done mark): moves before it are in the count, moves after it are not variance.
    ledger_qty_at_count = QuantityField(default=0)
    # False for a place in scope that held stock but was never scanned (added at submit).
    counted = peewee.BooleanField(default=True)
    unit_cost = MoneyField(null=True)  # the product's cost at submit, to value the variance
    user = peewee.ForeignKeyField(User, null=True)
    device = peewee.CharField(max_length=80, null=True)
    counted_at = UtcDateTimeField(default=utcnow)
    # The reviewer's word on this place: "" (none yet), "approved" or "rejected".
    decision = peewee.CharField(max_length=10, default="")
    decided_by = peewee.ForeignKeyField(User, null=True, backref="+")

    class Meta:
        indexes = ((("stocktake", "product", "location", "lot_key"), True),)


class StocktakeBin(BaseModel):
    """A bin the counter has finished: what it holds is counted, as the ledger then stood."""

    stocktake = peewee.ForeignKeyField(Stocktake, backref="bins", on_delete="CASCADE")
    location = peewee.ForeignKeyField(Location)
    done_by = peewee.ForeignKeyField(User, null=True, backref="+")
    done_at = UtcDateTimeField(default=utcnow)

    class Meta:
        indexes = ((("stocktake", "location"), True),)
