"""Version 13: suppliers and customers get their payment terms (shown on approvals)."""

VERSION = 13


def up(db):
    """Add payment_terms to supplier and customer, empty for every existing partner."""
    for table in ("supplier", "customer"):
        db.execute_sql(f"ALTER TABLE {table} ADD COLUMN payment_terms VARCHAR(100) NOT NULL "
                       "DEFAULT ''")
