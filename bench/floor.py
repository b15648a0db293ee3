"""The floor benchmark (not a test): python bench/floor.py [--scans 50] [--samples DIR]

Drives the app in Debian's Chromium with a fake camera against the real server (gunicorn,
SQLite) and prints, with the targets of issue 10 beside them: scan-to-feedback and
scan-to-answer over N camera scans, the WASM decode time in the worker, the shell's and the
decoder's compressed sizes, cold and warm start, and the read rate of the device decoder
alone and with the server's fallback on ../shared/barcode-samples.
"""
import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.floor_browser import decode_times, read_rates, scan_latencies, start_times  # noqa: E402
from bench.httpload import percentile  # noqa: E402

SAMPLES = ROOT.parent.parent / "shared" / "barcode-samples"


def start_server(database_url):
    """gunicorn (the configured worker) on localhost (passkeys need a host name); (proc, url)."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://localhost:{port}"
    env = dict(os.environ, DATABASE_URL=database_url, PORT=str(port), PUBLIC_URL=url,
               RP_ID="localhost", PYTHONPATH=str(ROOT), AUTH_RATE_LIMIT="1000 per minute")
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py",
                             "--bind", f"127.0.0.1:{port}", "backend:create_app()"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            if requests.get(url + "/healthz", timeout=5).status_code == 200:
                return proc, url
        except requests.RequestException:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not start")


def seed(database_url):
    """Migrate; an admin with a token, a bin holding 5 of a product; (app, token, gtin, user)."""
    from backend import create_app
    from backend.auth.models import User
    from backend.auth.tokens import issue_token
    from backend.migrations import migrate
    from config import Settings
    from tests.backend.factories import ean13
    app = create_app(Settings(database_url=database_url))
    with app.app_context():
        migrate()
        user = User.create(username="bench", display_name="Bench", role="admin")
        token = issue_token("bench", "admin", user_id=user.id)[1]
        floor = User.create(username="floor", display_name="Floor", role="warehouse")
    headers = {"Authorization": f"Bearer {token}", "X-Device": "bench"}
    gtin = ean13(424242)

    def post(path, body):
        headers["Idempotency-Key"] = os.urandom(8).hex()
        with app.test_client() as client:
            response = client.post(path, json=body, headers=headers)
        assert response.status_code < 400, response.get_json()
        return response.get_json()
    warehouse = post("/api/v1/warehouses", {"code": "BW", "name": "Bench"})
    post(f"/api/v1/warehouses/{warehouse['id']}/locations", {"code": "A-01"})
    post("/api/v1/products", {"sku": "BENCH-1", "name": "Bench product", "price": 3,
                              "barcodes": [{"code": gtin}]})
    return app, token, gtin, {"id": floor.id}


def shell_sizes(url):
    """(shell files gzip bytes, decoder gzip bytes, decoder raw bytes) as the server sends them."""
    source = requests.get(url + "/sw.js", timeout=30).text
    shell = json.loads(re.search(r"const SHELL_FILES = (\[.*?\]);", source).group(1))
    decoder = json.loads(re.search(r"const DECODER_FILES = (\[.*?\]);", source).group(1))

    def gz(paths):
        bodies = [requests.get(url + p, timeout=30).content for p in paths]
        return sum(len(gzip.compress(b, 6)) for b in bodies), sum(len(b) for b in bodies)
    code = [p for p in shell + ["/sw.js"] if not p.endswith(".png")]
    return {"shell_code": gz(code)[0], "shell_all": gz(shell + ["/sw.js"])[0],
            "decoder": gz(decoder)[0], "decoder_raw": gz(decoder)[1]}


def stats(values):
    values = sorted(values)
    return statistics.median(values), percentile(values, 95)


def line(label, value, target):
    print(f"  {label:<52} {value:>18}   target {target}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans", type=int, default=50)
    parser.add_argument("--samples", default=str(SAMPLES))
    parser.add_argument("--skip-samples", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="stocktap-floor-"))
    database_url = f"sqlite:///{work}/bench.db"
    app, token, gtin, user = seed(database_url)
    proc, url = start_server(database_url)
    try:
        print(f"Stocktap floor benchmark, {time.strftime('%Y-%m-%d %H:%M')} UTC, "
              f"{os.cpu_count()} CPUs, server {url}")
        scans = scan_latencies(app, url, user, gtin, args.scans, work)
        print(f"Camera scans (fake camera, {scans['count']} scans of an EAN-13 entering the view;"
              " from the frame the code was read in: add up to one frame (33 ms) and one decode"
              " for the code's arrival before that frame):")
        med, p95 = stats(scans["feedback"])
        line("frame taken -> tone + green band (median / p95)", f"{med:.0f} / {p95:.0f} ms", "median < 150 ms")
        med, p95 = stats(scans["answer"])
        line("frame taken -> server's answer shown (median / p95)", f"{med:.0f} / {p95:.0f} ms", "median < 300 ms")
        times = decode_times(url, user, app)
        print("WASM decode in the worker (median of 20, ms):")
        for name, ms in times.items():
            target = "< 25 ms" if "app crop" in name else ""
            line(name, f"{ms:.1f} ms", target)
        sizes = shell_sizes(url)
        print("Sizes (gzip -6 of what the server sends):")
        line("shell: html + js + css + i18n + manifest + sw", f"{sizes['shell_code'] / 1024:.1f} KB", "< 150 KB")
        line("shell with its icons (everything precached)", f"{sizes['shell_all'] / 1024:.1f} KB", "")
        line("decoder (zxing-wasm reader js + wasm), loaded", f"{sizes['decoder'] / 1024:.1f} KB",
             "lazily")
        line("  uncompressed", f"{sizes['decoder_raw'] / 1024:.1f} KB", "")
        start = start_times(app, url, user)
        print("Start (navigation -> app ready, median of 5):")
        line("cold (new profile, no service worker, signed out)", f"{start['cold']:.0f} ms", "")
        line("warm (service worker, signed in, home screen)", f"{start['warm']:.0f} ms", "< 300 ms")
        if not args.skip_samples and Path(args.samples, "manifest.csv").exists():
            rates = read_rates(url, token, user, app, Path(args.samples))
            print(f"Read rate on {args.samples} (device: zxing-wasm with the app's options;"
                  " server: POST /api/v1/scan/decode?mode=frame, what the app sends):")
            for half, figures in rates.items():
                for name, (read, total) in figures.items():
                    line(f"{half}: {name}", f"{read}/{total} = {100 * read / total:.1f}%",
                         ">= server alone" if name == "device + server" else "")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
