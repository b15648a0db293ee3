"""The import benchmark (not a test): python bench/imports.py [--rows 50000] [--database-url URL]
[--upsert [--repeat 3]]

Times, in-process through the real app and a fresh database each: the dry run and the real
import of N products with a barcode each, as CSV and as XLSX. The baseline, in the same run:
1,000 of the same products created one by one through POST /api/v1/products, extrapolated to
N. The last line is JSON.

--upsert times mode=upsert instead, as CSV, beside the create import of the same N rows run
just before on the same database (the baseline): (a) every row updates an existing product
(new name and price, its barcode already held), (b) half the rows update, half create. Each
figure is the median of --repeat runs; the ratios are upsert over create.
"""
import argparse
import csv
import io
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HEADER = ["sku", "name", "unit", "category", "cost", "price", "barcodes"]
BASELINE_ROWS = 1000


def ean13(n):
    from backend.catalog.codes import gtin_check_digit
    body = f"20{n:010d}"
    return body + str(gtin_check_digit(body))


def product_rows(count):
    return [[f"SKU-{n:06d}", f"Product {n} 产品", "pcs", f"Category {n % 20}",
             f"{n % 97}.25", f"{n % 89 + 1}.50", ean13(n)] for n in range(count)]


def as_csv(rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([HEADER] + rows)
    return out.getvalue().encode()


def as_xlsx(rows):
    """A workbook as Excel saves one (shared strings, which openpyxl reads faster than the
    inline strings of its write-only mode)."""
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [HEADER] + rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def fresh_app(database_url):
    """The app on an empty, migrated database with an admin token; (client, headers)."""
    from backend import create_app
    from backend.auth.models import User
    from backend.auth.tokens import issue_token
    from backend.migrations import migrate
    from config import Settings
    app = create_app(Settings(database_url=database_url))
    with app.app_context():
        migrate()
        user = User.create(username="bench", display_name="Bench", role="admin")
        secret = issue_token("bench", "admin", user_id=user.id)[1]
    return app.test_client(), {"Authorization": f"Bearer {secret}", "X-Device": "bench"}


def changed_rows(rows):
    """The same products renamed and repriced (the barcode kept): each row an update."""
    return [[sku, f"{name} v2", unit, category, cost, f"{float(price) + 1:.2f}", code]
            for sku, name, unit, category, cost, price, code in rows]


def timed_import(client, headers, data, dry_run, mode=None):
    query = [q for q in ("dry_run=true" if dry_run else None, mode and f"mode={mode}") if q]
    url = "/api/v1/imports/products" + ("?" + "&".join(query) if query else "")
    started = time.perf_counter()
    response = client.post(url, data=data, content_type="application/octet-stream",
                           headers=dict(headers, **{"Idempotency-Key": uuid.uuid4().hex}))
    seconds = time.perf_counter() - started
    body = response.get_json()
    assert response.status_code == 200 and body["problem_count"] == 0, body
    return seconds, body


def one_by_one(client, headers, rows):
    started = time.perf_counter()
    for sku, name, unit, category, cost, price, code in rows:
        response = client.post("/api/v1/products", json={
            "sku": sku, "name": name, "unit": unit, "category": category, "cost": cost,
            "price": price, "barcodes": [{"code": code}]},
            headers=dict(headers, **{"Idempotency-Key": uuid.uuid4().hex}))
        assert response.status_code == 201, response.get_json()
    return time.perf_counter() - started


def upsert_runs(args, tmp, run):
    """One run: (create s, all-update upsert s, half-update half-create upsert s)."""
    rows = product_rows(args.rows)
    created, changed = as_csv(rows), as_csv(changed_rows(rows))
    client, headers = fresh_app(_url(args, tmp, f"upsert-all-{run}"))
    create, _ = timed_import(client, headers, created, dry_run=False)
    every, body = timed_import(client, headers, changed, dry_run=False, mode="upsert")
    assert body["updated"] == args.rows, body["updated"]
    client, headers = fresh_app(_url(args, tmp, f"upsert-half-{run}"))
    timed_import(client, headers, as_csv(rows[:args.rows // 2]), dry_run=False)
    half, body = timed_import(client, headers, changed, dry_run=False, mode="upsert")
    assert (body["updated"], body["created"]) == (args.rows // 2, args.rows - args.rows // 2)
    return create, every, half


def upsert_section(args, tmp):
    """Time mode=upsert beside create in the same run; print medians, ratios and a JSON line."""
    runs = []
    for run in range(args.repeat):
        runs.append(upsert_runs(args, tmp, run))
        create, every, half = runs[-1]
        print(f"run {run + 1}: create {create:6.1f} s   upsert all-update {every:6.1f} s "
              f"({every / create:.1f}x)   half/half {half:6.1f} s ({half / create:.1f}x)")
    create, every, half = (statistics.median(figures) for figures in zip(*runs))
    every_ratio = statistics.median(r[1] / r[0] for r in runs)
    half_ratio = statistics.median(r[2] / r[0] for r in runs)
    print(f"median of {args.repeat}, {args.rows} rows CSV: create {create:.1f} s, upsert "
          f"all-update {every:.1f} s ({every_ratio:.1f}x), half/half {half:.1f} s ({half_ratio:.1f}x)")
    print(json.dumps({"rows": args.rows, "repeat": args.repeat, "create_s": round(create, 2),
                      "upsert_all_update_s": round(every, 2), "upsert_half_s": round(half, 2),
                      "all_update_ratio": round(every_ratio, 2), "half_ratio": round(half_ratio, 2),
                      "database": "postgresql" if args.database_url else "sqlite"}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--database-url", default=None,
                        help="a PostgreSQL URL (each run empties its tables); default: SQLite files")
    parser.add_argument("--upsert", action="store_true",
                        help="time mode=upsert beside create (CSV) instead of the create section")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the upsert section")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="stocktap-bench-imports-")
    if args.upsert:
        return upsert_section(args, tmp)
    rows = product_rows(args.rows)
    files = {"csv": as_csv(rows), "xlsx": as_xlsx(rows)}
    print(f"{args.rows} products: CSV {len(files['csv']) / 1e6:.1f} MB, "
          f"XLSX {len(files['xlsx']) / 1e6:.1f} MB")
    results = {}
    for kind, data in files.items():
        client, headers = fresh_app(_url(args, tmp, kind))
        dry, _ = timed_import(client, headers, data, dry_run=True)
        real, body = timed_import(client, headers, data, dry_run=False)
        assert body["imported"] == args.rows
        results[kind] = (dry, real)
        print(f"{kind:<5} dry run {dry:7.1f} s   import {real:7.1f} s")
    client, headers = fresh_app(_url(args, tmp, "baseline"))
    baseline = one_by_one(client, headers, rows[:BASELINE_ROWS]) * args.rows / BASELINE_ROWS
    print(f"baseline: {BASELINE_ROWS} products one by one through POST /api/v1/products, "
          f"extrapolated to {args.rows}: {baseline:.1f} s")
    print(json.dumps({"rows": args.rows, "csv_dry_run_s": round(results["csv"][0], 2),
                      "csv_import_s": round(results["csv"][1], 2),
                      "xlsx_dry_run_s": round(results["xlsx"][0], 2),
                      "xlsx_import_s": round(results["xlsx"][1], 2),
                      "baseline_one_by_one_s": round(baseline, 1),
                      "database": "postgresql" if args.database_url else "sqlite"}))


def _url(args, tmp, name):
    if args.database_url:
        from backend.db import db
        if db.obj is not None:  # the previous run's rows go
            db.execute_sql("TRUNCATE audit_entry, barcode, product, category, idempotency_key, "
                           "api_token, \"user\" RESTART IDENTITY CASCADE")
        return args.database_url
    return f"sqlite:///{tmp}/{name}.db"


if __name__ == "__main__":
    main()
