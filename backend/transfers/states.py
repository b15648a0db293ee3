"""A transfer's statuses and the actions that move it."""
from ..state_machine import StateMachine
from .models import Transfer

TRANSFER = StateMachine(
    Transfer, "Transfer", "transfer_id",
    statuses=("draft", "in_transit", "awaiting_approval", "received", "cancelled"),
    initial=("draft",),
    transitions={
        "edit": (("draft",), ("draft",)),
        "ship": (("draft",), ("in_transit",)),
        # received in parts; the last unit out of transit completes it
        "receive": (("in_transit",), ("in_transit", "received")),
        "cancel": (("draft", "in_transit"), ("cancelled",)),
        # the receiver is done with lines short: a manager decides on the difference
        "finish": (("in_transit",), ("awaiting_approval",)),
        "write_off": (("awaiting_approval",), ("received",)),  # approved: lost on the way
        "keep_in_transit": (("awaiting_approval",), ("in_transit",)),  # rejected: to be found
    })
