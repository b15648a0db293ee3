"""Warehouse limits: a user limited to some warehouses gets 403 on requests naming others.

Checked generically before every view: warehouse ids named in the URL, the query string or
the JSON body (top level and one level of lists, e.g. lines), location ids (their warehouse),
and the documents in DOCUMENTS (a purchase order's warehouse, either end of a transfer).
Lists that name no warehouse are not filtered. Services can call check_warehouse() too.
"""
import importlib

from ..errors import Forbidden
from ..db import run_sql

WAREHOUSE_KEYS = ("warehouse_id", "from_warehouse_id", "to_warehouse_id")
LOCATION_KEYS = ("location_id", "from_location_id", "to_location_id")

# (blueprint, URL argument) -> (models module, model, its warehouse fields; any one will do)
DOCUMENTS = {
    ("purchasing", "order_id"): ("purchasing.models", "PurchaseOrder", ("warehouse",)),
    ("sales", "order_id"): ("sales.models", "SalesOrder", ("warehouse",)),
    ("sales", "return_id"): ("sales.models", "SalesReturn", ("warehouse",)),
    ("transfers", "transfer_id"): ("transfers.models", "Transfer",
                                   ("from_warehouse", "to_warehouse")),
    ("stocktake", "stocktake_id"): ("stocktake.models", "Stocktake", ("warehouse",)),
}


def allowed_warehouses(user_id):
    """The warehouse ids a user is limited to, or None when they may work in all."""
    if user_id is None:
        return None
    rows = run_sql("SELECT warehouse_id FROM user_warehouse WHERE user_id = ?", (user_id,))
    return frozenset(row[0] for row in rows) or None


def check_warehouse(user_id, warehouse_id):
    """Refuse a warehouse the user is not limited to. Raises Forbidden."""
    allowed = allowed_warehouses(user_id)
    if allowed is not None and warehouse_id is not None and int(warehouse_id) not in allowed:
        raise Forbidden(f"You may not work in warehouse {warehouse_id}.", code="warehouse")


def _ints(values):
    return {v for v in values if isinstance(v, int) and not isinstance(v, bool)}


def _named(mapping, keys):
    found = set()
    for source in mapping:
        found |= _ints(source.get(k) for k in keys)
        for value in source.values():
            if isinstance(value, list):
                found |= _ints(item.get(k) for item in value if isinstance(item, dict)
                               for k in keys)
    return found


def _sources(request):
    body = request.get_json(silent=True) if request.is_json else None
    query = {k: int(v) for k, v in request.args.items() if v.isdigit()}
    return [s for s in (request.view_args or {}, query, body) if isinstance(s, dict)]


def _location_warehouses(location_ids):
    from ..stock.models import Location
    if not location_ids:
        return set()
    return {row.warehouse_id for row in Location.select(Location.warehouse)
            .where(Location.id.in_(sorted(location_ids)))}


def _document_warehouses(blueprint, view_args):
    for (bp, arg), (module, name, fields) in DOCUMENTS.items():
        if bp == blueprint and arg in (view_args or {}):
            model = getattr(importlib.import_module(f"backend.{module}"), name)
            row = model.select(*[getattr(model, f) for f in fields]).where(
                model.id == view_args[arg]).dicts().first()
            return set(row.values()) if row else None
    return None


def check_request(request, allowed):
    """Refuse a request naming a warehouse outside `allowed` (None: all). Raises Forbidden."""
    if allowed is None:
        return
    sources = _sources(request)
    named = _named(sources, WAREHOUSE_KEYS) | _location_warehouses(_named(sources, LOCATION_KEYS))
    outside = sorted(named - allowed)
    document = _document_warehouses(request.blueprint, request.view_args)
    if not outside and document is not None and not (document & allowed):
        outside = sorted(document)
    if outside:
        raise Forbidden(f"You may not work in warehouse {outside[0]}.", code="warehouse")
