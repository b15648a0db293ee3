"""Version 10: a receiver finishing a transfer short reports the difference (transfer_difference
and its lines) for a manager to write off; transfer lines count what was written off."""

VERSION = 10


def up(db):
    """Create transfer_difference and its lines; add transfer_line.qty_written_off, 0 for all."""
    from ..transfers.models import TransferDifference, TransferDifferenceLine
    db.create_tables([TransferDifference, TransferDifferenceLine])
    db.execute_sql("ALTER TABLE transfer_line ADD COLUMN qty_written_off BIGINT NOT NULL DEFAULT 0")
