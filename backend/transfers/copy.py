"""The transfers a device keeps for receiving offline: those in transit to its user's
warehouses, with their lines (part of the floor copy, floor/copy.py)."""
from .models import Transfer, TransferLine
from .service import outstanding


def incoming(warehouse_ids, limit):
    """([transfer dicts shaped as the API's, newest first], whether more were left out)."""
    transfers = list(Transfer.select()
                     .where(Transfer.to_warehouse.in_(warehouse_ids), Transfer.status == "in_transit")
                     .order_by(Transfer.id.desc()).limit(limit + 1))
    more, transfers = len(transfers) > limit, transfers[:limit]
    by_id = {t.id: {"id": t.id, "number": t.number, "status": t.status,
                    "from_warehouse_id": t.from_warehouse_id, "to_warehouse_id": t.to_warehouse_id,
                    "shipped_at": t.shipped_at, "lines": []} for t in transfers}
    for line in (TransferLine.select().where(TransferLine.transfer.in_(list(by_id)))
                 .order_by(TransferLine.id)):
        by_id[line.transfer_id]["lines"].append({
            "id": line.id, "product_id": line.product_id, "lot_id": line.lot_id, "qty": line.qty,
            "qty_received": line.qty_received, "qty_in_transit": outstanding(line)})
    return list(by_id.values()), more
