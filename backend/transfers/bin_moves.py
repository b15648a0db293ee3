"""Moves between locations of one warehouse: put-away from staging, re-slotting, and the
release of quarantined units. One BinMove document, two ledger moves (out, in)."""
from ..auth.access import check_warehouse
from ..catalog.service import check_quantity, get_product
from ..db import writing
from ..errors import Invalid, NotFound
from ..stock.ledger import Move, post_moves
from ..stock.models import Lot
from ..stock.service import get_location
from .models import BinMove

PLACES = ("bin", "staging")  # where a floor move may take from and put to
DOC_TYPE = "bin_move"


def _location(location_id, field, kinds, warehouse_id=None):
    """The location as a move end: NotFound, Invalid (wrong kind or other warehouse)."""
    try:
        location = get_location(location_id, warehouse_id)
    except (NotFound, Invalid) as refused:
        raise type(refused)(refused.message, field=field, code=refused.code) from None
    if location.kind not in kinds:
        raise Invalid(f"Location {location.code} is a {location.kind} area; this move needs "
                      f"a {' or '.join(kinds)}.", field=field, code="wrong_location_kind")
    return location


def _lot(product, lot_id):
    if lot_id is None:
        if product.tracks_lots:
            raise Invalid(f"{product.sku} is tracked by lot: say which lot moves.",
                          field="lot_id", code="lot_required")
        return None
    if not Lot.select().where(Lot.id == lot_id, Lot.product == product.id).exists():
        raise Invalid(f"Lot {lot_id} is not a lot of {product.sku}.", field="lot_id",
                      code="unknown_lot")
    return lot_id


def get_bin_move(move_id):
    """The bin move, or NotFound."""
    found = BinMove.get_or_none(BinMove.id == move_id)
    if found is None:
        raise NotFound(f"Bin move {move_id} does not exist.", field="move_id")
    return found


def move_stock(data, actor, from_kinds=PLACES, reason="bin_move"):
    """Move a product (and lot) between two locations of one warehouse, exactly as much as
    the source holds at most: Invalid for bad ends, Forbidden for another warehouse,
    Conflict (insufficient_stock) when the source is short, as a race for the last unit is."""
    with writing():
        source = _location(data["from_location_id"], "from_location_id", from_kinds)
        check_warehouse(actor.user_id, source.warehouse_id)  # the record's own warehouse
        target = _location(data["to_location_id"], "to_location_id", PLACES,
                           source.warehouse_id)
        if target.id == source.id:
            raise Invalid("The bin to is the bin from.", field="to_location_id",
                          code="same_location")
        product = get_product(data["product_id"])
        qty = check_quantity(product, data["qty"])
        lot_id = _lot(product, data.get("lot_id"))
        move = BinMove.create(warehouse=source.warehouse_id, product=product, lot=lot_id,
                              qty=qty, from_location=source, to_location=target, reason=reason,
                              user=actor.user_id, device=actor.device)
        common = dict(product_id=product.id, lot_id=lot_id, reason=reason, doc_type=DOC_TYPE,
                      doc_id=move.id, unit_cost=product.cost)
        # Within one warehouse the level does not change, so units reserved for orders may
        # move too (a reserved unit is put away like any other); the bin's balance still
        # refuses to go below zero.
        post_moves([Move(location_id=source.id, qty=-qty, respect_reserved=False, **common),
                    Move(location_id=target.id, qty=qty, **common)], actor)
    return move
