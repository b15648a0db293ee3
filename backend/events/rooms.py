"""Who may hear a room: the one place a room name is checked against an actor.

    user:<id>                 that user alone
    warehouse:<id>            who may work in the warehouse (auth/access.py's limits)
    warehouse:all             who may work in every warehouse (no limit): every warehouse's
                              events, also those of a warehouse made after it connected
    approvals:<id>            who may read approvals (approvals.read) and work in the warehouse:
                              approval.requested / approval.decided of its approvals
    approvals:all             who may read approvals in every warehouse (no limit): every
                              warehouse's approvals, also those of a warehouse made after it
                              connected
    document:<type>:<id>      who may read the document: its read permission (READ_PERMISSION)
                              and its warehouse (a transfer: either end; an approval: its
                              document's); <type> is the document's table (purchase_order,
                              sales_order, sales_return, transfer, stocktake, adjustment, approval)
    *                         everyone (an event sent to no room)
"""
from ..auth.access import may_use
from ..state_machine import declared
from ..stock.models import Warehouse
from .journal import ALL_APPROVALS, ALL_WAREHOUSES, BROADCAST

WAREHOUSE_FIELDS = ("warehouse", "from_warehouse", "to_warehouse")
# The permission that reads a document of each type (as its GET endpoint needs); a type not
# named here has no room anyone may hear.
READ_PERMISSION = {"purchase_order": "purchasing.read", "sales_order": "sales.read",
                   "sales_return": "sales.read", "transfer": "transfers.read",
                   "stocktake": "stocktake.read", "adjustment": "stock.read",
                   "approval": "approvals.read"}


def user_room(user_id):
    return f"user:{user_id}"


def warehouse_room(warehouse_id):
    return f"warehouse:{warehouse_id}"


def approvals_room(warehouse_id):
    return f"approvals:{warehouse_id}"


def document_room(doc_type, doc_id):
    return f"document:{doc_type}:{doc_id}"


def rooms_of(actor):
    """The rooms a connection joins on connect: its user's, its warehouses' and, with
    approvals.read, its warehouses' approvals'."""
    reads_approvals = "approvals.read" in (actor.permissions or ())
    if actor.warehouses is None:
        rooms = {BROADCAST, ALL_WAREHOUSES} | ({ALL_APPROVALS} if reads_approvals else set())
    else:
        query = Warehouse.select(Warehouse.id).where(Warehouse.id.in_(sorted(actor.warehouses)))
        ids = [w.id for w in query]
        rooms = {BROADCAST} | {warehouse_room(w) for w in ids}
        if reads_approvals:
            rooms |= {approvals_room(w) for w in ids}
    if actor.user_id is not None:
        rooms.add(user_room(actor.user_id))
    return rooms


def may_hear(actor, room):
    """True when the actor may receive the events of `room` (a name as above)."""
    kind, _, rest = room.partition(":")
    if room == BROADCAST:
        return True
    if kind == "user":
        return actor.user_id is not None and rest == str(actor.user_id)
    if room == ALL_WAREHOUSES:
        return actor.warehouses is None
    if kind == "warehouse":
        return _may_use_named(actor, rest)
    if kind == "approvals":
        if "approvals.read" not in (actor.permissions or ()):
            return False
        return actor.warehouses is None if room == ALL_APPROVALS else _may_use_named(actor, rest)
    if kind == "document":
        doc_type, _, doc_id = rest.partition(":")
        if READ_PERMISSION.get(doc_type) not in (actor.permissions or ()):
            return False
        warehouses = document_warehouses(doc_type, doc_id)
        return any(may_use(actor, w) for w in warehouses)
    return False


def _may_use_named(actor, warehouse_id):
    """may_use for a warehouse id as a room names it (text)."""
    return (warehouse_id.isascii() and warehouse_id.isdigit() and len(warehouse_id) <= 18
            and may_use(actor, int(warehouse_id)))


# A room of one warehouse's -> the room of every warehouse's of the same kind.
ALL_OF_KIND = {"warehouse": ALL_WAREHOUSES, "approvals": ALL_APPROVALS}


def audience(room):
    """Whom an event for `room` is sent to: a warehouse's also goes to ALL_WAREHOUSES, a
    warehouse's approvals' to ALL_APPROVALS (a connection in both hears it once)."""
    every = ALL_OF_KIND.get((room or "").partition(":")[0])
    if every is not None and room != every:
        return [room, every]
    return room


def document_warehouses(doc_type, doc_id):
    """The warehouse ids of a document (empty when there is no such document)."""
    if not (doc_id.isascii() and doc_id.isdigit()) or len(doc_id) > 18:  # "²" is isdigit()
        return []
    if doc_type == "approval":
        from ..approvals.models import Approval
        from ..approvals.service import warehouse_of_document
        row = (Approval.select(warehouse_of_document().alias("warehouse_id"))
               .where(Approval.id == int(doc_id)).first())
        return [row.warehouse_id] if row and row.warehouse_id is not None else []
    for machine in declared():
        model = machine.model
        if model._meta.table_name == doc_type:
            row = model.get_or_none(model.id == int(doc_id))
            if row is None:
                return []
            return [getattr(row, f"{name}_id") for name in WAREHOUSE_FIELDS
                    if name in model._meta.fields]
    return []
