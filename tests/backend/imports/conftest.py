"""Helpers for import tests: files built in memory, uploaded through the real API."""
import csv
import io

import openpyxl
import pytest


def csv_bytes(rows, encoding="utf-8"):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(api, entity, data, name="file.csv", dry_run=False, key=None, raw=False, mode=None):
    """POST the file to /api/v1/imports/<entity> (multipart, or raw: the body is the file;
    `mode` "upsert" or "create" when given); the response."""
    query = [q for q in ("dry_run=true" if dry_run else None, mode and f"mode={mode}") if q]
    url = f"/api/v1/imports/{entity}" + ("?" + "&".join(query) if query else "")
    if raw:
        return api.post(url, data=data, content_type="application/octet-stream", key=key)
    return api.post(url, data={"file": (io.BytesIO(data), name)},
                    content_type="multipart/form-data", key=key)


@pytest.fixture
def problems_of():
    """(row, column, code) of each problem in an import answer."""
    def of(body):
        found = body.get("problems") or body.get("error", {}).get("problems", [])
        return {(p["row"], p["column"], p["code"]) for p in found}
    return of


@pytest.fixture
def other_api(app, tmp_path):
    """A client of a second app on a fresh SQLite file (as on another machine), for round trips:
    the database handle is global, so it is given back to the test's own app afterwards."""
    from backend import create_app
    from backend.auth.models import User
    from backend.auth.tokens import issue_token
    from backend.db import db
    from backend.migrations import migrate
    from config import Settings
    from tests.conftest import ApiClient, buffered_client
    own = db.obj
    other = create_app(Settings(database_url=f"sqlite:///{tmp_path}/other.db", testing=True))
    other.test_client_class = buffered_client()
    with other.app_context():
        migrate()
        user = User.create(username="admin", display_name="Admin", role="admin")
        other.extensions["test_tokens"] = {"admin": issue_token("t", "admin", user_id=user.id)[1]}
    client = ApiClient(other.test_client(), "admin")

    class Switch:
        """Run the other app's requests with its database bound."""

        def __getattr__(self, name):
            def call(*args, **kwargs):
                mine = db.obj
                db.initialize(other_db)
                try:
                    return getattr(client, name)(*args, **kwargs)
                finally:
                    db.initialize(mine)
            return call
    other_db = db.obj
    db.initialize(own)
    yield Switch()
    other_db.close()
