"""Version 5: idempotency keys belong to their caller; an approval records the token that asked.

idempotency_key gets `principal` into its primary key (principal, key) and an index on
created_at for pruning. The keys stored before keys had owners are kept under the principal ""
(nobody's), so no caller replays another's, and pruning removes them in time.
approval gets requested_by_token_id (null for every existing approval).
"""
from ..db import is_sqlite

VERSION = 5
OLD_COLUMNS = "key, fingerprint, status, body, content_type, location, created_at"


def _rebuild_idempotency_key(db):
    """Make the table from the model (new key, new index) and copy the old rows into it."""
    from ..idempotency import IdempotencyKey
    if not is_sqlite():  # the new table's primary key takes the old one's name
        db.execute_sql("ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_pkey")
    db.execute_sql("ALTER TABLE idempotency_key RENAME TO idempotency_key_v4")
    IdempotencyKey.create_table(safe=False)
    db.execute_sql(f"INSERT INTO idempotency_key (principal, {OLD_COLUMNS}) "
                   f"SELECT '', {OLD_COLUMNS} FROM idempotency_key_v4")
    db.execute_sql("DROP TABLE idempotency_key_v4")


def up(db):
    """Own the idempotency keys; let approvals name the token that asked."""
    _rebuild_idempotency_key(db)
    db.execute_sql("ALTER TABLE approval ADD COLUMN requested_by_token_id INTEGER "
                   "REFERENCES api_token (id)")
    db.execute_sql("CREATE INDEX approval_requested_by_token_id "
                   "ON approval (requested_by_token_id)")
