"""Moves between locations of one warehouse: put-away from staging, re-slotting, and the
release of quarantined units. One BinMove document, two ledger moves (out, in)."""
from ..auth.access import require_warehouse
from ..catalog.service import check_quantity, get_product
from ..db import writing
from ..errors import Invalid, NotFound, from_body
from ..stock.ledger import Move, post_moves
from ..stock.service import check_lot, get_location
from .models import BinMove

PLACES = ("bin", "staging")  # where a floor move may take from and put to
DOC_TYPE = "bin_move"


def _location(location_id, kinds, warehouse_id=None):
    """The location as a move end: NotFound, Invalid (wrong kind or other warehouse)."""
    location = get_location(location_id, warehouse_id)
    if location.kind not in kinds:
        raise Invalid(f"Location {location.code} is a {location.kind} area; this move needs "
                      f"a {' or '.join(kinds)}.", code="wrong_location_kind")
    return location


def _lot(product, lot_id):
    if lot_id is None and product.tracks_lots:
        raise Invalid(f"{product.sku} is tracked by lot: say which lot moves.",
                      field="lot_id", code="lot_required")
    return from_body("lot_id", check_lot, lot_id, product.id)


def get_bin_move(move_id, actor):
    """The bin move, or NotFound, Forbidden "warehouse"."""
    found = BinMove.get_or_none(BinMove.id == move_id)
    if found is None:
        raise NotFound(f"Bin move {move_id} does not exist.", field="move_id")
    require_warehouse(actor, found.warehouse_id)
    return found


def move_stock(data, actor, from_kinds=PLACES, reason="bin_move"):
    """Move a product (and lot) between two locations of one warehouse, exactly as much as
    the source holds at most: Invalid for bad ends, Forbidden for another warehouse,
    Conflict (insufficient_stock) when the source is short, as a race for the last unit is."""
    with writing():
        source = from_body("from_location_id", _location, data["from_location_id"], from_kinds)
        require_warehouse(actor, source.warehouse_id)  # the bin's own warehouse
        target = from_body("to_location_id", _location, data["to_location_id"], PLACES,
                           source.warehouse_id)
        if target.id == source.id:
            raise Invalid("The bin to is the bin from.", field="to_location_id",
                          code="same_location")
        product = from_body("product_id", get_product, data["product_id"])
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
