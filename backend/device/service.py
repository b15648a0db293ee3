"""The catalog copy a device keeps offline: products and barcodes with prices, lots, the
bins, stock and incoming purchase orders of the caller's warehouses, and the open documents
a scan may name. One read, limited by the warehouses the caller may work in."""
from ..auth.access import visible
from ..catalog.models import Barcode, Product
from ..partners.models import Supplier
from ..purchasing.models import PurchaseOrder, PurchaseOrderLine
from ..scan.documents import DOCUMENT_TYPES
from ..stock.models import Location, Lot, StockBalance, StockLevel, Warehouse

# Orders whose outstanding quantity is stock on its way (closed or cancelled ones are not).
INCOMING_STATUSES = ("approved", "partly_received")


def _number(value):
    """A quantity or amount as the API writes it: a JSON number, whole when it is whole."""
    value = value or 0
    return int(value) if value == int(value) else float(value)


def catalog_copy(actor, with_documents=True):
    """The device copy for the acting user: what their warehouse limits let them see."""
    copy = {
        "products": [{"id": p.id, "sku": p.sku, "name": p.name, "unit": p.unit,
                      "unit_decimals": p.unit_decimals, "tracks_lots": p.tracks_lots,
                      "active": p.active, "price": _number(p.price)}
                     for p in Product.select().order_by(Product.id)],
        "barcodes": [{"code": b.code, "product_id": b.product_id, "pack_qty": _number(b.pack_qty)}
                     for b in Barcode.select()],
        "lots": [{"id": lot.id, "product_id": lot.product_id, "code": lot.code,
                  "expiry": lot.expiry.isoformat() if lot.expiry else None}
                 for lot in Lot.select()],
        "warehouses": [{"id": w.id, "code": w.code, "name": w.name}
                       for w in visible(Warehouse.select(), actor, Warehouse.id)],
        "locations": _locations(actor),
        "levels": _levels(actor),
        "balances": _balances(actor),
        "incoming": _incoming(actor, with_documents),
        "documents": _open_orders(actor) if with_documents else [],
    }
    return copy


def _locations(actor):
    query = visible(Location.select(Location, Warehouse).join(Warehouse), actor, Location.warehouse)
    return [{"id": loc.id, "code": loc.code, "barcode": loc.barcode, "kind": loc.kind,
             "zone": loc.zone, "warehouse_id": loc.warehouse_id,
             "warehouse_code": loc.warehouse.code} for loc in query]


def _levels(actor):
    query = visible(StockLevel.select(), actor, StockLevel.warehouse)
    return [{"product_id": lv.product_id, "warehouse_id": lv.warehouse_id,
             "on_hand": _number(lv.on_hand), "reserved": _number(lv.reserved),
             "available": _number(lv.on_hand - lv.reserved), "incoming": _number(lv.incoming)}
            for lv in query]


def _balances(actor):
    query = visible(StockBalance.select(StockBalance, Location).join(Location)
                    .where(StockBalance.on_hand != 0), actor, Location.warehouse)
    lots = {lot.id: lot for lot in Lot.select()}
    rows = []
    for balance in query:
        lot = lots.get(balance.lot_key)
        rows.append({"product_id": balance.product_id, "location_id": balance.location_id,
                     "location": balance.location.code, "warehouse_id": balance.location.warehouse_id,
                     "lot": lot.code if lot else None,
                     "expiry": lot.expiry.isoformat() if lot and lot.expiry else None,
                     "on_hand": _number(balance.on_hand)})
    return rows


def _incoming(actor, with_numbers):
    """What is on its way, per order line: when (expected date) and from whom."""
    query = visible(PurchaseOrderLine.select(PurchaseOrderLine, PurchaseOrder, Supplier)
                    .join(PurchaseOrder).join(Supplier)
                    .where(PurchaseOrder.status.in_(INCOMING_STATUSES)),
                    actor, PurchaseOrder.warehouse)
    rows = []
    for line in query:
        remaining = line.qty_ordered - line.qty_received
        if remaining <= 0:
            continue
        order = line.order
        rows.append({"product_id": line.product_id, "warehouse_id": order.warehouse_id,
                     "supplier": order.supplier.name, "remaining": _number(remaining),
                     "expected_date": order.expected_date.isoformat() if order.expected_date else None,
                     "number": order.number if with_numbers else None})
    return rows


def _open_orders(actor):
    """Purchase orders a receiving scan may name, as the document QR resolves them."""
    doc_type = DOCUMENT_TYPES["PO"]
    query = visible(PurchaseOrder.select().where(
        PurchaseOrder.status.in_(INCOMING_STATUSES + ("received",))), actor, PurchaseOrder.warehouse)
    return [{"type": doc_type.name, "prefix": doc_type.prefix, "id": po.id,
             "number": doc_type.number_of(po), "status": po.status} for po in query]
