"""Where to put a product away in a warehouse: the bin it was last put into."""
from .models import Location, StockBalance, StockMove
from .service import own_warehouse


def last_put_bin(product_id, warehouse_id):
    """The bin of the product's latest inbound move in the warehouse, or None."""
    return (Location.select().join(StockMove, on=(StockMove.location == Location.id))
            .where(StockMove.product == product_id, StockMove.qty > 0,
                   Location.warehouse == warehouse_id, Location.kind == "bin", Location.active)
            .order_by(StockMove.id.desc()).first())


def fullest_bin(product_id, warehouse_id):
    """The bin holding the most of the product in the warehouse, or None."""
    return (Location.select().join(StockBalance, on=(StockBalance.location == Location.id))
            .where(StockBalance.product == product_id, StockBalance.on_hand > 0,
                   Location.warehouse == warehouse_id, Location.kind == "bin", Location.active)
            .order_by(StockBalance.on_hand.desc(), Location.id).first())


def suggest_bin(product_id, warehouse_id, actor):
    """{"location": bin or None, "basis": "last_put" | "holds_stock" | None}; NotFound for
    an unknown warehouse, Forbidden "warehouse" for one the actor may not work in."""
    own_warehouse(warehouse_id, actor)
    location = last_put_bin(product_id, warehouse_id)
    if location is not None:
        return {"product_id": product_id, "warehouse_id": warehouse_id, "location": location,
                "basis": "last_put"}
    location = fullest_bin(product_id, warehouse_id)
    return {"product_id": product_id, "warehouse_id": warehouse_id, "location": location,
            "basis": "holds_stock" if location else None}
