"""Opening the database a DATABASE_URL names: sqlite:///path or postgresql://..."""
import os
from urllib.parse import parse_qsl, urlparse

from playhouse.pool import PooledPostgresqlDatabase, PooledSqliteDatabase

from .writer_lock import SqliteWriterLock

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "normal",
    "foreign_keys": 1,
    "busy_timeout": 10000,
    "cache_size": -32000,
    # Checkpoints run after the writer lock is released (SqliteWriterLock); SQLite's own
    # would run inside a commit, fsyncs and all, while every other writer waits. This one is
    # the backstop for writers that don't take the lock (a CLI's bulk load).
    "wal_autocheckpoint": 10000,
}


def _private_files(path):
    """The database's folder (when we make it) 700, and its file 600 before SQLite opens it:
    SQLite gives the WAL and shared-memory files the database file's permissions."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, mode=0o700, exist_ok=True)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    for name in (path, path + "-wal", path + "-shm"):
        try:
            os.chmod(name, 0o600)
        except (FileNotFoundError, PermissionError):  # not made yet, or another account's
            pass


def open_database(url, pool_size=20):
    """Make the peewee database a URL names; ValueError for another scheme."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else parsed.path
        _private_files(path)
        # Pooled: a request hands its connection back rather than closing it (closing the
        # last one checkpoints and drops the WAL), and under gevent the greenlets of short
        # HTTP connections share a few rather than each opening its own. `timeout` is the
        # wait for a free one; SQLite's own busy timeout is the pragma.
        database = PooledSqliteDatabase(path, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE",
                                        timeout=10, max_connections=pool_size,
                                        stale_timeout=None, check_same_thread=False)
        database.writer_lock = SqliteWriterLock(os.path.abspath(path))
        return database
    if parsed.scheme in ("postgres", "postgresql"):
        options = dict(parse_qsl(parsed.query))
        database = PooledPostgresqlDatabase(
            parsed.path.lstrip("/"), user=parsed.username, password=parsed.password,
            host=parsed.hostname, port=parsed.port or 5432, max_connections=pool_size,
            stale_timeout=300, timeout=30, **options)
        database.writer_lock = None
        return database
    raise ValueError(f"DATABASE_URL scheme {parsed.scheme!r} is not supported")
