"""Ledger write benchmark: scan-sized stock moves through the real server under gunicorn.

Starts gunicorn on a fresh database, then drives it with 1, 4 and 16 keep-alive clients
posting receipt lines and picks (each with its own Idempotency-Key), and, in the same run,
a trivial endpoint of the same app as the baseline. Prints moves/s and p50/p99 latency;
the last line is one JSON object with the 16-client figures.

    python bench/ledger.py [--seconds 5] [--rounds 1] [--workers 1] [--threads 32]
                           [--database-url URL]

This machine is noisy: --rounds 3 alternates the two endpoints three times and prints medians.

The server runs with config/gunicorn.conf.py as `make run` does (gevent_pywsgi workers;
WEB_WORKER_CLASS=gthread in the environment measures the thread worker, --threads its pool).
"""
import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

import requests

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from bench.httpload import load, request_bytes  # noqa: E402
from bench.setup import seed_for_bench  # noqa: E402


def start_server(database_url, port, workers, threads):
    """gunicorn with the app's own config; returns the process once /healthz answers."""
    env = dict(os.environ, DATABASE_URL=database_url, PORT=str(port), WEB_WORKERS=str(workers),
               WEB_THREADS=str(threads), PO_APPROVAL_AMOUNT="1000000000000")
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py",
                             "--bind", f"127.0.0.1:{port}", "backend:create_app()"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).ok:
                return proc
        except requests.RequestException:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("gunicorn did not start")


def move_requests(plan, headers):
    """An endless alternation of receipt lines and picks, each with a fresh op id."""
    receipt = lambda: request_bytes(  # noqa: E731
        "POST", plan["receipt_path"], {"lines": [{"order_line_id": plan["po_line_id"], "qty": 1,
                                                  "location_id": plan["location_id"]}]},
        dict(headers, **{"Idempotency-Key": uuid.uuid4().hex}))
    pick = lambda: request_bytes(  # noqa: E731
        "POST", plan["pick_path"], {"order_line_id": plan["so_line_id"], "qty": 1,
                                    "location_id": plan["location_id"]},
        dict(headers, **{"Idempotency-Key": uuid.uuid4().hex}))
    turns = itertools.cycle([receipt, pick])
    return lambda: next(turns)()


def row(name, figures):
    bad = {k: v for k, v in figures["statuses"].items() if k >= 400}
    return (f"{name:<10} {figures['clients']:>7} {figures['per_s']:>10.0f} "
            f"{figures['p50_ms']:>8.2f} {figures['p99_ms']:>8.2f}   errors={bad or 0}")


def median_of(runs):
    """One figure set from several rounds: the median of each figure, the statuses summed."""
    statuses = {}
    for run in runs:
        for status, count in run["statuses"].items():
            statuses[status] = statuses.get(status, 0) + count
    return dict({key: statistics.median(run[key] for run in runs)
                 for key in ("per_s", "p50_ms", "p99_ms")},
                clients=runs[0]["clients"], statuses=statuses)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--threads", type=int, default=32)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--thresholds", action="store_true",
                        help="give both products a reorder point (never reached): every move "
                             "then reads its level for low-stock alerts")
    parser.add_argument("--rounds", type=int, default=1,
                        help="alternate trivial and moves this many times; print the medians")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="stocktap-bench-")
    url = args.database_url or f"sqlite:///{tmp}/bench.db"
    plan, headers = seed_for_bench(url, thresholds=args.thresholds)
    proc = start_server(url, args.port, args.workers, args.threads)
    results = {}
    try:
        trivial = lambda: request_bytes("GET", "/healthz", headers=headers)  # noqa: E731
        load(args.port, trivial, 4, 1)  # warm-up
        load(args.port, move_requests(plan, headers), 4, 1)
        worker_class = os.environ.get("WEB_WORKER_CLASS", "gevent_pywsgi")
        print(f"gunicorn {worker_class}, {args.workers} worker(s), {url.split(':')[0]}")
        print(f"{'endpoint':<10} {'clients':>7} {'per_s':>10} {'p50_ms':>8} {'p99_ms':>8}")
        for clients in (1, 4, 16):
            rounds = [(load(args.port, trivial, clients, args.seconds),
                       load(args.port, move_requests(plan, headers), clients, args.seconds))
                      for _ in range(args.rounds)]
            base, moves = (median_of(runs) for runs in zip(*rounds))
            print(row("trivial", base))
            print(row("moves", moves))
            print(f"{'ratio':<10} {clients:>7} {moves['per_s'] / base['per_s']:>10.2f}")
            results[clients] = (moves, base)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    from bench.setup import check_invariants
    problems = check_invariants(url)
    print("ledger invariant:", "ok" if not problems else f"BROKEN {problems[:5]}")
    moves, base = results[16]
    print(json.dumps({"moves_per_s": round(moves["per_s"]), "p99_ms": round(moves["p99_ms"], 2),
                      "p50_ms": round(moves["p50_ms"], 2), "trivial_per_s": round(base["per_s"]),
                      "invariant_ok": not problems}))


if __name__ == "__main__":
    main()
