"""Every write of an audited table is recorded or refused: none slips past the audit trail."""
import peewee
import pytest
from flask import g

from backend.db import db, writing
from backend.db.changes import UnauditedWrite, audited
from backend.db.models import BaseModel
from backend.db.sql import insert_row, run_sql, update_row

RAW_WRITES = [
    "INSERT INTO warehouse (code, name, allow_negative, active) VALUES ('RAW', 'Raw', ?, ?)",
    "UPDATE warehouse SET name = 'Raw' WHERE code = 'W1' AND ? = ?",
    'DELETE FROM "warehouse" WHERE code = \'W1\' AND ? = ?',
]


@pytest.fixture
def warehouse(app):
    """One warehouse, made outside any request (so unaudited), in an app context."""
    from backend.stock.models import Warehouse
    with app.app_context():
        with writing():
            Warehouse.create(code="W1", name="One")
        yield Warehouse


@pytest.mark.parametrize("sql", RAW_WRITES, ids=["insert", "update", "delete"])
def test_raw_sql_may_not_write_an_audited_table(warehouse, sql):
    with pytest.raises(UnauditedWrite), writing():
        run_sql(sql, (False, True) if sql.startswith("INSERT") else (1, 1))
    assert [(w.code, w.name) for w in warehouse.select()] == [("W1", "One")]


def test_raw_sql_may_write_a_table_that_is_its_own_record(warehouse):
    with writing():
        changed = run_sql("UPDATE stock_level SET reserved = reserved WHERE product_id = ? "
                          "AND warehouse_id = ?", (0, 0)).rowcount
    assert changed == 0


def test_a_raw_write_of_a_table_no_model_knows_is_refused(warehouse):
    with pytest.raises(UnauditedWrite), writing():
        run_sql("DELETE FROM no_such_table WHERE id = ?", (1,))


def test_the_audited_raw_writes_report_what_they_changed(app, warehouse):
    with app.test_request_context("/", method="POST"), writing():
        key = insert_row(warehouse, code="W2", name="Two")
        update_row(warehouse, key, "name = ?", ("Deux",))
        changes = [(c.table, c.target_id, c.before, c.after) for c in g.audit_changes]
    assert changes[0][:3] == ("warehouse", str(key), None) and changes[0][3]["code"] == "W2"
    assert changes[1] == ("warehouse", str(key), {"name": "Two"}, {"name": "Deux"})


def test_rows_inserted_as_tuples_are_recorded(app, warehouse):
    with app.test_request_context("/", method="POST"), writing():
        warehouse.insert_many([("W3", "Three")], fields=[warehouse.code, warehouse.name]).execute()
        changes = [(c.table, c.after) for c in g.audit_changes]
    assert changes == [("warehouse", {"code": "W3", "name": "Three"})]


def test_an_audited_model_needs_a_single_key():
    class Pair(BaseModel):
        left = peewee.IntegerField()
        right = peewee.IntegerField()

        class Meta:
            database = db
            primary_key = peewee.CompositeKey("left", "right")

    with pytest.raises(TypeError, match="composite key"):
        audited(Pair)


def test_rows_inserted_from_a_query_are_refused_in_a_request(app, warehouse):
    with app.test_request_context("/", method="POST"), pytest.raises(UnauditedWrite), writing():
        copies = warehouse.select(warehouse.code.concat("-2"), warehouse.name)
        warehouse.insert_from(copies, ["code", "name"]).execute()
    assert [w.code for w in warehouse.select()] == ["W1"]
