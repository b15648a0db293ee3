"""Version 2: products get a free-text description (shown on the phone's product card)."""

VERSION = 2


def up(db):
    """Add product.description, empty for every existing product."""
    # Plain DDL: SQLite adds a NOT NULL column with a default in place, where peewee's
    # migrator would rebuild the table (and trip over the foreign keys pointing at it).
    db.execute_sql("ALTER TABLE product ADD COLUMN description TEXT NOT NULL DEFAULT ''")
