"""Benchmark: python -m scanner.bench MANIFEST ROOT  (ours against plain pyzbar, same run)."""

import argparse
import csv
import json
import os
import statistics
import time
from collections import defaultdict

import cv2
import numpy as np
from pyzbar import pyzbar

from . import decode, synthetic

_FRAME_CODES = [("EAN-13", "4006381333931"), ("UPC-A", "036000291452"), ("Code128", "STK-00042"),
                ("QRCode", "https://stocktap.example/p/42"), ("DataMatrix", "LOT 2024-117"),
                ("ITF", "10012345000017"), ("EAN-8", "96385074")]


def load_manifest(path):
    """Rows of path, format, expected_text (texts may contain newlines: csv module)."""
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def ours(grey):
    """Our decoder in still mode, as texts."""
    return [r.text for r in decode(grey, mode="still")]


_ZBAR_SYMBOLS = [pyzbar.ZBarSymbol[name] for name in
                 ("EAN13", "EAN8", "UPCA", "UPCE", "CODE128", "CODE39", "I25", "QRCODE")]


def baseline(grey):
    """Plain pyzbar.decode (our symbologies enabled, so UPC-A/UPC-E print as such), as texts."""
    return [s.data.decode("utf-8", errors="replace") for s in pyzbar.decode(grey, _ZBAR_SYMBOLS)]


def _timed(fn, image):
    start = time.perf_counter()
    texts = fn(image)
    return texts, (time.perf_counter() - start) * 1000


def run_photos(rows, root, fn):
    """Per row: (format, read, wrong, ms). Wrong: something decoded, but not the expected text."""
    results = []
    for row in rows:
        grey = cv2.imread(os.path.join(root, row["path"]), cv2.IMREAD_GRAYSCALE)
        texts, ms = _timed(fn, grey)
        read = row["expected_text"] in texts
        results.append((row["format"], read, bool(texts) and not read, ms))
    return results


def summarise(results):
    """Figures for one group of results."""
    times = sorted(r[3] for r in results)
    return {"images": len(results), "read_rate": sum(r[1] for r in results) / len(results),
            "wrong": sum(r[2] for r in results), "median_ms": statistics.median(times),
            "p95_ms": times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]}


def print_table(title, results):
    """Per symbology and overall, as aligned text; returns the overall figures."""
    groups = defaultdict(list)
    for r in results:
        groups[r[0]].append(r)
    print(f"\n{title}\n{'symbology':<12}{'images':>7}{'read':>8}{'wrong':>7}{'median':>9}{'p95':>9}")
    for name in sorted(groups) + ["overall"]:
        s = summarise(results if name == "overall" else groups[name])
        print(f"{name:<12}{s['images']:>7}{s['read_rate']:>8.1%}{s['wrong']:>7}"
              f"{s['median_ms']:>7.2f}ms{s['p95_ms']:>7.2f}ms")
    return summarise(results)


def frame_figures(count=60, seed=7):
    """Median ms on synthetic 1280x720 code frames and empty frames, ours (frame mode) vs pyzbar."""
    rng = np.random.default_rng(seed)
    codes = [(text, synthetic.render(sym, text, module_px=3)) for sym, text in _FRAME_CODES]
    frames = [(codes[i % len(codes)][0], synthetic.camera_frame(codes[i % len(codes)][1], rng))
              for i in range(count)]
    empties = [synthetic.empty_frame(rng) for _ in range(count // 2)]
    figures = {}
    for name, fn in (("ours", lambda f: [r.text for r in decode(f, mode="frame")]),
                     ("pyzbar", lambda f: baseline(cv2.cvtColor(f, cv2.COLOR_BGR2GRAY)))):
        timed = [(_timed(fn, f), text) for text, f in frames]
        figures[name] = {
            "frame_read_rate": sum(text in t for (t, _), text in timed) / len(timed),
            "frame_median_ms": statistics.median(ms for (_, ms), _ in timed),
            "empty_median_ms": statistics.median(_timed(fn, f)[1] for f in empties)}
    return figures


def main(argv=None):
    """Print both photo tables, the frame figures and a final JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("manifest")
    parser.add_argument("root")
    args = parser.parse_args(argv)
    rows = load_manifest(args.manifest)
    cv2.setNumThreads(1)
    overall = print_table("scanner.decode (still mode)", run_photos(rows, args.root, ours))
    base = print_table("baseline: pyzbar.decode", run_photos(rows, args.root, baseline))
    frames = frame_figures()
    print("\nsynthetic 1280x720 frames (median ms)")
    for name, f in frames.items():
        print(f"{name:<8} read {f['frame_read_rate']:.0%}  code frame {f['frame_median_ms']:.2f}ms"
              f"  empty frame {f['empty_median_ms']:.2f}ms")
    print(json.dumps({"ours": {**overall, **frames["ours"]},
                      "pyzbar": {**base, **frames["pyzbar"]}}))


if __name__ == "__main__":
    main()
