"""Sync benchmark: one device's 1,000 queued scans drained one by one and in batches.

Starts the real server (gunicorn, config/gunicorn.conf.py, as bench/ledger.py does) on a fresh
database, then, in the same run, drains 1,000 queued scan operations (receipt lines and picks,
alternating, each with its own Idempotency-Key) from one keep-alive connection:
    one by one    each operation its own request, as the outbox sent them before batches
    batched       POST /api/v1/batch, --batch operations per request, as the outbox sends them
Afterwards every batch is sent again (a device that lost the answers) and must change nothing.
Exactly once: the orders' received and picked quantities grew by exactly the operations
applied, every operation answered 201, replays answered the same, and the ledger agrees with
the balances.

    python bench/sync.py [--ops 1000] [--batch 100] [--rounds 1] [--database-url URL]

The last line is one JSON object: {"ops", "one_by_one_s", "batched_s", "exactly_once"} (with
--rounds N, the medians of N alternations).
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid

import requests

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from bench.ledger import start_server  # noqa: E402
from bench.setup import check_invariants, seed_for_bench  # noqa: E402


def queued_scans(plan, count):
    """`count` operations as the outbox holds them: receipt lines and picks, alternating."""
    receipt = {"lines": [{"order_line_id": plan["po_line_id"], "qty": 1,
                          "location_id": plan["location_id"]}]}
    pick = {"order_line_id": plan["so_line_id"], "qty": 1, "location_id": plan["location_id"]}
    return [{"id": str(i), "method": "POST", "idempotency_key": uuid.uuid4().hex,
             "path": plan["receipt_path"] if i % 2 == 0 else plan["pick_path"],
             "body": receipt if i % 2 == 0 else pick} for i in range(count)]


def one_by_one(session, base, ops):
    statuses = []
    for op in ops:
        response = session.post(base + op["path"], json=op["body"],
                                headers={"Idempotency-Key": op["idempotency_key"]})
        statuses.append(response.status_code)
    return statuses


def batched(session, base, ops, size):
    statuses = []
    for start in range(0, len(ops), size):
        response = session.post(base + "/api/v1/batch", json={"operations": ops[start:start + size]})
        response.raise_for_status()
        statuses += [answer["status"] for answer in response.json()["results"]]
    return statuses


def done_so_far(session, base, plan):
    """(received, picked) on the bench's two order lines."""
    po = session.get(base + plan["receipt_path"].rsplit("/", 1)[0]).json()
    so = session.get(base + plan["pick_path"].rsplit("/", 1)[0]).json()
    received = next(l["qty_received"] for l in po["lines"] if l["id"] == plan["po_line_id"])
    picked = next(l["qty_picked"] for l in so["lines"] if l["id"] == plan["so_line_id"])
    return received, picked


def drain(session, base, plan, ops, send):
    """Seconds to send `ops` with `send`, and whether each took effect exactly once."""
    before = done_so_far(session, base, plan)
    started = time.perf_counter()
    statuses = send(ops)
    seconds = time.perf_counter() - started
    after = done_so_far(session, base, plan)
    receipts = sum(1 for op in ops if op["path"] == plan["receipt_path"])
    once = (statuses == [201] * len(ops)
            and (after[0] - before[0], after[1] - before[1]) == (receipts, len(ops) - receipts))
    return seconds, once


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="stocktap-bench-")
    url = args.database_url or f"sqlite:///{tmp}/bench.db"
    plan, headers = seed_for_bench(url)
    proc = start_server(url, args.port, 1, 32)
    base = f"http://127.0.0.1:{args.port}"
    session = requests.Session()
    session.headers.update(headers)
    figures, once = {"one_by_one": [], "batched": []}, True
    try:
        drain(session, base, plan, queued_scans(plan, 50), lambda ops: one_by_one(session, base, ops))
        print(f"{args.ops} queued scans from one device, {url.split(':')[0]}, "
              f"batches of {args.batch}")
        for _ in range(args.rounds):
            for name, send in (("one_by_one", lambda ops: one_by_one(session, base, ops)),
                               ("batched", lambda ops: batched(session, base, ops, args.batch))):
                ops = queued_scans(plan, args.ops)
                seconds, exact = drain(session, base, plan, ops, send)
                if name == "batched":  # the answers were lost: the device sends it all again
                    before = done_so_far(session, base, plan)
                    replayed = batched(session, base, ops, args.batch)
                    unchanged = done_so_far(session, base, plan) == before
                    print(f"  the same batches again: every answer replayed "
                          f"{replayed == [201] * len(ops)}, nothing changed {unchanged}")
                    exact = exact and unchanged and replayed == [201] * len(ops)
                figures[name].append(seconds)
                once = once and exact
                print(f"{name:<11} {seconds:7.2f} s {args.ops / seconds:9.0f} ops/s   "
                      f"exactly once: {exact}")
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    problems = check_invariants(url)
    print("ledger invariant:", "ok" if not problems else f"BROKEN {problems[:5]}")
    print(json.dumps({"ops": args.ops,
                      "one_by_one_s": round(statistics.median(figures["one_by_one"]), 3),
                      "batched_s": round(statistics.median(figures["batched"]), 3),
                      "exactly_once": once and not problems}))


if __name__ == "__main__":
    main()
