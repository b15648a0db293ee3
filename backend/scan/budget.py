"""How many pixels this process decodes at once: camera frames and uploads share one budget.

A decoded image costs memory in proportion to its pixels (the grey image and the ladder's
variants of it), so a cap on the pixels in flight caps decoding's memory, however many
requests and sockets send images at once. Over the cap a decode is refused as busy (503,
Retry-After) rather than queued: a phone's next frame is worth more than a stale one.
"""
import threading
from contextlib import contextmanager

from ..errors import ApiError


class Busy(ApiError):
    """Too much is being decoded right now (503, with Retry-After)."""

    status = 503
    code = "busy"
    headers = {"Retry-After": "1"}


class PixelBudget:
    """A counter of pixels being decoded, with a ceiling; shared by the process's threads and
    greenlets (gevent patches threading's lock)."""

    def __init__(self, total):
        self.total = total
        self.in_use = 0
        self._lock = threading.Lock()

    @contextmanager
    def reserve(self, pixels):
        """Hold `pixels` of the budget while the block runs; Busy when they do not fit now."""
        with self._lock:
            if self.in_use + pixels > self.total:
                raise Busy("The server is decoding as many images as it can; send this one "
                           "again in a moment.")
            self.in_use += pixels
        try:
            yield
        finally:
            with self._lock:
                self.in_use -= pixels


decoding = PixelBudget(0)


def init_app(app, settings):
    """Set the process's budget from DECODE_PIXEL_BUDGET."""
    decoding.total = settings.decode_pixel_budget
