"""The hot paths' SQL and row objects come from the models, so a model change breaks a test."""
from contextlib import contextmanager

import pytest

from backend.statements import P, insert, sql_of
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


def test_the_ledger_sql_is_the_sql_its_models_make():
    assert ledger.SQL == ledger.statements()
    assert '"stock_level"."reserved"' in ledger.SQL["reserve"]


def test_a_renamed_field_fails_the_ledger_at_import():
    with renamed(StockLevel, "reserved", "held"), pytest.raises(AttributeError, match="reserved"):
        ledger.statements()


def test_a_renamed_column_changes_the_ledger_sql(monkeypatch):
    monkeypatch.setattr(StockBalance.on_hand, "column_name", "qty_on_hand")
    sql = ledger.statements()
    assert '"stock_balance"."qty_on_hand"' in sql["take_balance"]
    assert '"on_hand"' not in sql["put_balance"]


def test_a_bound_value_is_refused_since_it_would_shift_the_parameters():
    with pytest.raises(ValueError, match="binds"):
        sql_of(StockLevel.update(reserved=P).where(StockLevel.on_hand > 0))


def test_insert_values_out_of_field_order_are_refused():
    with pytest.raises(ValueError, match="field order"):
        insert(StockBalance, on_hand=P, product=P, location=P, lot_key=P)
