"""One read that fills a device's offline copy for the warehouses its user may work in: the
warehouses and their locations, the open purchase orders with their lines and the suggested
bin of each, the recently shipped orders (for returns), the transfers in transit to them, and
every product on them with its barcodes. Each part is one query, whatever the number of documents."""
import peewee

from ..auth.access import visible
from ..catalog.models import Barcode, Product
from ..db.fields import utcnow
from ..partners.models import Supplier
from ..purchasing.models import PurchaseOrder, PurchaseOrderLine
from ..sales.shipments import shipped_orders
from ..stock.models import Location, StockMove, Warehouse
from ..transfers import copy as transfers_copy

OPEN_ORDERS = ("approved", "partly_received")


def _warehouses(actor, warehouse_id):
    query = Warehouse.select().where(Warehouse.active == True)  # noqa: E712 (SQL, not Python)
    query = visible(query, actor, Warehouse.id, named=warehouse_id)
    if warehouse_id is not None:
        query = query.where(Warehouse.id == warehouse_id)
    return list(query.order_by(Warehouse.code))


def _locations(ids):
    return [{"id": l.id, "warehouse_id": l.warehouse_id, "code": l.code, "barcode": l.barcode,
             "kind": l.kind, "zone": l.zone} for l in Location.select().where(Location.warehouse.in_(ids))
            .order_by(Location.warehouse, Location.sort_key, Location.code)]


def _last_put(ids, product_ids):
    """{(product_id, warehouse_id): bin id} of each product's latest put into a bin."""
    if not product_ids:
        return {}
    latest = (StockMove.select(peewee.fn.MAX(StockMove.id))
              .join(Location, on=(StockMove.location == Location.id))
              .where(StockMove.product.in_(sorted(product_ids)), StockMove.qty > 0,
                     Location.kind == "bin", Location.warehouse.in_(ids))
              .group_by(StockMove.product, Location.warehouse))
    rows = (StockMove.select(StockMove.product, StockMove.location, Location.warehouse)
            .join(Location, on=(StockMove.location == Location.id))
            .where(StockMove.id.in_(latest)).tuples())
    return {(product, warehouse): location for product, location, warehouse in rows}


def _open_orders(ids, limit):
    orders = list(PurchaseOrder.select(PurchaseOrder, Supplier).join(Supplier)
                  .where(PurchaseOrder.warehouse.in_(ids), PurchaseOrder.status.in_(OPEN_ORDERS))
                  .order_by(PurchaseOrder.id.desc()).limit(limit + 1))
    more, orders = len(orders) > limit, orders[:limit]
    lines = list(PurchaseOrderLine.select().where(
        PurchaseOrderLine.order.in_([o.id for o in orders])).order_by(PurchaseOrderLine.id))
    bins = _last_put(ids, {l.product_id for l in lines})
    by_order = {}
    for order in orders:
        by_order[order.id] = {
            "id": order.id, "number": order.number, "warehouse_id": order.warehouse_id,
            "status": order.status, "supplier": order.supplier.name,
            "expected_date": order.expected_date, "lines": []}
    for line in lines:
        by_order[line.order_id]["lines"].append({
            "id": line.id, "product_id": line.product_id, "qty_ordered": line.qty_ordered,
            "qty_received": line.qty_received, "outstanding": line.outstanding,
            "suggested_location_id": bins.get((line.product_id,
                                               by_order[line.order_id]["warehouse_id"]))})
    return list(by_order.values()), more


def _products(product_ids):
    products = {p.id: {"id": p.id, "sku": p.sku, "name": p.name, "unit": p.unit,
                       "unit_decimals": p.unit_decimals, "tracks_lots": p.tracks_lots,
                       "active": p.active, "price": p.price, "barcodes": []}
                for p in Product.select().where(Product.id.in_(sorted(product_ids)))}
    for barcode in Barcode.select().where(Barcode.product.in_(sorted(product_ids))):
        products[barcode.product_id]["barcodes"].append(
            {"code": barcode.code, "pack_qty": barcode.pack_qty})
    return sorted(products.values(), key=lambda p: p["id"])


def device_copy(actor, warehouse_id=None, orders=True, shipments=True, limit=200,
                transfers=True):
    """The copy for the actor's warehouses, one of them if warehouse_id is given (Forbidden
    "warehouse" when it is not the actor's);
    orders/shipments/transfers say which documents the caller may read. `limit` caps each
    list; the `complete` flags say whether everything fitted."""
    warehouses = _warehouses(actor, warehouse_id)
    ids = [w.id for w in warehouses]
    copy = {"as_of": utcnow(), "warehouses": [{"id": w.id, "code": w.code, "name": w.name}
                                              for w in warehouses],
            "locations": _locations(ids), "purchase_orders": [], "shipments": [],
            "complete": {"purchase_orders": True, "shipments": True}}
    if orders:
        copy["purchase_orders"], more = _open_orders(ids, limit)
        copy["complete"]["purchase_orders"] = not more
    if shipments:
        copy["shipments"], more = shipped_orders(actor, ids, limit=limit)
        copy["complete"]["shipments"] = not more
    # transfers in transit to these warehouses, to receive offline
    copy["transfers"], more = transfers_copy.incoming(ids, limit) if transfers else ([], False)
    copy["complete"]["transfers"] = not more
    product_ids = {l["product_id"] for doc in copy["purchase_orders"] + copy["shipments"]
                   + copy["transfers"] for l in doc["lines"]}
    copy["products"] = _products(product_ids)
    return copy
