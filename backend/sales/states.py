"""The statuses of a sales order and of a sales return, and the actions that move them."""
from ..state_machine import StateMachine
from .models import SalesOrder, SalesReturn

SALES_ORDER = StateMachine(
    SalesOrder, "Sales order", "order_id",
    statuses=("draft", "confirmed", "picking", "picked", "shipped", "cancelled"),
    initial=("draft", "confirmed"),  # a backorder starts confirmed, its stock reserved
    transitions={
        "edit": (("draft",), ("draft",)),
        "confirm": (("draft",), ("confirmed",)),
        # the scan that completes the last line completes the order
        "pick": (("confirmed", "picking"), ("picking", "picked")),
        "short_pick": (("confirmed", "picking"), ("picking", "picked")),
        # what is picked ships; the rest goes to a backorder or is released (shipping.py)
        "ship": (("confirmed", "picking", "picked"), ("shipped",)),
        # a picked order may still be cancelled: its picks go back to their bins (cancel_order),
        # and an order whose every line was shorted has nothing to ship and no other way out
        "cancel": (("draft", "confirmed", "picking", "picked"), ("cancelled",)),
        "list_picks": (("confirmed", "picking", "picked", "shipped"), ()),
        "take_back": (("shipped",), ()),  # a sales return against the order
    })

SALES_RETURN = StateMachine(
    SalesReturn, "Sales return", "return_id",
    statuses=("completed", "pending_approval", "rejected"),
    # above RETURN_APPROVAL_AMOUNT it waits for a manager, its moves not yet posted
    initial=("completed", "pending_approval"),
    transitions={
        "approve": (("pending_approval",), ("completed",)),
        "reject": (("pending_approval",), ("rejected",)),
    })
