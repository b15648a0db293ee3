"""Receiving a transfer: from the destination's transit area into its bins, in parts or at once."""
import peewee

from ..catalog.service import check_quantity
from ..db import writing
from ..db.fields import utcnow
from ..errors import Conflict, Invalid, from_body
from ..stock.ledger import Move, add_incoming, post_moves
from ..stock.service import get_location, special_location
from .models import TransferLine
from .service import DOC_TYPE, outstanding, total_outstanding
from .states import TRANSFER


def _wanted(transfer, data):
    """[(line, qty, location_id, the body field naming it)] from the request; all outstanding
    lines when none are named."""
    default_location = data.get("to_location_id")
    if "lines" not in data:
        if default_location is None:
            raise Invalid("Name to_location_id, or list the lines to receive.",
                          field="to_location_id", code="missing_location")
        return [(l, outstanding(l), default_location, "to_location_id")
                for l in transfer.lines if outstanding(l) > 0]
    lines = {l.id: l for l in transfer.lines}
    wanted = []
    for n, item in enumerate(data["lines"]):
        line = lines.get(item["transfer_line_id"])
        if line is None:
            raise Invalid(f"Line {item['transfer_line_id']} is not on transfer {transfer.number}.",
                          field=f"lines.{n}.transfer_line_id", code="unknown_line")
        field = f"lines.{n}.to_location_id" if "to_location_id" in item else "to_location_id"
        location_id = item.get("to_location_id", default_location)
        if location_id is None:
            raise Invalid("Each line needs a to_location_id (or give one for all).",
                          field=f"lines.{n}.to_location_id", code="missing_location")
        qty = item.get("qty", outstanding(line))
        check_quantity(line.product, qty, f"lines.{n}.qty")
        wanted.append((line, qty, location_id, field))
    return wanted


def _check_location(transfer, location_id, field):
    location = from_body(field, get_location, location_id, transfer.to_warehouse_id)
    if location.kind == "transit":
        raise Invalid("Receive into a bin, not into the transit area.", field=field,
                      code="transit_location")
    return location


def _count_received(transfer, line, qty):
    """Add to qty_received unless it would pass what was shipped (race-safe)."""
    scaled = peewee.Value(qty, converter=TransferLine.qty.db_value)  # sums lose the field's scaling
    taken = (TransferLine.update(qty_received=TransferLine.qty_received + qty)
             .where(TransferLine.id == line.id,
                    TransferLine.qty_received + TransferLine.qty_returned
                    + TransferLine.qty_written_off + scaled <= TransferLine.qty)
             .execute())
    if not taken:
        line = TransferLine.get_by_id(line.id)
        raise Conflict(f"Line {line.id} of {transfer.number} has {outstanding(line)} in transit; "
                       f"{qty} more cannot be received.", field="qty", code="over_receipt",
                       extra={"transfer_line_id": line.id,
                              "outstanding": str(outstanding(line))})


def receive_transfer(transfer_id, data, actor):
    """Move received quantities out of transit into bins; Conflict on over-receipt or bad state."""
    with writing():
        transfer = TRANSFER.claim(transfer_id, "receive", actor, warehouse="to_warehouse_id",
                                  touch=True)
        transit = special_location(transfer.to_warehouse_id, "transit")
        moves = []
        for line, qty, location_id, field in _wanted(transfer, data):
            location = _check_location(transfer, location_id, field)
            _count_received(transfer, line, qty)
            common = dict(product_id=line.product_id, lot_id=line.lot_id, reason="transfer_receive",
                          doc_type=DOC_TYPE, doc_id=transfer.id, unit_cost=line.product.cost)
            # Within the destination the total does not change: orders' reservations stay whole.
            moves.append(Move(location_id=transit.id, qty=-qty, respect_reserved=False, **common))
            moves.append(Move(location_id=location.id, qty=qty, **common))
            add_incoming(line.product_id, transfer.to_warehouse_id, -qty)
        post_moves(moves, actor)
        if total_outstanding(transfer) == 0:
            TRANSFER.move(transfer, "receive", "received", closed_at=utcnow())
    return transfer
