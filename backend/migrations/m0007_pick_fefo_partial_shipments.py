"""Version 7: orders get a promised date and a backorder link, lines what went to a backorder
and why units were shorted, picks why a later lot was taken and who let an expired one pass,
and shipments their parcels."""
from ..db import is_sqlite

VERSION = 7


def up(db):
    """Add the new columns (null or zero for existing rows) and create parcel."""
    from ..sales.models import Parcel
    # Plain DDL, as in version 2; the types are the ones peewee gives these fields.
    bigint = "INTEGER" if is_sqlite() else "BIGINT"
    for statement in (
            "ALTER TABLE sales_order ADD COLUMN promised_date DATE",
            "ALTER TABLE sales_order ADD COLUMN backorder_of_id INTEGER REFERENCES sales_order (id)",
            "CREATE INDEX sales_order_backorder_of_id ON sales_order (backorder_of_id)",
            f"ALTER TABLE sales_order_line ADD COLUMN qty_backordered {bigint} NOT NULL DEFAULT 0",
            "ALTER TABLE sales_order_line ADD COLUMN short_reason VARCHAR(200)",
            "ALTER TABLE pick ADD COLUMN reason VARCHAR(200)",
            'ALTER TABLE pick ADD COLUMN overridden_by_id INTEGER REFERENCES "user" (id)',
            "CREATE INDEX pick_overridden_by_id ON pick (overridden_by_id)"):
        db.execute_sql(statement)
    db.create_tables([Parcel])
