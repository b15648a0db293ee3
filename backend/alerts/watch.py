"""Raising and clearing low-stock alerts as stock moves: called by the ledger, so it is cheap.

The rule, per product x warehouse (see README "Low-stock alerts"):
- the position is what the warehouse can count on: on hand - reserved + incoming (approved
  purchase orders and transfers on their way);
- the threshold is the reorder point, or the minimum where no reorder point is set;
- an alert is raised when the position falls below the threshold and no alert is open;
- an open alert clears only when the position is back at the threshold plus a band
  (LOW_STOCK_BAND_PERCENT of the threshold, 10 by default), but never above the maximum:
  stock wobbling around the threshold does not raise and clear it again and again;
- changing the thresholds decides at once, without the band: stock now below raises, and
  stock no longer below (or thresholds removed) clears.

Each check is one SELECT per product x warehouse a posting touched; it returns a row only
when the level has a threshold or an open alert.
"""
import logging
from decimal import Decimal

import peewee
from flask import current_app, has_app_context

from ..db import db
from ..db.fields import QuantityField, utcnow
from ..db.sql import run_sql
from ..db.statements import P, sql_of
from ..stock.models import StockLevel
from .models import StockAlert

log = logging.getLogger(__name__)
DEFAULT_BAND_PERCENT = 10
_qty = QuantityField().python_value


def _level_sql():
    lv, alert = StockLevel, StockAlert
    query = (lv.select(lv.on_hand, lv.reserved, lv.incoming, lv.min_qty, lv.max_qty,
                       lv.reorder_point, alert.id)
             .join(alert, peewee.JOIN.LEFT_OUTER, on=(alert.open_key == P))
             .where(lv.product == P, lv.warehouse == P,
                    lv.min_qty.is_null(False) | lv.reorder_point.is_null(False)
                    | alert.id.is_null(False)))
    return sql_of(query)


LEVEL_SQL = _level_sql()


def open_key(product_id, warehouse_id):
    """The value that marks the one open alert of a product in a warehouse."""
    return f"{product_id}:{warehouse_id}"


class Figures:
    """A level's figures as the rule reads them."""

    def __init__(self, row):
        self.on_hand, self.reserved, self.incoming, self.min_qty, self.max_qty, \
            self.reorder_point = (_qty(v) for v in row[:6])
        self.alert_id = row[6]
        self.position = self.on_hand - self.reserved + self.incoming
        self.threshold = self.reorder_point if self.reorder_point is not None else self.min_qty

    def clears_at(self, band_percent):
        """The position at which an open alert clears."""
        level = self.threshold + self.threshold * Decimal(band_percent) / 100
        if self.max_qty is not None:
            level = min(level, max(self.max_qty, self.threshold))
        return level


def _band_percent():
    if not has_app_context():
        return DEFAULT_BAND_PERCENT
    return current_app.extensions["settings"].low_stock_band_percent


def check_levels(pairs, band=True):
    """Raise or clear the alerts of these (product id, warehouse id) pairs after a change of
    their stock (band=False: after a change of their thresholds)."""
    band_percent = _band_percent() if band else 0
    for product_id, warehouse_id in pairs:
        row = run_sql(LEVEL_SQL, (open_key(product_id, warehouse_id), product_id,
                                  warehouse_id)).fetchone()
        if row is None:
            continue
        figures = Figures(row)
        if figures.alert_id is None:
            if figures.threshold is not None and figures.position < figures.threshold:
                _raise(product_id, warehouse_id, figures)
        elif figures.threshold is None or figures.position >= figures.clears_at(band_percent):
            _clear(figures.alert_id, product_id, warehouse_id, figures)


def payload(alert_id, product_id, warehouse_id, figures):
    """What stock.low and stock.restored carry: ids and the figures behind them."""
    numbers = {name: _number(getattr(figures, name))
               for name in ("on_hand", "reserved", "incoming", "position", "threshold")}
    return {"alert_id": alert_id, "product_id": product_id, "warehouse_id": warehouse_id,
            **numbers}


def _number(value):
    """A quantity as a JSON number, as the API writes it."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _raise(product_id, warehouse_id, figures):
    from ..push.outbox import queue_low_stock
    from ..request_life import emit_after_commit
    try:
        with db.atomic():  # a savepoint: the unique open_key settles a race, not an error
            alert = StockAlert.create(product=product_id, warehouse=warehouse_id,
                                      open_key=open_key(product_id, warehouse_id),
                                      position=figures.position, threshold=figures.threshold)
    except peewee.IntegrityError:
        log.info("low-stock alert of %s in %s was raised by another writer", product_id,
                 warehouse_id)
        return
    emit_after_commit("stock.low", payload(alert.id, product_id, warehouse_id, figures),
                      to=f"warehouse:{warehouse_id}")
    queue_low_stock(alert, figures)


def _clear(alert_id, product_id, warehouse_id, figures):
    from ..request_life import emit_after_commit
    StockAlert.update(open_key=None, cleared_at=utcnow()).where(
        StockAlert.id == alert_id).execute()
    emit_after_commit("stock.restored", payload(alert_id, product_id, warehouse_id, figures),
                      to=f"warehouse:{warehouse_id}")
