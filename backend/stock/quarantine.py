"""Quarantined stock (returns awaiting a decision): the managers' list, release to a bin
(a bin move) and write-off (an adjustment, posted once a manager approves it)."""
from ..auth.access import visible
from ..catalog.models import Product
from ..catalog.service import get_product
from ..errors import Invalid, from_body
from ..transfers.bin_moves import move_stock
from .models import Location, StockBalance
from .service import check_lot, create_adjustment, own_warehouse, search_balances, special_location


def search_quarantine(actor, warehouse_id=None, product_id=None):
    """Query of quarantine balances in the warehouses the actor works in (a decision to make
    there, so the sees_all_stock grant does not widen it); Forbidden naming another."""
    query = (search_balances(actor, product_id, warehouse_id).where(Location.kind == "quarantine")
             .switch(StockBalance).join(Product))
    return visible(query, actor, Location.warehouse, named=warehouse_id).select_extend(Product)


def _quarantine_of(data, actor):
    warehouse = from_body("warehouse_id", own_warehouse, data["warehouse_id"], actor)
    return special_location(warehouse.id, "quarantine")


def release(data, actor):
    """Move quarantined units to a bin of the same warehouse; see move_stock's errors."""
    quarantine = _quarantine_of(data, actor)
    return move_stock(dict(data, from_location_id=quarantine.id), actor,
                      from_kinds=("quarantine",), reason="quarantine_release")


def write_off(data, actor):
    """Ask to write quarantined units off: an adjustment out of quarantine, pending approval."""
    quarantine = _quarantine_of(data, actor)
    product = from_body("product_id", get_product, data["product_id"])
    from_body("lot_id", check_lot, data.get("lot_id"), product.id)
    on_hand = (StockBalance.select(StockBalance.on_hand)
               .where(StockBalance.product == data["product_id"],
                      StockBalance.location == quarantine.id,
                      StockBalance.lot_key == (data.get("lot_id") or 0)).scalar() or 0)
    if data["qty"] > on_hand:
        raise Invalid(f"Only {on_hand} of product {data['product_id']} is in quarantine.",
                      field="qty", code="not_in_quarantine")
    return create_adjustment({
        "warehouse_id": quarantine.warehouse_id, "reason": f"write-off: {data['reason']}",
        "lines": [{"product_id": data["product_id"], "location_id": quarantine.id,
                   "lot_id": data.get("lot_id"), "qty": -data["qty"]}]}, actor)
