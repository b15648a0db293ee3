"""A job with a thread of its own in each server process: run every `seconds`, and at once
when woken. The thread starts on first use (after gevent, where used, has patched threading),
outlives a failing round, and closes its database connection after each round."""
import logging
import threading

from .db import db

log = logging.getLogger(__name__)


class Background:
    def __init__(self, name, seconds, job):
        self.name, self.seconds, self.job = name, seconds, job
        self.started = False
        self.lock = threading.Lock()
        self.wake_up = None  # made when started

    def start(self, *args):
        """Start the thread once: job(*args) every `seconds` from now on."""
        with self.lock:
            if not self.started:
                self.started = True
                self.wake_up = threading.Event()
                threading.Thread(target=self._run, args=args, daemon=True, name=self.name).start()

    def wake(self, *args):
        """Start the thread if need be, and have it run the job now."""
        self.start(*args)
        self.wake_up.set()

    def _run(self, *args):
        while True:
            self.wake_up.wait(self.seconds)
            self.wake_up.clear()
            try:
                self.job(*args)
            except Exception:  # noqa: BLE001 - the job outlives a bad moment of the database
                log.exception("%s failed; trying again later", self.name)
            finally:
                if not db.is_closed():
                    db.close()
