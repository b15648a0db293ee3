"""gunicorn settings; PORT, WEB_WORKERS, WEB_WORKER_CLASS and WEB_CONNECTIONS come from the environment.

The gevent worker: each connection (a request, or a Socket.IO websocket) is a greenlet, so
thousands of phones can hold a socket open, and a request never waits for the GIL behind 31
idle threads (bench/ledger.py: 2.2x the trivial rate and 1.5x the moves of gthread on one worker).
"""
import os

bind = "0.0.0.0:" + os.environ.get("PORT", "8000")
# One worker by default: Socket.IO without Redis needs every client on one process.
workers = int(os.environ.get("WEB_WORKERS", "1"))
worker_class = os.environ.get("WEB_WORKER_CLASS", "gevent")
worker_connections = int(os.environ.get("WEB_CONNECTIONS", "1000"))
threads = int(os.environ.get("WEB_THREADS", "32"))  # gthread only
timeout = 60
graceful_timeout = 10
accesslog = os.environ.get("ACCESS_LOG") or None
control_socket_disable = True
# Each worker listens on its own socket and the kernel spreads new connections over them
# (on one shared socket, the first worker to wake took all 16 of the benchmark's clients).
reuse_port = True


def post_worker_init(worker):
    """Under gevent, PostgreSQL waits yield to other greenlets instead of blocking the worker."""
    if worker_class == "gevent":
        from psycogreen.gevent import patch_psycopg
        patch_psycopg()
