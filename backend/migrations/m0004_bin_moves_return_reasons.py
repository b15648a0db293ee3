"""Version 4: moves between bins of one warehouse get their document (bin_move), and sales
returns a reason code (damaged, wrong_item, not_wanted, defective, other)."""

VERSION = 4


def up(db):
    """Create bin_move; add sales_return.reason_code, 'other' for every existing return."""
    from ..transfers.models import BinMove
    db.create_tables([BinMove])
    db.execute_sql("ALTER TABLE sales_return ADD COLUMN reason_code VARCHAR(20) NOT NULL "
                   "DEFAULT 'other'")
