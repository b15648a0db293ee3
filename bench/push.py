"""Live push benchmark: how long a stock move takes to reach 200 phones on one warehouse.

Starts gunicorn on a fresh database twice in one run: one worker (no Redis), then four workers
with Redis (REDIS_URL, default redis://127.0.0.1:6379/13, emptied first). Each time it connects
--clients Socket.IO clients (websocket, as the PWA does) to the warehouse's room, sends a burst
of --moves bin moves one after another, and times each stock.changed of the destination bin
at every client. The k-th move puts k units more into the bin, so each event names its move.

    python bench/push.py [--clients 200] [--moves 50] [--redis-url URL]

Latency is from the move's request being sent to the event's receipt: an upper bound of
commit-to-receipt (the commit happens inside that request). The request's own time (send to
response) is printed alongside. Not a test: nothing here asserts a time.
"""
import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
import uuid

import requests

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from bench.httpload import percentile  # noqa: E402
from bench.ledger import start_server  # noqa: E402
from bench.setup import seed_for_bench  # noqa: E402


async def connect_all(url, token, count, heard, session):
    """`count` lean websocket clients speaking Engine.IO 4 / Socket.IO 5 themselves (the
    python-socketio client costs ~0.2 ms a message: 200 of them on this machine measured the
    client, not the server). Each answers pings and notes when each stock.changed arrives."""
    ws_url = url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    ready, tasks = [], []

    async def one(n):
        ws = await session.ws_connect(ws_url, autoping=False, max_msg_size=0)
        await ws.receive()  # "0{...}": Engine.IO open
        await ws.send_str("40" + json.dumps({"token": token}))
        while not (await ws.receive()).data.startswith("40"):  # the namespace's connect
            pass
        ready.append(ws)
        async for message in ws:
            at = time.perf_counter()
            text = message.data
            if text == "2":
                await ws.send_str("3")
            elif text.startswith('42["stock.changed"'):
                payload = json.loads(text[2:])[1]
                heard.append((n, payload["location_id"], payload["on_hand"], at))

    for n in range(count):
        tasks.append(asyncio.create_task(one(n)))
        if n % 20 == 19:
            await asyncio.sleep(0.05)  # twenty at a time: the server accepts them quickly
    deadline = time.perf_counter() + 120
    while len(ready) < count:
        failed = [task for task in tasks if task.done() and task.exception()]
        if failed or time.perf_counter() > deadline:
            raise SystemExit(f"{len(ready)} of {count} clients connected: "
                             f"{failed[0].exception() if failed else 'timed out'}")
        await asyncio.sleep(0.05)
    return ready, tasks


def burst(url, headers, plan, moves):
    """Send the moves one after another; (sent, answered) perf_counter times per move."""
    times = []
    with requests.Session() as session:
        for k in range(1, moves + 1):
            sent = time.perf_counter()
            response = session.post(url + "/api/v1/bin-moves", json={
                "product_id": plan["picked_product_id"], "qty": k,
                "from_location_id": plan["location_id"],
                "to_location_id": plan["second_location_id"]},
                headers=dict(headers, **{"Idempotency-Key": uuid.uuid4().hex}), timeout=60)
            assert response.status_code == 201, response.text
            times.append((sent, time.perf_counter()))
    return times


async def run(url, token, headers, plan, clients, moves):
    import aiohttp
    heard = []
    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))  # no pool cap
    connected, tasks = await connect_all(url, token, clients, heard, session)
    await asyncio.sleep(2)
    times = await asyncio.to_thread(burst, url, headers, plan, moves)
    expected = clients * moves
    deadline = time.perf_counter() + 60
    target = plan["second_location_id"]

    def arrived():
        return sum(1 for h in heard if h[1] == target)
    while arrived() < expected and time.perf_counter() < deadline:
        await asyncio.sleep(0.1)
    await asyncio.gather(*(ws.close() for ws in connected))
    await asyncio.gather(*tasks, return_exceptions=True)
    await session.close()
    # on hand of the bin after move k is 1 + 2 + ... + k
    move_of = {k * (k + 1) // 2: k for k in range(1, moves + 1)}
    latencies, per_client = [], {}
    for n, location, on_hand, at in heard:
        if location != target:
            continue
        k = move_of[int(float(on_hand))]
        latencies.append((at - times[k - 1][0]) * 1000)
        per_client.setdefault(n, []).append(k)
    twice = sum(len(ks) - len(set(ks)) for ks in per_client.values())
    request_ms = [(answered - sent) * 1000 for sent, answered in times]
    return {"clients": clients, "moves": moves, "expected": expected,
            "received": len(latencies), "twice": twice,
            "p50_ms": round(percentile(latencies, 50), 1),
            "p95_ms": round(percentile(latencies, 95), 1),
            "max_ms": round(max(latencies or [float("nan")]), 1),
            "request_p50_ms": round(percentile(request_ms, 50), 1)}


def measure(label, workers, redis_url, args):
    tmp = tempfile.mkdtemp(prefix="stocktap-push-")
    url = f"sqlite:///{tmp}/push.db"
    plan, headers = seed_for_bench(url)
    token = headers["Authorization"].split(" ", 1)[1]
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
    else:
        os.environ.pop("REDIS_URL", None)
    proc = start_server(url, args.port, workers, 32)
    try:
        base = f"http://127.0.0.1:{args.port}"
        figures = asyncio.run(run(base, token, headers, plan, args.clients, args.moves))
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    print(f"{label:<22} " + " ".join(f"{k}={v}" for k, v in figures.items()), flush=True)
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--moves", type=int, default=50)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    import redis
    redis.Redis.from_url(args.redis_url).flushdb()
    one = measure("1 worker", 1, None, args)
    four = measure("4 workers + Redis", 4, args.redis_url, args)
    print(json.dumps({"one_worker": one, "four_workers_redis": four}))


if __name__ == "__main__":
    main()
