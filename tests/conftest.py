"""Fixtures shared by every test: a real database (SQLite file or PostgreSQL schema) per test."""
import os
import uuid
from contextlib import contextmanager

import pytest

PG_BASE = os.environ.get("TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
IN_CI = os.environ.get("CI", "").lower() == "true"


def _pg_available():
    import psycopg2
    try:
        psycopg2.connect(PG_BASE, connect_timeout=3).close()
        return True
    except psycopg2.OperationalError:
        return False


def require_postgres():
    """Skip (or, under CI, fail) a test when PostgreSQL is not reachable."""
    if not _pg_available():
        if IN_CI:
            pytest.fail(f"PostgreSQL is required under CI and is not reachable at {PG_BASE}")
        pytest.skip(f"PostgreSQL not reachable at {PG_BASE}")


@contextmanager
def fresh_pg_schema():
    """A new, empty PostgreSQL schema of the test database, dropped afterwards; its name."""
    import psycopg2
    require_postgres()
    name = f"t_{uuid.uuid4().hex[:12]}"
    conn = psycopg2.connect(PG_BASE)
    conn.autocommit = True
    conn.cursor().execute(f'CREATE SCHEMA "{name}"')
    try:
        yield name
    finally:
        conn.cursor().execute(f'DROP SCHEMA "{name}" CASCADE')
        conn.close()


@pytest.fixture(scope="session")
def pg_schema():
    """A PostgreSQL schema of its own for this test session, dropped at the end."""
    with fresh_pg_schema() as name:
        yield name


def pg_url(schema):
    """The DATABASE_URL for one schema of the test database."""
    return f"{PG_BASE}?options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request, tmp_path):
    """Each test runs once on a fresh SQLite file and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/stocktap.db"
    schema = request.getfixturevalue("pg_schema")
    return pg_url(schema)


def _empty_postgres():
    from backend.db import db
    tables = [r[0] for r in db.execute_sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").fetchall()]
    keep = {"schema_version"}
    wipe = [f'"{t}"' for t in tables if t not in keep]
    if wipe:
        db.execute_sql(f"TRUNCATE {', '.join(wipe)} RESTART IDENTITY CASCADE")


@pytest.fixture
def app(database_url):
    """The real app on a real, empty, migrated database; the ledger is checked afterwards."""
    from backend import create_app
    from backend.db import db
    from backend.migrations import migrate
    from backend.stock.ledger import ledger_discrepancies
    from config import Settings
    app = create_app(Settings(database_url=database_url, testing=True))
    with app.app_context():
        migrate()
        if database_url.startswith("postgres"):
            _empty_postgres()
    yield app
    with app.app_context():
        assert ledger_discrepancies() == [], "stock moves and balances disagree"
        db.close_all() if hasattr(db.obj, "close_all") else db.close()


TEST_USERS = (("admin", "Admin", "admin"), ("boss", "Manager", "manager"),
              ("picker", "Picker", "warehouse"))


def auth_headers(app, username):
    """Bearer headers of a test user's API token (made by the `api` fixture)."""
    token = app.extensions.get("test_tokens", {}).get(username, "stk_no-such-token")
    return {"Authorization": f"Bearer {token}"}


class ApiClient:
    """The Flask test client with JSON helpers and an idempotency key on every write.

    It signs in for real: each test user has an API token, sent as a bearer token."""

    def __init__(self, client, user=None, device="test-device"):
        self.client = client
        self.user = user
        self.headers = {"X-Device": device}
        if user:
            self.headers.update(auth_headers(client.application, user))

    def as_user(self, username):
        """The same client acting as another user (an unknown name gets a token nobody has)."""
        return ApiClient(self.client, username, self.headers["X-Device"])

    def get(self, url, **kw):
        return self.client.get(url, headers=self.headers, **kw)

    def _write(self, method, url, json=None, key=None, **kw):
        headers = dict(self.headers, **{"Idempotency-Key": key or uuid.uuid4().hex})
        return getattr(self.client, method)(url, json=json, headers=headers, **kw)

    def post(self, url, json=None, **kw):
        return self._write("post", url, json, **kw)

    def put(self, url, json=None, **kw):
        return self._write("put", url, json, **kw)

    def patch(self, url, json=None, **kw):
        return self._write("patch", url, json, **kw)

    def delete(self, url, **kw):
        return self._write("delete", url, None, **kw)


@pytest.fixture
def api(app):
    """An API client acting as the admin user; boss (manager) and picker (warehouse) exist too."""
    from backend.auth.models import User
    from backend.auth.tokens import issue_token
    tokens = app.extensions.setdefault("test_tokens", {})
    with app.app_context():
        for username, display_name, role in TEST_USERS:
            user = User.create(username=username, display_name=display_name, role=role)
            tokens[username] = issue_token(f"tests-{username}", role, user_id=user.id)[1]
    return ApiClient(app.test_client(), "admin")


def _free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(database_url, **env):
    """Start the real app under gunicorn (4 workers, as configured) on a database, in a process
    group of its own; (process, URL) once it answers. `env` adds settings (REDIS_URL, ...)."""
    import subprocess
    import sys
    import time

    import requests
    port = _free_port()
    env = dict(os.environ, DATABASE_URL=database_url, PORT=str(port), WEB_WORKERS="4",
               PYTHONPATH=os.getcwd()) | env
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "--bind",
         f"127.0.0.1:{port}", "backend:create_app()"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(url + "/healthz", timeout=5).status_code == 200:
                return proc, url
        except requests.RequestException:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("gunicorn did not start: " + proc.stderr.read().decode()[-2000:])
        time.sleep(0.1)


@contextmanager
def serve(database_url, **env):
    """The real app under gunicorn (see start_server) for a `with` block; yields its URL."""
    proc, url = start_server(database_url, **env)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        proc.stderr.close()  # left open, it is reported as unraisable during a later test


@pytest.fixture
def live_server(api, database_url):
    """The real app under gunicorn (4 workers) on the test's database; yields its URL."""
    with serve(database_url) as url:
        yield url


@pytest.fixture
def redis_url():
    """An emptied Redis database of the tests' own (production mode's shared state)."""
    import redis
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError:
        if IN_CI:
            pytest.fail(f"Redis is required under CI and is not reachable at {REDIS_URL}")
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    client.flushdb()
    yield REDIS_URL
    client.flushdb()


def hammer(url, requests_to_send, threads=16):
    """Send (method, path, json, headers) tuples at once from many threads; returns responses."""
    import threading

    import requests
    barrier = threading.Barrier(min(threads, len(requests_to_send)))
    results = [None] * len(requests_to_send)

    def send(i):
        method, path, body, headers = requests_to_send[i]
        with requests.Session() as session:
            if i < barrier.parties:
                barrier.wait()
            results[i] = session.request(method, url + path, json=body, headers=headers, timeout=60)

    workers = [threading.Thread(target=send, args=(i,)) for i in range(len(requests_to_send))]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return results
