"""Repeat suppression for the video stream of one device."""


class SeenCodes:
    """Reports a code once, and again only after it has been out of view for `forget_after` frames."""

    def __init__(self, forget_after=15):
        if forget_after < 1:
            raise ValueError("forget_after must be at least 1 frame")
        self.forget_after = forget_after
        self._frame = 0
        self._last_seen = {}

    def update(self, readings):
        """Feed one frame's readings; return those that are new (in the order given)."""
        self._frame += 1
        fresh = []
        for reading in readings:
            last = self._last_seen.get(reading.key)
            if last != self._frame and (last is None or self._frame - last > self.forget_after):
                fresh.append(reading)
            self._last_seen[reading.key] = self._frame
        self._forget_stale()
        return fresh

    def _forget_stale(self):
        """Drop codes gone long enough, so memory stays bounded on a long session."""
        horizon = self._frame - self.forget_after
        for key in [k for k, last in self._last_seen.items() if last < horizon]:
            del self._last_seen[key]

    def reset(self):
        """Forget everything (e.g. the user switched document)."""
        self._last_seen.clear()
