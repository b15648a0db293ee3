"""Schema upgrades keep existing data and end where a new database starts."""
import sqlite3
from pathlib import Path

import pytest

from config import Settings

V1_DUMP = Path(__file__).with_name("schema_v1.sql")


def _columns(path):
    con = sqlite3.connect(path)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    shape = {t: sorted(r[1] for r in con.execute(f'PRAGMA table_info("{t}")')) for t in tables}
    con.close()
    return shape


@pytest.fixture
def v1_database(tmp_path):
    """A SQLite file made by schema version 1, with its data."""
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    con.executescript(V1_DUMP.read_text())
    con.close()
    return path


def _migrated_app(path):
    from backend import create_app
    from backend.migrations import migrate
    app = create_app(Settings(database_url=f"sqlite:///{path}", testing=True))
    with app.app_context():
        result = migrate()
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


def test_upgraded_schema_equals_a_new_one(v1_database, tmp_path):
    _migrated_app(v1_database)
    _migrated_app(tmp_path / "new.db")
    assert _columns(v1_database) == _columns(tmp_path / "new.db")


def test_running_the_upgrade_again_changes_nothing(v1_database):
    from backend.migrations import latest_version
    _migrated_app(v1_database)
    _, again = _migrated_app(v1_database)
    assert again == (latest_version(), latest_version())


def test_new_field_is_usable_after_upgrade(v1_database):
    from backend.catalog.service import update_product
    from backend.catalog.models import Product
    app, _ = _migrated_app(v1_database)
    with app.app_context():
        tea = Product.get(Product.sku == "TEA")
        update_product(tea.id, {"description": "Longjing, spring harvest"})
        assert Product.get_by_id(tea.id).description == "Longjing, spring harvest"


def test_upgrade_takes_quarantined_stock_out_of_the_warehouse_level(v1_database):
    from backend.stock.ledger import ledger_discrepancies
    from backend.stock.models import StockLevel
    con = sqlite3.connect(v1_database)  # version 1 counted 3 quarantined units as on hand
    con.executescript(
        "INSERT INTO stock_move (product_id, location_id, qty, unit_cost, reason, created_at) "
        "VALUES (1, 3, 3000, 0, 'sales_return', '2026-11-22T05:30:00+00:00');"
        "INSERT INTO stock_balance (product_id, location_id, lot_key, on_hand) VALUES (1, 3, 0, 3000);"
        "UPDATE stock_level SET on_hand = on_hand + 3000 WHERE product_id = 1;")
    con.close()
    app, _ = _migrated_app(v1_database)
    with app.app_context():
        assert StockLevel.get(product=1, warehouse=1).on_hand == 7
        assert ledger_discrepancies() == []
