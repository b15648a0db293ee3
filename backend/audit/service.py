"""Reading the audit trail (there is no writing here: capture.py appends, nothing edits)."""
from ..auth.access import require_unlimited
from .models import AuditEntry


def search(actor, user_id=None, action=None, target_type=None, target_id=None, since=None,
           until=None):
    """Audit entries matching every filter given (since inclusive, until exclusive).

    Entries name records of every warehouse: Forbidden "warehouse" to a limited user."""
    require_unlimited(actor, "The audit trail")
    query = AuditEntry.select()
    if user_id is not None:
        query = query.where(AuditEntry.user_id == user_id)
    if action:
        query = query.where(AuditEntry.action == action)
    if target_type:
        query = query.where(AuditEntry.target_type == target_type)
    if target_id is not None:
        query = query.where(AuditEntry.target_id == str(target_id))
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if until is not None:
        query = query.where(AuditEntry.at < until)
    return query
