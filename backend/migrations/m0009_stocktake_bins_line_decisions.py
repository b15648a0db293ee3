"""Version 9: a stocktake's finished bins (stocktake_bin: by whom, when), and a reviewer's
decision on each counted place (stocktake_count.decision, "" for every existing count, and
decided_by_id)."""

VERSION = 9


def up(db):
    """Create stocktake_bin; add stocktake_count.decision and decided_by_id."""
    from ..stocktake.models import StocktakeBin
    db.create_tables([StocktakeBin])
    db.execute_sql("ALTER TABLE stocktake_count ADD COLUMN decision VARCHAR(10) NOT NULL "
                   "DEFAULT ''")
    db.execute_sql('ALTER TABLE stocktake_count ADD COLUMN decided_by_id INTEGER '
                   'REFERENCES "user" (id)')
    db.execute_sql("CREATE INDEX stocktake_count_decided_by_id ON stocktake_count (decided_by_id)")
