"""Schema upgrades keep existing data and end where a new database starts, on both databases."""
import sqlite3
from contextlib import ExitStack
from pathlib import Path

import psycopg2
import pytest

from config import Settings
from tests.conftest import PG_BASE, fresh_pg_schema, pg_url

V1_DUMPS = {"sqlite": Path(__file__).with_name("schema_v1.sql"),
            "postgres": Path(__file__).with_name("schema_v1_postgres.sql")}


class Database:
    """A database of the kind under test, reached without the app: its URL and raw SQL."""

    def __init__(self, kind, tmp_path, stack, name):
        self.kind = kind
        if kind == "sqlite":
            self.path = tmp_path / f"{name}.db"
            self.url = f"sqlite:///{self.path}"
        else:
            self.schema = stack.enter_context(fresh_pg_schema())
            self.url = pg_url(self.schema)

    def run(self, sql):
        """Execute a script of SQL statements and commit."""
        if self.kind == "sqlite":
            con = sqlite3.connect(self.path)
            con.executescript(sql)
            con.close()
            return
        con = psycopg2.connect(self.url)
        with con, con.cursor() as cur:
            cur.execute(sql)
        con.close()

    def columns(self):
        """{table: sorted column descriptions}: names on SQLite; names, types and nullability on
        PostgreSQL."""
        if self.kind == "sqlite":
            con = sqlite3.connect(self.path)
            tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            shape = {t: sorted(r[1] for r in con.execute(f'PRAGMA table_info("{t}")')) for t in tables}
            con.close()
            return shape
        con = psycopg2.connect(PG_BASE)
        with con.cursor() as cur:
            cur.execute("SELECT table_name, column_name, data_type, is_nullable "
                        "FROM information_schema.columns WHERE table_schema = %s", (self.schema,))
            shape = {}
            for table, *column in cur.fetchall():
                shape.setdefault(table, []).append(tuple(column))
        con.close()
        return {t: sorted(c) for t, c in shape.items()}


@pytest.fixture(params=["sqlite", "postgres"])
def new_database(request, tmp_path):
    """Makes empty databases of one kind (a SQLite file, or a PostgreSQL schema)."""
    with ExitStack() as stack:
        yield lambda name: Database(request.param, tmp_path, stack, name)


@pytest.fixture
def v1_database(new_database):
    """A database made by schema version 1, with its data."""
    database = new_database("old")
    database.run(V1_DUMPS[database.kind].read_text())
    return database


def _migrated_app(database):
    from backend import create_app
    from backend.db import db
    from backend.migrations import migrate
    app = create_app(Settings(database_url=database.url, testing=True))
    with app.app_context():
        result = migrate()
        db.close()
    return app, result


def test_upgrade_from_version_1_runs_every_step(v1_database):
    from backend.migrations import latest_version
    _, (before, after) = _migrated_app(v1_database)
    assert (before, after) == (1, latest_version()) and after >= 2


def test_upgrade_keeps_products_stock_and_documents(v1_database):
    from backend.catalog.models import Product
    from backend.purchasing.models import PurchaseOrder
    from backend.stock.ledger import ledger_discrepancies
    from backend.stock.models import StockBalance, StockMove
    app, _ = _migrated_app(v1_database)
    with app.app_context():
        products = {p.sku: (p.name, p.cost, p.description) for p in Product.select()}
        assert products == {"TEA": ("Green tea", 2.5, ""), "RICE": ("Rice 5 kg", 20, "")}
        assert sorted(m.qty for m in StockMove.select()) == [4, 7]
        assert sum(b.on_hand for b in StockBalance.select()) == 11
        assert PurchaseOrder.get().status == "partly_received"
        assert ledger_discrepancies() == []


def test_upgraded_schema_equals_a_new_one(v1_database, new_database):
    fresh = new_database("new")
    _migrated_app(v1_database)
    _migrated_app(fresh)
    assert v1_database.columns() == fresh.columns()


def test_running_the_upgrade_again_changes_nothing(v1_database):
    from backend.migrations import latest_version
    _migrated_app(v1_database)
    _, again = _migrated_app(v1_database)
    assert again == (latest_version(), latest_version())


def test_upgraded_database_takes_new_rows_and_the_new_field(v1_database):
    from backend.catalog.models import Product
    from backend.catalog.service import update_product
    app, _ = _migrated_app(v1_database)
    with app.app_context():
        tea = Product.get(Product.sku == "TEA")
        update_product(tea.id, {"description": "Longjing, spring harvest"})
        assert Product.get_by_id(tea.id).description == "Longjing, spring harvest"
        # ids carry on after the old rows (on PostgreSQL: the sequences came along)
        assert Product.create(sku="OOLONG", name="Oolong").id == 3


def test_upgrade_takes_quarantined_stock_out_of_the_warehouse_level(v1_database):
    from backend.stock.ledger import ledger_discrepancies
    from backend.stock.models import StockLevel
    v1_database.run(  # version 1 counted 3 quarantined units as on hand
        "INSERT INTO stock_move (id, product_id, location_id, qty, unit_cost, reason, created_at) "
        "VALUES (3, 1, 3, 3000, 0, 'sales_return', '2026-11-22T05:30:00+00:00');"
        "INSERT INTO stock_balance (id, product_id, location_id, lot_key, on_hand) "
        "VALUES (3, 1, 3, 0, 3000);"
        "UPDATE stock_level SET on_hand = on_hand + 3000 WHERE product_id = 1;")
    app, _ = _migrated_app(v1_database)
    with app.app_context():
        assert StockLevel.get(product=1, warehouse=1).on_hand == 7
        assert ledger_discrepancies() == []


def test_upgrade_keeps_idempotency_keys_as_nobodys(v1_database):
    from backend.idempotency import IdempotencyKey
    v1_database.run("INSERT INTO idempotency_key (key, fingerprint, status, created_at) "
                    "VALUES ('op-1', 'f', 201, '2026-11-22T05:30:00.000000+00:00')")
    app, _ = _migrated_app(v1_database)
    with app.app_context():
        assert [(k.principal, k.key, k.status) for k in IdempotencyKey.select()] == [
            ("", "op-1", 201)]
        IdempotencyKey.create(principal="user:1", key="op-1", fingerprint="g")  # not a clash
        assert IdempotencyKey.select().count() == 2
