"""Approvals: ask for a decision, decide, and let the document's area act on it."""
import importlib

import peewee

from ..auth.access import may_use, require_warehouse, visible
from ..auth.models import ApiToken, User
from ..db import writing
from ..db.fields import utcnow
from ..errors import Forbidden, NotFound
from .models import Approval
from .states import APPROVAL

# Which function acts on a decision, per document type: (module, function).
DECIDERS = {
    "adjustment": ("backend.stock.service", "decide_adjustment"),
    "purchase_order": ("backend.purchasing.service", "decide_purchase_order"),
    "stocktake": ("backend.stocktake.service", "decide_stocktake"),
    "sales_return": ("backend.sales.returns", "decide_return"),
    "transfer_difference": ("backend.transfers.differences", "decide_difference"),
}


# The model of each document type: an approval is in its document's warehouse.
DOCUMENTS = {
    "adjustment": ("backend.stock.models", "Adjustment"),
    "purchase_order": ("backend.purchasing.models", "PurchaseOrder"),
    "stocktake": ("backend.stocktake.models", "Stocktake"),
    "sales_return": ("backend.sales.models", "SalesReturn"),
    "transfer_difference": ("backend.transfers.models", "TransferDifference"),  # destination's
}


def warehouse_of_document():
    """SQL for an approval's warehouse: its document's, read in the same query."""
    cases = []
    for doc_type, (module, name) in DOCUMENTS.items():
        model = getattr(importlib.import_module(module), name)
        cases.append((doc_type, model.select(model.warehouse).where(model.id == Approval.doc_id)))
    return peewee.Case(Approval.doc_type, cases)


def _decider(doc_type):
    module, name = DECIDERS[doc_type]
    return getattr(importlib.import_module(module), name)


def request_approval(kind, doc_type, doc_id, amount, summary, actor):
    """Open a pending approval for a document."""
    from ..push.outbox import queue_approval
    with writing():
        approval = Approval.create(kind=kind, doc_type=doc_type, doc_id=doc_id, amount=amount,
                                   summary=summary[:300], requested_by=actor.user_id,
                                   requested_by_token=actor.token_id)
        warehouse_id = (Approval.select(warehouse_of_document()).where(Approval.id == approval.id)
                        .scalar())
        queue_approval(approval, warehouse_id)  # push to who may decide, once committed
        _announce("approval.requested", approval)
        return approval


def _announce(event, approval):
    """Tell who may read the approval after commit (approvals.read in its warehouse, its
    document's): approval.requested or approval.decided {id, kind, doc_type, doc_id, status}.
    Not the warehouse's room: who works there without approvals.read may not hear of them."""
    from ..events.rooms import approvals_room, document_warehouses
    from ..request_life import emit_after_commit
    payload = {"id": approval.id, "kind": approval.kind, "doc_type": approval.doc_type,
               "doc_id": approval.doc_id, "status": approval.status}
    for warehouse_id in document_warehouses("approval", str(approval.id)):
        emit_after_commit(event, payload, to=approvals_room(warehouse_id))


def get_approval(approval_id, actor):
    """The approval, in one of the actor's warehouses; NotFound, Forbidden "warehouse"."""
    approval = (Approval.select(Approval, warehouse_of_document().alias("warehouse_id"))
                .where(Approval.id == approval_id).first())
    if approval is None:
        raise NotFound(f"Approval {approval_id} does not exist.", field="approval_id")
    require_warehouse(actor, approval.warehouse_id)
    return approval


def search_approvals(actor, status=None, kind=None):
    """A query of the approvals of the actor's warehouses, by status and kind."""
    query = Approval.select(Approval, warehouse_of_document().alias("warehouse_id"))
    if status:
        query = query.where(Approval.status == status)
    if kind:
        query = query.where(Approval.kind == kind)
    return visible(query, actor, warehouse_of_document())


def _own_request(approval, actor):
    """The requester may not decide: the same user, or the same token (a token acting for
    nobody is its own requester; one acting for a user is that user)."""
    same_user = actor.user_id is not None and approval.requested_by_id == actor.user_id
    same_token = actor.token_id is not None and approval.requested_by_token_id == actor.token_id
    return same_user or same_token


def decision_refusal(approval, actor, may_decide=True):
    """Why the actor may not decide the approval (no_permission, not_your_warehouse,
    already_decided, own_request), or None when they may: the PWA offers no decision the
    server would refuse. `approval` carries its warehouse_id (get_approval, search_approvals)."""
    if not may_decide:
        return "no_permission"
    if not may_use(actor, approval.warehouse_id):
        return "not_your_warehouse"
    if approval.status != "pending":
        return "already_decided"
    if _own_request(approval, actor):
        return "own_request"
    return None


def _requester_names(approvals):
    """{approval id: who asked, as people read it (the user's name, else the token's)}."""
    users = {u.id: u.display_name for u in User.select(User.id, User.display_name).where(
        User.id.in_({a.requested_by_id for a in approvals if a.requested_by_id}))}
    tokens = {t.id: t.name for t in ApiToken.select(ApiToken.id, ApiToken.name).where(
        ApiToken.id.in_({a.requested_by_token_id for a in approvals if a.requested_by_token_id}))}
    return {a.id: users.get(a.requested_by_id) or tokens.get(a.requested_by_token_id)
            for a in approvals}


def describe(approvals, actor, may_decide, currency):
    """The approvals with what the API shows beside the record: the document's detail, who
    asked, the currency, and whether (and why not) the actor may decide."""
    from .details import detail_of  # the documents' areas import this module's request_approval
    names = _requester_names(approvals)
    for approval in approvals:
        approval.detail = detail_of(approval)
        approval.requested_by_name = names[approval.id]
        approval.currency = currency
        approval.cannot_decide_reason = decision_refusal(approval, actor, may_decide)
        approval.can_decide = approval.cannot_decide_reason is None
    return approvals


def check_decider(approval, actor):
    """Forbidden(self_approval) when the actor asked for this approval (a document's area
    deciding part of it, as a stocktake's lines, keeps the same rule)."""
    if _own_request(approval, actor):
        raise Forbidden("Nobody may approve their own request.", code="self_approval")


def decide(approval_id, approved, actor, note=""):
    """Approve or reject; the document's area acts in the same transaction."""
    with writing():
        get_approval(approval_id, actor)  # NotFound, Forbidden: its warehouse is its document's
        approval = APPROVAL.lock(approval_id, warehouse=None)
        APPROVAL.check(approval, "approve" if approved else "reject")
        check_decider(approval, actor)
        APPROVAL.move(approval, "approve" if approved else "reject", decided_by=actor.user_id,
                      decided_at=utcnow(), note=note)
        _decider(approval.doc_type)(approval.doc_id, approved, actor)
        _announce("approval.decided", approval)
    return approval


def pending_for(doc_type, doc_id):
    """The open approval of a document, if any."""
    return Approval.get_or_none(Approval.doc_type == doc_type, Approval.doc_id == doc_id,
                                Approval.status == "pending")
