"""Telling a transaction PostgreSQL aborted to let another go on from a real error."""

# PostgreSQL's SQLSTATEs for a transaction it aborted so that another could go on: a deadlock
# it broke, or a serialization failure. Running the transaction again is the cure.
LOST_RACE_CODES = {"40P01", "40001"}


def lost_a_race(error):
    """True when `error` (peewee's, wrapping the driver's) is PostgreSQL aborting a transaction
    to break a deadlock: nothing of it was kept, and it can simply run again."""
    original = error.__context__  # peewee raises its own error while handling the driver's
    return getattr(original, "pgcode", None) in LOST_RACE_CODES
