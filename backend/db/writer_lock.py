"""SQLite's writers queue on a kernel lock before BEGIN IMMEDIATE; checkpoints run behind."""
import fcntl
import os
import sqlite3
import threading
from contextlib import contextmanager

from ..concurrency import in_background, offload

CHECKPOINT_EVERY = 100  # commits of one process between checkpoints


class SqliteWriterLock:
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
