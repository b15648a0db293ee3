"""A stocktake's statuses and the actions that move it."""
from ..state_machine import StateMachine
from .models import Stocktake

STOCKTAKE = StateMachine(
    Stocktake, "Stocktake", "stocktake_id",
    statuses=("counting", "submitted", "approved", "rejected", "cancelled"),
    initial=("counting",),
    transitions={
        "count": (("counting",), ("counting",)),
        "recount": (("counting",), ("counting",)),  # clear a bin's counts to count it again
        "submit": (("counting",), ("submitted",)),
        "approve": (("submitted",), ("approved",)),  # at once when nothing differs
        "reject": (("submitted",), ("rejected",)),
        "decide_line": (("submitted",), ("submitted",)),  # one place approved or rejected
        "cancel": (("counting",), ("cancelled",)),
        "show_variances": (("submitted", "approved", "rejected"), ()),  # not while blind
    })
