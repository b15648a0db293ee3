"""The demo data set loads through the real services and leaves a consistent ledger."""
import pytest


@pytest.mark.slow
def test_demo_data_has_what_a_newcomer_expects(app):
    from backend.catalog.models import Barcode, Product
    from backend.purchasing.models import PurchaseOrder
    from backend.sales.models import SalesOrder
    from backend.seed import seed_demo
    from backend.stock.models import Location, StockLevel, Warehouse
    with app.app_context():
        seed_demo()
        assert Warehouse.select().count() == 2
        assert Location.select().where(Location.kind == "bin").count() >= 40
        assert Product.select().count() == 200
        assert Barcode.select().where(Barcode.pack_qty > 1).count() >= 40
        po_states = {o.status for o in PurchaseOrder.select()}
        so_states = {o.status for o in SalesOrder.select()}
        assert {"draft", "approved", "partly_received", "closed", "pending_approval"} <= po_states
        assert {"draft", "confirmed", "picking", "shipped"} <= so_states
        near_minimum = StockLevel.select().where(
            StockLevel.on_hand > 0, StockLevel.on_hand <= StockLevel.reorder_point)
        assert near_minimum.count() >= 5
