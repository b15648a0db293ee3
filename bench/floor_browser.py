"""The browser half of bench/floor.py: Chromium (Debian's) driven by Playwright."""
import base64
import csv
import statistics
from contextlib import contextmanager

import cv2
import numpy as np
import requests
from playwright.sync_api import sync_playwright

from scanner.synthetic import add_noise, blur
from tests.e2e.camera import blank, camera_args, framed, write_y4m
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, authenticator

HOLD, GAP = 12, 30  # frames (30 fps) in view, then out of view (longer than LEAVE_MS)


@contextmanager
def chromium(extra_args=()):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + list(extra_args))
        try:
            yield browser
        finally:
            browser.close()


def sign_in(browser, app, url, user):
    """A page signed in as the user through the real enrolment (virtual passkey)."""
    from backend.auth.enrolment import create_link
    with app.app_context():
        token = create_link(app.extensions["settings"], user["id"])[2]
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    cdp, _ = authenticator(page)
    page.goto(f"{url}/#/enrol/{token}")
    page.click("#create-passkey")
    page.wait_for_selector(".tiles")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    cdp.detach()
    return page


WATCH = """() => {
  window.bench = { reads: [], shown: [], answers: [] };
  document.addEventListener('stocktap:scan', (e) => window.bench.reads.push(e.detail));
  const band = document.querySelector('.scan-band');
  new MutationObserver(() => window.bench.shown.push(performance.now()))
    .observe(band, { attributes: true, attributeFilter: ['data-shown-at'] });
  const results = document.getElementById('lookup-results');
  new MutationObserver(() => window.bench.answers.push(performance.now()))
    .observe(results, { attributes: true, attributeFilter: ['data-code'] });
}"""


def scan_latencies(app, url, user, gtin, scans, work):
    """Per camera read: frame taken -> feedback shown, and -> the server's answer shown."""
    frames = [framed("EAN-13", gtin)] * HOLD + [blank()] * GAP
    video = write_y4m(work / "scan.y4m", frames)
    with chromium(camera_args(video)) as browser:
        page = sign_in(browser, app, url, user)
        page.goto(f"{url}/#/lookup")
        page.wait_for_selector("#lookup-code")
        page.evaluate(WATCH)
        page.click("#lookup-camera-toggle")
        page.wait_for_function(f"() => window.bench.reads.length >= {scans + 1}",
                               timeout=(scans + 5) * 3000)
        page.wait_for_timeout(1000)
        data = page.evaluate("() => JSON.parse(JSON.stringify(window.bench))")
    reads = [r for r in data["reads"] if r["source"] == "camera"][1:scans + 1]  # first: warm-up
    feedback, answer = [], []
    for read in reads:
        feedback.append(min(t for t in data["shown"] if t >= read["at"]) - read["frameAt"])
        answer.append(min(t for t in data["answers"] if t >= read["at"]) - read["frameAt"])
    return {"count": len(reads), "feedback": feedback, "answer": answer}


DECODE = """async ([png, crop]) => {
  const bitmap = await createImageBitmap(await (await fetch(png)).blob());
  const whole = { sx: 0, sy: 0, sw: bitmap.width, sh: bitmap.height, dw: bitmap.width, dh: bitmap.height };
  const { cropOf } = await import('/js/scan/camera.js');
  const { sx, sy, sw, sh, dw, dh } = crop ? cropOf({ videoWidth: bitmap.width, videoHeight: bitmap.height }) : whole;
  const canvas = new OffscreenCanvas(dw, dh);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, dw, dh);
  ctx.drawImage(bitmap, sx, sy, sw, sh, 0, 0, dw, dh);
  const image = ctx.getImageData(0, 0, dw, dh);
  if (!window.benchWorker) {
    window.benchWorker = new Worker('/js/scan/worker.js');
    await new Promise((ok) => window.benchWorker.addEventListener('message', function f(e) {
      if (e.data.type === 'ready') { window.benchWorker.removeEventListener('message', f); ok(); } }));
  }
  return new Promise((ok) => {
    const w = window.benchWorker;
    w.addEventListener('message', function f(e) {
      if (e.data.type !== 'result' && e.data.type !== 'error') return;
      w.removeEventListener('message', f);
      ok({ ms: e.data.ms, texts: (e.data.codes || []).map((c) => c.text) });
    });
    w.postMessage({ type: 'decode', id: 1, image }, [image.data.buffer]);
  });
}"""


def _png_url(grey):
    ok, data = cv2.imencode(".png", grey)
    return "data:image/png;base64," + base64.b64encode(data.tobytes()).decode()


def decode_times(url, user, app):
    """Median worker decode time of camera-like frames, whole and as the app crops them."""
    rng = np.random.default_rng(7)
    out = {}
    with chromium() as browser:
        page = sign_in(browser, app, url, user)
        for width, height in ((1280, 720), (640, 480)):
            # A code in the middle (where it is aimed), defocused and noisy like a phone's frame.
            grey = add_noise(blur(framed("EAN-13", "4006381333931", (width, height)), 1.0), 5.0, rng)
            png = _png_url(grey)
            for crop in (False, True):
                runs = [page.evaluate(DECODE, [png, crop]) for _ in range(21)][1:]
                found = sum("4006381333931" in r["texts"] for r in runs)
                name = f"{width}x{height} {'app crop (cropOf: centre 80%, <= 640 wide)' if crop else 'whole frame'}"
                out[f"{name}, read {found}/20"] = statistics.median(r["ms"] for r in runs)
    return out


def start_times(app, url, user):
    """Median navigation -> app ready: a fresh profile (cold) and reloads under the worker (warm)."""
    ready = ("() => document.body.dataset.ready === 'true'"
             " && performance.getEntriesByType('navigation')[0] && performance.now()")
    with chromium() as browser:
        cold = []
        for _ in range(5):
            context = browser.new_context(viewport=PHONE)
            page = context.new_page()
            page.goto(url)
            cold.append(page.wait_for_function(ready, polling=5).json_value())
            context.close()
        page = sign_in(browser, app, url, user)
        warm = []
        for _ in range(5):
            page.reload()
            warm.append(page.wait_for_function(ready, polling=5).json_value())
    return {"cold": statistics.median(cold), "warm": statistics.median(warm)}


def _same(expected, text):
    """Equal, or the same GTIN (UPC-A read as EAN-13 and the like)."""
    if expected == text:
        return True
    return expected.isdigit() and text.isdigit() and expected.zfill(14) == text.zfill(14)


def read_rates(url, token, user, app, samples):
    """Reads of the shared photos: device alone, server alone, device + server; even/odd halves."""
    with open(samples / "manifest.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "image/png",
               "Idempotency-Key": "x", "X-Device": "bench"}
    counts = {half: {"device": 0, "server": 0, "device + server": 0}
              for half in ("even rows", "odd rows")}
    totals = {"even rows": 0, "odd rows": 0}
    with chromium() as browser:
        page = sign_in(browser, app, url, user)
        for i, row in enumerate(rows):
            half = "even rows" if i % 2 == 0 else "odd rows"
            data = (samples / row["path"]).read_bytes()
            png = "data:image/png;base64," + base64.b64encode(data).decode()
            device = any(_same(row["expected_text"], t)
                         for t in page.evaluate(DECODE, [png, False])["texts"])
            headers["Idempotency-Key"] = f"bench-{i}"
            answer = requests.post(f"{url}/api/v1/scan/decode?mode=frame", data=data,
                                   headers=headers, timeout=60)
            texts = [r["text"] for r in answer.json().get("readings", [])] if answer.ok else []
            server = any(_same(row["expected_text"], t) for t in texts)
            totals[half] += 1
            counts[half]["device"] += device
            counts[half]["server"] += server
            counts[half]["device + server"] += device or server
    return {half: {name: (n, totals[half]) for name, n in figures.items()}
            for half, figures in counts.items()}
