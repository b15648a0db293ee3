"""Schema creation and numbered, data-keeping upgrades.

A new database gets every table from the models and is stamped with the latest version.
An older database is upgraded by running each numbered step after its version, in order,
each in its own transaction. Add a step as `mNNNN_what.py` with `VERSION` and `up(db)`.
"""
import importlib
import pkgutil

import peewee

from ..db import db


class SchemaVersion(peewee.Model):
    """The one row saying which schema version the database has."""

    version = peewee.IntegerField()

    class Meta:
        database = db
        table_name = "schema_version"


def all_models():
    """Every table, in an order that satisfies foreign keys."""
    from ..alerts.models import StockAlert
    from ..approvals.models import Approval
    from ..audit.models import AuditEntry
    from ..auth.models import AUTH_MODELS, User
    from ..catalog.models import Barcode, Category, Product
    from ..events.models import Event
    from ..idempotency import IdempotencyKey
    from ..partners.models import Customer, Supplier
    from ..purchasing.models import (
        PurchaseOrder,
        PurchaseOrderLine,
        PurchaseReturn,
        PurchaseReturnLine,
        Receipt,
        ReceiptLine,
    )
    from ..push.models import NotificationChoice, PushMessage, PushSubscription
    from ..sales.models import Parcel, Pick, SalesOrder, SalesOrderLine, SalesReturn, SalesReturnLine, Shipment
    from ..stock.models import Adjustment, AdjustmentLine, Location, Lot, StockBalance, StockLevel, StockMove, Warehouse
    from ..stocktake.models import Stocktake, StocktakeBin, StocktakeCount
    from ..transfers.models import BinMove, Transfer, TransferDifference, TransferDifferenceLine, TransferLine
    return [User, Category, Product, Barcode, Warehouse, Location, Lot, StockMove,
            StockBalance, StockLevel, Adjustment, AdjustmentLine, Supplier, PurchaseOrder,
            PurchaseOrderLine, Receipt, ReceiptLine, PurchaseReturn, PurchaseReturnLine,
            Customer, SalesOrder, SalesOrderLine, Pick, Shipment, Parcel, SalesReturn,
            SalesReturnLine, Transfer, TransferLine, BinMove, Stocktake, StocktakeCount,
            StocktakeBin,  # m0009
            TransferDifference, TransferDifferenceLine,  # m0010
            Approval, IdempotencyKey] + AUTH_MODELS + [AuditEntry] + [Event] + [
        # low-stock alerts and Web Push (m0012)
        StockAlert, PushSubscription, NotificationChoice, PushMessage]


def steps():
    """The numbered upgrade modules, oldest first."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("m") and info.name[1:5].isdigit():
            found.append(importlib.import_module(f"{__name__}.{info.name}"))
    return sorted(found, key=lambda m: m.VERSION)


def latest_version():
    """The version a fully upgraded database has."""
    return max([1] + [m.VERSION for m in steps()])


def current_version():
    """The database's version, or None when it has no schema yet."""
    if not db.table_exists("schema_version"):
        return None
    row = SchemaVersion.select().first()
    return row.version if row else None


def migrate():
    """Create a new schema or upgrade an old one; returns (from_version, to_version)."""
    version = current_version()
    if version is None:
        with db.atomic():
            db.create_tables([SchemaVersion] + all_models())
            SchemaVersion.create(version=latest_version())
        return None, latest_version()
    start = version
    for step in steps():
        if step.VERSION > version:
            with db.atomic():
                step.up(db)
                SchemaVersion.update(version=step.VERSION).execute()
            version = step.VERSION
    return start, version
