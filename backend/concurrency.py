"""Blocking work under gunicorn's gevent worker: where it runs so that the other requests go on.

Outside gevent (tests, the CLI, a gthread worker) these are plain calls and threads.
"""
import threading
from contextlib import contextmanager


def under_gevent():
    """True in a gunicorn gevent worker (the standard library is monkey-patched)."""
    try:
        from gevent import monkey
    except ImportError:
        return False
    return monkey.is_module_patched("socket")


def offload(function, *args, **kwargs):
    """Call `function` in a real thread and wait for it (this greenlet only): for native work
    that blocks (decoding a camera frame, waiting on a file lock); a plain call outside gevent."""
    if not under_gevent():
        return function(*args, **kwargs)
    import gevent
    return gevent.get_hub().threadpool.apply(function, args, kwargs)


def in_background(function, *args):
    """Start `function` in a real thread and don't wait for it."""
    if under_gevent():
        import gevent
        gevent.get_hub().threadpool.spawn(function, *args)
    else:
        threading.Thread(target=function, args=args, daemon=True).start()


@contextmanager
def time_limit(seconds, exception):
    """Raise `exception` in this greenlet when the block outlasts `seconds` (under gevent,
    where waiting on a client's socket yields; elsewhere the block runs unbounded, and the
    server's own socket timeout applies)."""
    if not under_gevent():
        yield
        return
    import gevent
    with gevent.Timeout(seconds, exception):
        yield
