"""An approval's statuses and the actions that move it."""
from ..state_machine import StateMachine
from .models import Approval

APPROVAL = StateMachine(
    Approval, "Approval", "approval_id",
    statuses=("pending", "approved", "rejected"),
    initial=("pending",),
    transitions={
        "approve": (("pending",), ("approved",)),
        "reject": (("pending",), ("rejected",)),
    },
    code="already_decided")
