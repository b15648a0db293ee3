"""HTTP layer of the audit trail: read and filter only (managers and admins)."""
from ..api import Blueprint, page_of, paginate
from ..auth.actor import current_actor
from . import service
from .models import AuditEntry
from .schemas import AuditArgs, AuditEntrySchema

blp = Blueprint("audit", __name__, url_prefix="/api/v1", description="Audit trail")


@blp.get("/audit")
@blp.arguments(AuditArgs, location="query")
@blp.response(200, page_of(AuditEntrySchema))
def list_audit_entries(args):
    """Audit entries, oldest first, filtered by user, action, target and time."""
    filters = {k: args.get(k) for k in ("user_id", "action", "target_type", "target_id",
                                        "since", "until")}
    return paginate(service.search(current_actor(), **filters), AuditEntry, args)
