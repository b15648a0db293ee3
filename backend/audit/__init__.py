"""The append-only audit trail: who changed what, from which device, with before and after."""
