"""HTTP layer of the floor screens' offline copy."""
from ..api import Blueprint
from ..auth.actor import current_actor, current_principal
from . import copy
from .schemas import CopyArgs, DeviceCopySchema

blp = Blueprint("floor", __name__, url_prefix="/api/v1/floor",
                description="What the phone keeps for receiving, bin moves and returns offline")


@blp.get("/copy")
@blp.arguments(CopyArgs, location="query")
@blp.response(200, DeviceCopySchema)
def get_floor_copy(args):
    """Everything the receiving, bin-move and returns screens need offline, for the caller's
    warehouses, in one read; refresh it when online and show its as_of time."""
    principal = current_principal()
    return copy.device_copy(current_actor(), args.get("warehouse_id"),
                            orders=principal is None or principal.may("purchasing.read"),
                            shipments=principal is None or principal.may("sales.read"),
                            limit=args["limit"],
                            transfers=principal is None or principal.may("transfers.read"))
