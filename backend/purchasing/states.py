"""A purchase order's statuses and the actions that move it."""
from ..state_machine import StateMachine
from .models import PurchaseOrder

PURCHASE_ORDER = StateMachine(
    PurchaseOrder, "Purchase order", "order_id",
    statuses=("draft", "pending_approval", "approved", "partly_received", "received", "closed",
              "cancelled"),
    initial=("draft",),
    transitions={
        "edit": (("draft",), ("draft",)),
        # above the approval amount it waits for a manager, else it is approved at once
        "submit": (("draft",), ("pending_approval", "approved")),
        "approve": (("pending_approval",), ("approved",)),
        "reject": (("pending_approval",), ("draft",)),
        # a received order takes more (over-receipt); the last outstanding unit completes it
        "receive": (("approved", "partly_received", "received"), ("partly_received", "received")),
        "return_goods": (("approved", "partly_received", "received", "closed"), ()),
        "cancel": (("draft", "pending_approval", "approved"), ("cancelled",)),
        "close": (("partly_received", "received"), ("closed",)),
    })
