"""The database: one peewee proxy the models use, bound to a real database per app."""
import fcntl
import os
import sqlite3
import threading
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import parse_qsl, urlparse

import peewee
from playhouse.pool import PooledPostgresqlDatabase, PooledSqliteDatabase

from .concurrency import in_background, offload

db = peewee.DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "normal",
    "foreign_keys": 1,
    "busy_timeout": 10000,
    "cache_size": -32000,
    # Checkpoints run after the writer lock is released (_SqliteWriterLock); SQLite's own
    # would run inside a commit, fsyncs and all, while every other writer waits. This one is
    # the backstop for writers that don't take the lock (a CLI's bulk load).
    "wal_autocheckpoint": 10000,
}
CHECKPOINT_EVERY = 100  # commits of one process between checkpoints


def utcnow():
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class ScaledDecimalField(peewee.BigIntegerField):
    """A Decimal stored as a scaled integer, exact on SQLite and PostgreSQL alike."""

    scale = 1000

    def db_value(self, value):
        if value is None:
            return None
        return int((Decimal(value) * self.scale).to_integral_value(ROUND_HALF_UP))

    def python_value(self, value):
        if value is None:
            return None
        return (Decimal(int(value)) / self.scale).normalize() + Decimal(0)


class QuantityField(ScaledDecimalField):
    """A stock quantity, to 0.001 of a unit."""

    scale = 1000


class MoneyField(ScaledDecimalField):
    """An amount or unit cost, to 0.0001."""

    scale = 10000


class UtcDateTimeField(peewee.DateTimeField):
    """A timestamp stored as ISO text in UTC; always comes back timezone-aware."""

    field_type = "TEXT"

    def db_value(self, value):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def python_value(self, value):
        if value is None or isinstance(value, datetime):
            return value
        return datetime.fromisoformat(value)


# Set by backend.audit: observe(query, run) runs every model INSERT/UPDATE/DELETE query and
# sees the rows before and after, for the audit trail's before/after of changed records;
# row_observer.watching(model) says whether insert_row/update_row must report to
# row_observer.note(model, key, before, after) (row data dicts; before None for an insert).
write_observer = None
row_observer = None


class _ObservedWrite:
    def _execute(self, database):
        run = super()._execute
        if write_observer is None:
            return run(database)
        return write_observer(self, lambda: run(database))


class ObservedUpdate(_ObservedWrite, peewee.ModelUpdate):
    """An UPDATE the audit trail sees."""


class ObservedInsert(_ObservedWrite, peewee.ModelInsert):
    """An INSERT the audit trail sees."""


class ObservedDelete(_ObservedWrite, peewee.ModelDelete):
    """A DELETE the audit trail sees."""


class BaseModel(peewee.Model):
    """Base of every table; create/save/delete_instance and update/insert/delete queries are
    all built from the three observed queries (raw SQL is not)."""

    class Meta:
        database = db
        legacy_table_names = False

    @classmethod
    def update(cls, __data=None, **update):
        return ObservedUpdate(cls, cls._normalize_data(__data, update))

    @classmethod
    def insert(cls, __data=None, **insert):
        return ObservedInsert(cls, cls._normalize_data(__data, insert))

    @classmethod
    def insert_many(cls, rows, fields=None):
        return ObservedInsert(cls, insert=rows, columns=fields)

    @classmethod
    def delete(cls):
        return ObservedDelete(cls)


class _SqliteWriterLock:
    """Serialises writers before BEGIN IMMEDIATE: threads queue on a lock, processes on flock.

    SQLite's own busy handler sleeps in growing steps and serves waiters unfairly; waiting
    on a kernel lock wakes the next writer as soon as the last one commits. Every
    CHECKPOINT_EVERY commits, a checkpoint starts in the background.
    """

    def __init__(self, path):
        self._thread_lock = threading.Lock()
        self._path = path + ".writer-lock"
        self._fd = None
        self._pid = None
        self._commits = 0
        self._checkpointing = False
        self._checkpointer = None  # (pid, connection)
        self._database = path

    def _file(self):
        if self._pid != os.getpid():  # a forked worker needs its own open file
            self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
            self._pid = os.getpid()
        return self._fd

    @contextmanager
    def held(self):
        with self._thread_lock:
            fd = self._file()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:  # another process writes: wait without stalling this one
                offload(fcntl.flock, fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        self._commits += 1
        if self._commits % CHECKPOINT_EVERY == 0 and not self._checkpointing:
            self._checkpointing = True
            in_background(self._checkpoint)

    def _checkpoint(self):
        """Copy the WAL into the database in a thread of its own, on a connection of its own.

        PASSIVE copies what it can without blocking writers, who go on appending; the fsyncs
        happen here rather than inside some request's commit.
        """
        try:
            if self._checkpointer is None or self._checkpointer[0] != os.getpid():
                self._checkpointer = (os.getpid(), sqlite3.connect(self._database,
                                                                   check_same_thread=False))
            self._checkpointer[1].execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            self._checkpointing = False


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
    """Make the peewee database a URL names: sqlite:///path or postgresql://..."""
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
        database.writer_lock = _SqliteWriterLock(os.path.abspath(path))
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


_placeholders = {}


def run_sql(sql, params=()):
    """Execute hand-written SQL ("?" placeholders, made the driver's on first use); the cursor.

    Hot paths (scans) use this: building a peewee query costs more than running it.
    """
    key = (sql, db.obj.param)
    text = _placeholders.get(key)
    if text is None:
        text = _placeholders[key] = sql.replace("?", db.obj.param)
    return db.execute_sql(text, params)


def _columns(model):
    meta = model._meta
    if "column_list" not in meta.__dict__:  # cached per model
        meta.column_list = ", ".join(f'"{f.column_name}"' for f in meta.sorted_fields)
    return meta.column_list


def _select_of(model):
    meta = model._meta
    if "select_sql" not in meta.__dict__:  # cached per model
        meta.select_sql = f'SELECT {_columns(model)} FROM "{meta.table_name}" WHERE '
    return meta.select_sql


# The row lock of every locking read on PostgreSQL. Not FOR UPDATE: that one also blocks the
# FOR KEY SHARE lock that a foreign-key check takes, so a receipt locking a product (for its
# moving-average cost) and a pick inserting a stock move of that product while holding the
# bin's balance deadlocked. We never change a key, so NO KEY UPDATE serialises the writers of
# a row and lets rows that merely reference it be written.
ROW_LOCK = "FOR NO KEY UPDATE"


def fetch(model, where, params=(), lock=False):
    """Instances of `model` that a hand-written WHERE ("?" placeholders) selects.

    The hot paths' reads: as cheap as run_sql, and they return ordinary model instances.
    `lock` adds ROW_LOCK on PostgreSQL (SQLite writers are serialised by the writer lock).
    """
    sql = _select_of(model) + where
    if lock and not is_sqlite():
        sql += " " + ROW_LOCK
    return [_instance(model, row) for row in run_sql(sql, params)]


def _row_data(model, row):
    return {f.name: f.python_value(v) for f, v in zip(model._meta.sorted_fields, row)}


def _instance(model, row):
    instance = model(__no_default__=True)
    instance.__data__ = _row_data(model, row)
    return instance


def _insert_sql(model, names):
    meta = model._meta
    cache = meta.__dict__.setdefault("insert_sql", {})
    if names not in cache:
        columns = ", ".join(f'"{meta.fields[n].column_name}"' for n in names)
        cache[names] = (f'INSERT INTO "{meta.table_name}" ({columns}) '
                        f'VALUES ({", ".join("?" * len(names))}) '
                        f'RETURNING "{meta.primary_key.column_name}"')
    return cache[names]


def _watched(model):
    return row_observer is not None and row_observer.watching(model)


def insert_row(model, **values):
    """INSERT one row with cached hand-written SQL, field defaults filled in; its id.

    For the scan hot paths (a built peewee INSERT costs more than running it); the audit
    trail sees it as it sees model.create().
    """
    meta = model._meta
    data = dict(values)
    for field in meta.sorted_fields:
        if field.name not in data and field.default is not None and field is not meta.primary_key:
            data[field.name] = field.default() if callable(field.default) else field.default
    names = tuple(data)
    params = [meta.fields[n].db_value(data[n]) for n in names]
    key = run_sql(_insert_sql(model, names), params).fetchone()[0]
    if _watched(model):  # the row as a read would return it, without reading it
        stored = dict(zip(names, params), **{meta.primary_key.name: key})
        row_observer.note(model, key, None, {f.name: f.python_value(stored.get(f.name))
                                             for f in meta.sorted_fields})
    return key


def update_row(model, key, assignments, params=(), condition=None, condition_params=(),
               current=None):
    """UPDATE the row `key` with a hand-written SET clause ("?" placeholders), only if the
    extra `condition` holds when one is given; the number of rows changed (0 or 1).

    The audit trail sees it as it sees model.update(): the row before is read first, unless
    the caller passes `current`, the instance it read in this transaction with the row locked.
    """
    meta = model._meta
    sql = (f'UPDATE "{meta.table_name}" SET {assignments} '
           f'WHERE "{meta.primary_key.column_name}" = ?')
    if condition:
        sql += f" AND ({condition})"
    args = (*params, key, *condition_params)
    if not _watched(model):
        return run_sql(sql, args).rowcount
    before = current.__data__ if current is not None else next(
        (i.__data__ for i in fetch(model, f'"{meta.primary_key.column_name}" = ?', (key,))), None)
    row = run_sql(f"{sql} RETURNING {_columns(model)}", args).fetchone()
    if row is None:
        return 0
    row_observer.note(model, key, before, _row_data(model, row))
    return 1


# PostgreSQL's SQLSTATEs for a transaction it aborted so that another could go on: a deadlock
# it broke, or a serialization failure. Running the transaction again is the cure.
LOST_RACE_CODES = {"40P01", "40001"}


def lost_a_race(error):
    """True when `error` (peewee's, wrapping the driver's) is PostgreSQL aborting a transaction
    to break a deadlock: nothing of it was kept, and it can simply run again."""
    original = error.__context__  # peewee raises its own error while handling the driver's
    return getattr(original, "pgcode", None) in LOST_RACE_CODES


def is_sqlite():
    """True when the bound database is SQLite."""
    return isinstance(db.obj, peewee.SqliteDatabase)


@contextmanager
def writing():
    """One all-or-nothing write transaction; on SQLite the writer lock is taken first."""
    if db.in_transaction():
        # Inside a request's (or caller's) transaction: a failure rolls the whole of it back,
        # so a savepoint per service call would only cost time.
        yield
        return
    lock = getattr(db.obj, "writer_lock", None)
    if lock is None:
        with db.atomic():
            yield
        return
    with lock.held():
        with db.atomic():
            yield
