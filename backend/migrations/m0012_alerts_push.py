"""Version 12: low-stock alerts and Web Push.

New tables stock_alert, push_subscription, notification_choice, push_message; product gets
preferred_supplier_id (NULL: none chosen) and supplier_pack_qty (1 for every product).
"""

VERSION = 12


def up(db):
    """Create the alert and push tables; give products a supplier and a pack size."""
    from ..alerts.models import StockAlert
    from ..push.models import NotificationChoice, PushMessage, PushSubscription
    db.execute_sql("ALTER TABLE product ADD COLUMN preferred_supplier_id INTEGER "
                   "REFERENCES supplier (id) ON DELETE SET NULL")
    db.execute_sql("CREATE INDEX product_preferred_supplier_id ON product (preferred_supplier_id)")
    db.execute_sql("ALTER TABLE product ADD COLUMN supplier_pack_qty BIGINT NOT NULL DEFAULT 1000")
    db.create_tables([StockAlert, PushSubscription, NotificationChoice, PushMessage])
