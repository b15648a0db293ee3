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


def upload(api, entity, data, name="file.csv", dry_run=False, key=None, raw=False):
    """POST the file to /api/v1/imports/<entity> (multipart, or raw: the body is the file);
    the response."""
    url = f"/api/v1/imports/{entity}" + ("?dry_run=true" if dry_run else "")
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
