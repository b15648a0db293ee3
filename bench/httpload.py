"""A lean HTTP/1.1 keep-alive load generator (asyncio), so the client costs little CPU."""
import asyncio
import json
import statistics
import time


def percentile(values, q):
    """The q-th percentile (0-100) of a list, nearest rank."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


async def _read_response(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    body = await reader.readexactly(length) if length else b""
    return status, body


def request_bytes(method, path, body=None, headers=None, host="127.0.0.1"):
    """An HTTP/1.1 request as bytes."""
    data = json.dumps(body).encode() if body is not None else b""
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Connection: keep-alive",
             f"Content-Length: {len(data)}"]
    if body is not None:
        lines.append("Content-Type: application/json")
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + data


async def _client(port, make_request, stop_at, latencies, statuses):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < stop_at:
            payload = make_request()
            started = time.perf_counter()
            writer.write(payload)
            status, _ = await _read_response(reader)
            latencies.append(time.perf_counter() - started)
            statuses[status] = statuses.get(status, 0) + 1
    finally:
        writer.close()


async def _run(port, make_request, clients, seconds):
    latencies, statuses = [], {}
    stop_at = time.perf_counter() + seconds
    started = time.perf_counter()
    await asyncio.gather(*[_client(port, make_request, stop_at, latencies, statuses)
                           for _ in range(clients)])
    elapsed = time.perf_counter() - started
    return {"clients": clients, "requests": len(latencies), "per_s": len(latencies) / elapsed,
            "p50_ms": statistics.median(latencies) * 1000 if latencies else float("nan"),
            "p99_ms": percentile(latencies, 99) * 1000, "statuses": statuses}


def load(port, make_request, clients, seconds):
    """Drive `clients` keep-alive connections for `seconds`; figures of the run."""
    return asyncio.run(_run(port, make_request, clients, seconds))
