"""A stock adjustment's statuses and the actions that move it."""
from ..state_machine import StateMachine
from .models import Adjustment

ADJUSTMENT = StateMachine(
    Adjustment, "Adjustment", "adjustment_id",
    statuses=("pending", "approved", "rejected"),
    initial=("pending",),
    transitions={
        "approve": (("pending",), ("approved",)),
        "reject": (("pending",), ("rejected",)),
    })
