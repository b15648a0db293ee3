"""Transfers: draft, ship into the destination's transit area, receive into bins, or cancel.

Shipping moves stock out of the source bin into the DESTINATION warehouse's transit location
and counts it as incoming there; receiving moves it from transit into a bin; cancelling sends
whatever is still in transit back to the source bins.

Warehouse limits: a transfer is seen by either end; it is made, edited, shipped and
cancelled by its source, and received by its destination.
"""
from decimal import Decimal

from ..auth.access import require_any, visible
from ..catalog.service import check_quantity, get_product
from ..db import writing
from ..db.fields import utcnow
from ..errors import Invalid, NotFound, from_body
from ..numbering import next_number
from ..stock.ledger import Move, add_incoming, post_moves
from ..stock.service import check_lot, get_location, get_warehouse, own_warehouse, special_location
from .models import Transfer, TransferLine
from .states import TRANSFER

DOC_TYPE = "transfer"


def _transfer_row(transfer_id):
    transfer = Transfer.get_or_none(Transfer.id == transfer_id)
    if transfer is None:
        raise NotFound(f"Transfer {transfer_id} does not exist.", field="transfer_id")
    return transfer


def get_transfer(transfer_id, actor):
    """The transfer, when either end is the actor's; NotFound, Forbidden "warehouse"."""
    transfer = _transfer_row(transfer_id)
    require_any(actor, transfer.from_warehouse_id, transfer.to_warehouse_id)
    return transfer


def search_transfers(actor, status=None, warehouse_id=None):
    """Query of transfers with an end in the actor's warehouses, optionally by status and by a
    warehouse at either end."""
    query = Transfer.select()
    if status:
        query = query.where(Transfer.status == status)
    if warehouse_id:
        query = query.where((Transfer.from_warehouse == warehouse_id)
                            | (Transfer.to_warehouse == warehouse_id))
    return visible(query, actor, Transfer.from_warehouse, Transfer.to_warehouse,
                   named=warehouse_id)


def _check_warehouses(from_id, to_id, actor):
    """Both exist and the source is the actor's (the destination may be any warehouse)."""
    from_body("from_warehouse_id", own_warehouse, from_id, actor)
    from_body("to_warehouse_id", get_warehouse, to_id)
    if from_id == to_id:
        raise Invalid("A transfer must go to a different warehouse.", field="to_warehouse_id",
                      code="same_warehouse")


def _add_lines(transfer, lines):
    """Validate and store the lines; locations must be bins of the source warehouse."""
    for n, line in enumerate(lines):
        product = from_body(f"lines.{n}.product_id", get_product, line["product_id"])
        check_quantity(product, line["qty"], f"lines.{n}.qty")
        location = from_body(f"lines.{n}.from_location_id", get_location,
                             line["from_location_id"], transfer.from_warehouse_id)
        if location.kind == "transit":
            raise Invalid("Stock cannot be shipped out of a transit area.",
                          field=f"lines.{n}.from_location_id", code="transit_location")
        from_body(f"lines.{n}.lot_id", check_lot, line.get("lot_id"), product.id)
        TransferLine.create(transfer=transfer, product=product, lot=line.get("lot_id"),
                            from_location=location, qty=line["qty"])


def create_transfer(data, actor):
    """Create a draft transfer, shipped at once when data["ship"]; Invalid for unknown ids, a
    bad warehouse pair or line; Conflict when shipping finds a bin short (nothing is kept)."""
    with writing():
        _check_warehouses(data["from_warehouse_id"], data["to_warehouse_id"], actor)
        transfer = Transfer.create(number=next_number("TR", Transfer),
                                   from_warehouse=data["from_warehouse_id"],
                                   to_warehouse=data["to_warehouse_id"], created_by=actor.user_id)
        _add_lines(transfer, data["lines"])
        if data.get("ship"):
            transfer = ship_transfer(transfer.id, actor)
    return transfer


def edit_transfer(transfer_id, data, actor):
    """Change a draft's warehouses and/or replace its lines; Conflict(bad_state) once shipped."""
    with writing():
        transfer = TRANSFER.claim(transfer_id, "edit", actor, warehouse="from_warehouse_id",
                                  touch=True)
        from_id = data.get("from_warehouse_id", transfer.from_warehouse_id)
        to_id = data.get("to_warehouse_id", transfer.to_warehouse_id)
        _check_warehouses(from_id, to_id, actor)
        transfer.from_warehouse, transfer.to_warehouse = from_id, to_id
        transfer.save()
        lines = data.get("lines")
        if lines is None:  # the old lines must still fit a changed source warehouse
            lines = [{"product_id": l.product_id, "qty": l.qty, "lot_id": l.lot_id,
                      "from_location_id": l.from_location_id} for l in transfer.lines]
        TransferLine.delete().where(TransferLine.transfer == transfer).execute()
        _add_lines(transfer, lines)
    return transfer


def ship_transfer(transfer_id, actor):
    """Move every line into the destination's transit area; Conflict when stock is short."""
    with writing():
        transfer = TRANSFER.claim(transfer_id, "ship", actor, warehouse="from_warehouse_id",
                                  shipped_at=utcnow())
        transit = special_location(transfer.to_warehouse_id, "transit")
        moves = []
        for line in transfer.lines:
            common = dict(product_id=line.product_id, lot_id=line.lot_id, doc_type=DOC_TYPE,
                          doc_id=transfer.id, unit_cost=line.product.cost)
            moves.append(Move(location_id=line.from_location_id, qty=-line.qty,
                              reason="transfer_out", **common))
            moves.append(Move(location_id=transit.id, qty=line.qty,
                              reason="transfer_in_transit", **common))
            add_incoming(line.product_id, transfer.to_warehouse_id, line.qty)
        post_moves(moves, actor)
    return transfer


def outstanding(line):
    """What of a line is still in transit."""
    return line.qty - line.qty_received - line.qty_returned - line.qty_written_off


def cancel_transfer(transfer_id, actor):
    """Cancel a draft, or send what is still in transit back to the source bins."""
    with writing():
        transfer = TRANSFER.lock(transfer_id, actor, warehouse="from_warehouse_id")
        in_transit = transfer.status == "in_transit"  # locked: the status is current
        TRANSFER.move(transfer, "cancel", closed_at=utcnow())
        if in_transit:
            _return_from_transit(transfer, actor)
    return transfer


def _return_from_transit(transfer, actor):
    transit = special_location(transfer.to_warehouse_id, "transit")
    moves = []
    for line in transfer.lines:
        qty = outstanding(line)
        if qty <= 0:
            continue
        common = dict(product_id=line.product_id, lot_id=line.lot_id, reason="transfer_return",
                      doc_type=DOC_TYPE, doc_id=transfer.id, unit_cost=line.product.cost)
        moves.append(Move(location_id=transit.id, qty=-qty, **common))
        moves.append(Move(location_id=line.from_location_id, qty=qty, **common))
        add_incoming(line.product_id, transfer.to_warehouse_id, -qty)
        TransferLine.update(qty_returned=TransferLine.qty_returned + qty).where(
            TransferLine.id == line.id).execute()
    post_moves(moves, actor)


def total_outstanding(transfer):
    """The sum still in transit over all lines."""
    return sum((outstanding(l) for l in transfer.lines), Decimal(0))
