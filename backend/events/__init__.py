"""Live events: every event a request emits is kept with a cursor, sent after commit, and
read again by a client that missed it (catch-up on reconnect, or GET /api/v1/events)."""
