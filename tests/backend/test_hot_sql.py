"""The hot paths' SQL and row objects come from the models, so a model change breaks a test."""
from contextlib import contextmanager
from decimal import Decimal

import peewee
import pytest

from backend.catalog.models import Product
from backend.db import db
from backend.db.statements import P, insert, instances, sql_of
from backend.sales import picking
from backend.sales.models import SalesOrderLine
from backend.stock import ledger
from backend.stock.models import StockBalance, StockLevel


@contextmanager
def renamed(model, name, new_name):
    """The model with one field renamed (its column too), as a migration would; then put back."""
    field = model._meta.fields[name]
    model._meta.remove_field(name)
    delattr(model, name)
    model._meta.add_field(new_name, type(field)(null=field.null, default=field.default))
    try:
        yield
    finally:
        model._meta.remove_field(new_name)
        delattr(model, new_name)
        model._meta.add_field(name, field)


def test_the_ledger_sql_is_the_sql_its_models_make_whatever_database_is_bound():
    bound = db.obj
    db.initialize(peewee.PostgresqlDatabase(None))
    try:
        assert ledger.SQL == ledger.statements()
    finally:
        db.initialize(bound)
    assert "RETURNING" not in ledger.SQL["insert_move"]
    assert '"stock_level"."reserved"' in ledger.SQL["reserve"]


def test_a_renamed_field_fails_the_ledger_at_import():
    with renamed(StockLevel, "reserved", "held"), pytest.raises(AttributeError, match="reserved"):
        ledger.statements()


def test_a_renamed_column_changes_the_ledger_sql(monkeypatch):
    monkeypatch.setattr(StockBalance.on_hand, "column_name", "qty_on_hand")
    sql = ledger.statements()
    assert '"stock_balance"."qty_on_hand"' in sql["take_balance"]
    assert '"on_hand"' not in sql["put_balance"]


def test_a_renamed_column_changes_the_pick_line_read(monkeypatch):
    monkeypatch.setattr(SalesOrderLine.qty_short, "column_name", "qty_missing")
    sql = sql_of(picking._line_query(by_line=True, by_product=False))
    assert '"t1"."qty_missing"' in sql
    assert '"qty_short"' not in sql


def test_a_pick_line_is_a_sales_order_line_with_its_product():
    row = (7, 3, 11, 5000, 2000, 500, 1000) + (11, "SKU-1", "box", 0, 1)
    line, product = instances(row, picking.LINE_FIELDS, picking.PRODUCT_FIELDS)
    assert isinstance(line, SalesOrderLine) and isinstance(product, Product)
    assert (line.id, line.order_id, line.product_id) == (7, 3, 11)
    assert (line.qty_ordered, line.qty_picked, line.qty_short, line.qty_backordered) == (
        Decimal(5), Decimal(2), Decimal("0.5"), Decimal(1))
    assert (product.id, product.sku, product.unit, product.unit_decimals,
            product.tracks_lots) == (11, "SKU-1", "box", 0, True)
    assert picking.remaining(line) == Decimal("1.5")


def test_a_bound_value_is_refused_since_it_would_shift_the_parameters():
    with pytest.raises(ValueError, match="binds"):
        sql_of(StockLevel.update(reserved=P).where(StockLevel.on_hand > 0))


def test_insert_values_out_of_field_order_are_refused():
    with pytest.raises(ValueError, match="field order"):
        insert(StockBalance, on_hand=P, product=P, location=P, lot_key=P)
