"""gunicorn settings; PORT, WEB_WORKERS, WEB_WORKER_CLASS, WEB_CONNECTIONS from the environment.

gevent workers: each connection (a request, or a Socket.IO websocket) is a greenlet, so a
thousand phones can hold a socket open, and a request never waits for the GIL behind idle
threads (bench/ledger.py, one worker: the trivial rate 2.2x and the moves 1.5x gthread's).
gevent's own HTTP server (gevent_pywsgi) beats gunicorn's parser on gevent (-k gevent):
moves +12% and p99 41 against 59 ms, trivial requests +16% (three interleaved rounds).
"""
import os

bind = "0.0.0.0:" + os.environ.get("PORT", "8000")
# One worker by default: Socket.IO without Redis needs every client on one process.
workers = int(os.environ.get("WEB_WORKERS", "1"))
worker_class = os.environ.get("WEB_WORKER_CLASS", "gevent_pywsgi")
worker_connections = int(os.environ.get("WEB_CONNECTIONS", "1000"))
threads = int(os.environ.get("WEB_THREADS", "32"))  # gthread only
timeout = 60
graceful_timeout = 10
accesslog = os.environ.get("ACCESS_LOG") or None
control_socket_disable = True
# With several workers, each listens on its own socket and the kernel spreads new connections
# over them (on one shared socket the first worker to wake took all 16 of bench/ledger.py's
# clients). One worker keeps the plain socket: a second server on the port fails loudly.
reuse_port = workers > 1


# gunicorn's own start-up lines ("Listening at: http://0.0.0.0:8000") name an address to
# bind, not one to open: passkeys fail on a bare IP address. when_ready says the one to open.
loglevel = os.environ.get("LOG_LEVEL", "warning")


def when_ready(server):
    """Print the address to open (PUBLIC_URL's), and where phones go."""
    from config import Settings
    url = Settings().public_url
    print(f"Stocktap is ready: open {url}", flush=True)
    if url.startswith("http://"):
        print("This address works on this computer only. For phones on your network, stop "
              "and run `make run-https` instead.", flush=True)


def post_worker_init(worker):
    """Under gevent, PostgreSQL waits yield to other greenlets instead of blocking the worker."""
    if worker_class.startswith("gevent"):
        from psycogreen.gevent import patch_psycopg
        patch_psycopg()
