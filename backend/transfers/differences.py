"""Differences at the end of a receipt: the receiver finishes a transfer with lines short, the
shortage is recorded and sent to a manager. Approved, it is written off from transit (ledger
reason "transfer_shortage"); rejected, the transfer goes back in transit, to be found and
received (or finished again) later.

While a difference waits for its decision the transfer takes no receipt and no cancel, so the
quantity an approval writes off is exactly the one reported.
"""
from decimal import Decimal

from ..approvals.service import request_approval
from ..db import writing
from ..db.fields import utcnow
from ..stock.ledger import Move, add_incoming, post_moves
from ..stock.service import special_location
from .models import TransferDifference, TransferDifferenceLine, TransferLine
from .service import DOC_TYPE, outstanding
from .states import TRANSFER

KIND = "transfer_difference"


def finish_transfer(transfer_id, data, actor):
    """The receiver is done: record what is still in transit as short and ask a manager.

    Conflict(bad_state) unless in transit; Forbidden "warehouse" unless the actor works at
    the destination."""
    with writing():
        transfer = TRANSFER.claim(transfer_id, "finish", actor, warehouse="to_warehouse_id")
        short = [(line, outstanding(line)) for line in transfer.lines.order_by(TransferLine.id)
                 if outstanding(line) > 0]
        difference = TransferDifference.create(transfer=transfer, warehouse=transfer.to_warehouse_id,
                                               reported_by=actor.user_id, note=data.get("note", ""))
        for line, qty in short:
            TransferDifferenceLine.create(difference=difference, transfer_line=line, qty_short=qty)
        units = sum((qty for _, qty in short), Decimal(0))
        value = sum((qty * (line.product.cost or 0) for line, qty in short), Decimal(0))
        request_approval(KIND, KIND, difference.id, value,
                         f"Transfer {transfer.number} to {transfer.to_warehouse.code}: {units} short "
                         f"on {len(short)} line(s)", actor)
    return transfer


def decide_difference(doc_id, approved, actor):
    """Approval callback: write the reported shortage off from transit, or leave it in transit."""
    difference = TransferDifference.get_by_id(doc_id)
    if not approved:
        TRANSFER.claim(difference.transfer_id, "keep_in_transit", actor,
                       warehouse="to_warehouse_id")
        return
    transfer = TRANSFER.claim(difference.transfer_id, "write_off", actor,
                              warehouse="to_warehouse_id", closed_at=utcnow())
    transit = special_location(transfer.to_warehouse_id, "transit")
    moves = []
    for short in difference.lines.order_by(TransferDifferenceLine.id):
        line = short.transfer_line
        moves.append(Move(product_id=line.product_id, lot_id=line.lot_id, location_id=transit.id,
                          qty=-short.qty_short, reason="transfer_shortage", doc_type=DOC_TYPE,
                          doc_id=transfer.id, unit_cost=line.product.cost))
        add_incoming(line.product_id, transfer.to_warehouse_id, -short.qty_short)
        TransferLine.update(qty_written_off=TransferLine.qty_written_off + short.qty_short).where(
            TransferLine.id == line.id).execute()
    post_moves(moves, actor)
