"""Warehouses, locations, lots, balances, thresholds and manual adjustments."""
import peewee

from ..alerts.watch import check_levels
from ..auth.access import require_warehouse, visible
from ..catalog.models import Product
from ..catalog.service import check_quantity, find_by_code, get_product
from ..db import writing
from ..db.changes import note_update
from ..db.sql import fetch
from ..errors import Conflict, Invalid, NotFound, from_body
from .ledger import Move, post_moves
from .models import Adjustment, AdjustmentLine, Location, Lot, StockBalance, StockLevel, StockMove, Warehouse
from .states import ADJUSTMENT

# Every warehouse gets these non-bin areas; their barcodes are <WH>-<CODE>.
SPECIAL_LOCATIONS = (("STAGING", "staging"), ("TRANSIT", "transit"), ("QUARANTINE", "quarantine"))


def get_warehouse(warehouse_id):
    """The warehouse, or NotFound."""
    warehouse = Warehouse.get_or_none(Warehouse.id == warehouse_id)
    if warehouse is None:
        raise NotFound(f"Warehouse {warehouse_id} does not exist.", field="warehouse_id")
    return warehouse


def own_warehouse(warehouse_id, actor):
    """The warehouse, when the actor may work in it; NotFound, Forbidden "warehouse"."""
    warehouse = get_warehouse(warehouse_id)
    require_warehouse(actor, warehouse.id)
    return warehouse


def get_location(location_id, warehouse_id=None):
    """The location (in the given warehouse, if named), or NotFound/Invalid."""
    found = fetch(Location, "id = ?", (location_id,))
    if not found:
        raise NotFound(f"Location {location_id} does not exist.", field="location_id")
    location = found[0]
    if warehouse_id is not None and location.warehouse_id != warehouse_id:
        raise Invalid(f"Location {location.code} is not in warehouse {warehouse_id}.",
                      field="location_id", code="wrong_warehouse")
    return location


def check_lot(lot_id, product_id):
    """The lot id, when it names one of the product's lots (None passes); NotFound, Invalid
    "wrong_lot"."""
    if lot_id is None:
        return None
    found = fetch(Lot, "id = ?", (lot_id,))
    if not found:
        raise NotFound(f"Lot {lot_id} does not exist.", field="lot_id")
    if found[0].product_id != product_id:
        raise Invalid(f"Lot {found[0].code} is not a lot of product {product_id}.",
                      field="lot_id", code="wrong_lot")
    return lot_id


def special_location(warehouse_id, kind):
    """The warehouse's staging, transit or quarantine area."""
    return Location.get(Location.warehouse == warehouse_id, Location.kind == kind)


def create_warehouse(data):
    """Create a warehouse with its staging, transit and quarantine areas."""
    with writing():
        if Warehouse.select().where(Warehouse.code == data["code"]).exists():
            raise Conflict(f"Warehouse {data['code']} already exists.", field="code",
                           code="duplicate_code")
        warehouse = Warehouse.create(**data)
        for code, kind in SPECIAL_LOCATIONS:
            Location.create(warehouse=warehouse, code=code, kind=kind, zone=code,
                            barcode=f"{warehouse.code}-{code}", sort_key="~" + code)
    return warehouse


def locations(warehouse_id, actor):
    """The warehouse's locations in walking order; NotFound, Forbidden "warehouse"."""
    own_warehouse(warehouse_id, actor)
    return list(Location.select().where(Location.warehouse == warehouse_id)
                .order_by(Location.sort_key, Location.code))


def create_location(warehouse_id, data, actor):
    """Create a bin; its barcode defaults to <WH>-<CODE>. NotFound, Forbidden, Conflict."""
    with writing():
        warehouse = own_warehouse(warehouse_id, actor)
        barcode = data.get("barcode") or f"{warehouse.code}-{data['code']}"
        if Location.select().where((Location.barcode == barcode) | (
                (Location.warehouse == warehouse) & (Location.code == data["code"]))).exists():
            raise Conflict(f"Location {data['code']} or barcode {barcode} already exists.",
                           field="code", code="duplicate_code")
        _refuse_product_code(barcode)
        return Location.create(warehouse=warehouse, code=data["code"], barcode=barcode,
                               kind="bin", zone=data.get("zone", ""),
                               sort_key=data.get("sort_key") or data["code"])


def _refuse_product_code(barcode):
    """A scan finds a bin before a product (scan/service.py): a bin label that is a product's
    barcode (as any GTIN form) or SKU would turn every warehouse's scan of the product into
    this bin. Conflict "duplicate_barcode"."""
    try:
        product, _ = find_by_code(barcode)
    except NotFound:
        return
    raise Conflict(f"Barcode {barcode} is product {product.sku}'s; a bin label must differ.",
                   field="barcode", code="duplicate_barcode")


def _holds_stock(*where):
    """True when any balance at the locations matching `where` is not zero."""
    return (StockBalance.select().join(Location)
            .where(StockBalance.on_hand != 0, *where).exists())


def update_warehouse(warehouse_id, data, actor):
    """Change a warehouse's name, negative-stock flag or active flag; deactivating one that
    holds stock is a Conflict "warehouse_holds_stock". NotFound, Forbidden "warehouse"."""
    with writing():
        warehouse = own_warehouse(warehouse_id, actor)
        if data.get("active") is False and warehouse.active and _holds_stock(
                Location.warehouse == warehouse.id):
            raise Conflict(f"Warehouse {warehouse.code} still holds stock; move it out first.",
                           field="active", code="warehouse_holds_stock")
        changed = {k: v for k, v in data.items() if getattr(warehouse, k) != v}
        if changed:
            Warehouse.update(**changed).where(Warehouse.id == warehouse.id).execute()
        return get_warehouse(warehouse.id)


def update_location(location_id, data, actor):
    """Change a bin's barcode, zone, walking order (sort_key) or active flag. Staging, transit
    and quarantine areas cannot be deactivated (Conflict "special_location"), nor a bin that
    holds stock (Conflict "location_holds_stock"); a barcode in use is "duplicate_barcode".
    NotFound, Forbidden "warehouse"."""
    with writing():
        location = get_location(location_id)
        own_warehouse(location.warehouse_id, actor)
        if data.get("active") is False and location.active:
            if location.kind != "bin":
                raise Conflict(f"Location {location.code} is the warehouse's {location.kind} "
                               "area; it cannot be deactivated.", field="active",
                               code="special_location")
            if _holds_stock(Location.id == location.id):
                raise Conflict(f"Bin {location.code} still holds stock; move it out first.",
                               field="active", code="location_holds_stock")
        barcode = data.get("barcode")
        if barcode and barcode != location.barcode and Location.select().where(
                Location.barcode == barcode).exists():
            raise Conflict(f"Barcode {barcode} is already a location's.", field="barcode",
                           code="duplicate_barcode")
        if barcode and barcode != location.barcode:
            _refuse_product_code(barcode)
        changed = {k: v for k, v in data.items() if getattr(location, k) != v}
        if changed:
            Location.update(**changed).where(Location.id == location.id).execute()
        return get_location(location.id)


def lots(product_id):
    """The product's lots, soonest expiry first; NotFound."""
    get_product(product_id)
    return list(Lot.select().where(Lot.product == product_id).order_by(Lot.expiry, Lot.code))


def find_or_create_lot(product_id, code, expiry=None):
    """The product's lot with this code, created on first sight; Invalid if expiry disagrees."""
    with writing():
        lot = Lot.get_or_none(Lot.product == product_id, Lot.code == code)
        if lot is None:
            try:
                with Lot._meta.database.atomic():
                    return Lot.create(product=product_id, code=code, expiry=expiry)
            except peewee.IntegrityError:
                lot = Lot.get(Lot.product == product_id, Lot.code == code)
        if expiry is not None and lot.expiry is not None and lot.expiry != expiry:
            raise Invalid(f"Lot {code} has expiry {lot.expiry}, not {expiry}.", field="expiry",
                          code="lot_expiry_mismatch")
        return lot


def search_balances(actor, product_id=None, warehouse_id=None, location_id=None, nonzero=True):
    """Query of on-hand rows per product x location x lot, with location and lot, of the
    warehouses whose figures the actor sees; Forbidden "warehouse" when naming another."""
    query = (StockBalance.select(StockBalance, Location, Lot)
             .join(Location)
             .switch(StockBalance)
             .join(Lot, peewee.JOIN.LEFT_OUTER, on=(StockBalance.lot_key == Lot.id)))
    if product_id:
        query = query.where(StockBalance.product == product_id)
    if warehouse_id:
        query = query.where(Location.warehouse == warehouse_id)
    if location_id:
        query = query.where(StockBalance.location == location_id)
    if nonzero:
        query = query.where(StockBalance.on_hand != 0)
    return visible(query, actor, Location.warehouse, stock=True, named=warehouse_id)


def search_levels(actor, product_id=None, warehouse_id=None, low_only=False):
    """Query of per product x warehouse totals the actor sees; low_only keeps those at or under
    reorder point. Forbidden "warehouse" when naming another."""
    query = StockLevel.select(StockLevel, Product).join(Product)
    if product_id:
        query = query.where(StockLevel.product == product_id)
    if warehouse_id:
        query = query.where(StockLevel.warehouse == warehouse_id)
    if low_only:
        limit = peewee.fn.COALESCE(StockLevel.reorder_point, StockLevel.min_qty)
        query = query.where(limit.is_null(False),
                            StockLevel.on_hand - StockLevel.reserved + StockLevel.incoming <= limit)
    return visible(query, actor, StockLevel.warehouse, stock=True, named=warehouse_id)


def low_product_ids(actor):
    """A query of the ids of products low (as search_levels' low_only) in a warehouse the
    actor sees."""
    return search_levels(actor, low_only=True).select(StockLevel.product).distinct()


def set_thresholds(product_id, warehouse_id, data, actor):
    """Set a product's minimum, maximum and reorder point in one warehouse."""
    with writing():
        get_product(product_id)
        own_warehouse(warehouse_id, actor)
        StockLevel.insert(product=product_id, warehouse=warehouse_id).on_conflict_ignore().execute()
        level = StockLevel.get(product=product_id, warehouse=warehouse_id)
        low, high = (data.get(k, getattr(level, k)) for k in ("min_qty", "max_qty"))
        if low is not None and high is not None and low > high:
            raise Invalid("min_qty cannot be above max_qty.", field="min_qty")
        changed = {k: v for k, v in data.items() if getattr(level, k) != v}
        if not changed:  # fields left out keep their value; an empty body changes nothing
            return level
        StockLevel.update(**changed).where(StockLevel.product == product_id,
                                           StockLevel.warehouse == warehouse_id).execute()
        # Levels are derived and unaudited, but thresholds are set by hand: audit them.
        note_update(StockLevel, level.id, {k: getattr(level, k) for k in changed}, changed)
        check_levels([(product_id, warehouse_id)], band=False)  # new thresholds decide at once
        return StockLevel.get(product=product_id, warehouse=warehouse_id)


def search_moves(actor, product_id=None, location_id=None, doc_type=None, doc_id=None):
    """Query of ledger entries, newest last, in the warehouses whose figures the actor sees."""
    query = visible(StockMove.select().join(Location), actor, Location.warehouse, stock=True)
    for field, value in ((StockMove.product, product_id), (StockMove.location, location_id),
                         (StockMove.doc_type, doc_type), (StockMove.doc_id, doc_id)):
        if value is not None:
            query = query.where(field == value)
    return query


def create_adjustment(data, actor):
    """Record a manual correction and ask for its approval; moves come on approval."""
    from ..approvals.service import request_approval
    with writing():
        warehouse = from_body("warehouse_id", own_warehouse, data["warehouse_id"], actor)
        adjustment = Adjustment.create(warehouse=warehouse, reason=data["reason"],
                                       created_by=actor.user_id, device=actor.device)
        total = 0
        for n, line in enumerate(data["lines"]):
            product = from_body(f"lines.{n}.product_id", get_product, line["product_id"])
            check_quantity(product, abs(line["qty"]))
            if line["qty"] == 0:
                raise Invalid("An adjustment line cannot be zero.", field="qty")
            from_body(f"lines.{n}.location_id", get_location, line["location_id"], warehouse.id)
            from_body(f"lines.{n}.lot_id", check_lot, line.get("lot_id"), product.id)
            AdjustmentLine.create(adjustment=adjustment, product=product,
                                  location=line["location_id"], lot=line.get("lot_id"),
                                  qty=line["qty"])
            total += abs(line["qty"]) * product.cost
        request_approval("stock_adjustment", "adjustment", adjustment.id, total,
                         f"Adjustment in {warehouse.code}: {data['reason']}", actor)
    return adjustment


def decide_adjustment(adjustment_id, approved, actor):
    """Approval callback: post the adjustment's moves, or mark it rejected."""
    adjustment = ADJUSTMENT.claim(adjustment_id, "approve" if approved else "reject", actor)
    if approved:
        post_moves([Move(product_id=l.product_id, location_id=l.location_id, lot_id=l.lot_id,
                         qty=l.qty, reason="adjustment", doc_type="adjustment",
                         doc_id=adjustment.id) for l in adjustment.lines], actor)


