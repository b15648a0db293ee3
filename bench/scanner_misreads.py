"""Misreads of tightly cropped Code 128 / GS1-128 symbols: is part of one taken for an EAN/UPC?

Draws GS1-128 and plain Code 128 symbols with zxing-cpp's writer, crops them with 0-10 modules
of quiet zone (and crops that cut into the symbol), blurs, turns, compresses, and runs them
through scanner.decode() as /api/v1/scan (still mode, PNG bytes) and the camera socket (frame
mode, 1280x720 frames) call it. Counts per path: correct reads, no reads, wrong reads (any
EAN/UPC, or any other text than the symbol's; for a crop into the symbol, any read at all).

Two parts per split:
- grid: fixed contents x module widths x quiet zones/cuts x surroundings x distortions, every
  image through decode().
- random: random contents, fractional module widths, heights, quiet zones of 0-3 modules, cuts
  and distortions. Misreads are rare (a few in 10,000 images), too rare to find by decoding
  every image in a benchmark's time, so each image is first read by plain zxing-cpp and zbar;
  those where either finds an EAN/UPC, and every 20th image besides, go through decode().
  (An EAN/UPC only the ladder's filtered images would show is missed by this screen.)

    python bench/scanner_misreads.py [--split tune|held-out|both] [--parts grid random]
                                     [--symbols N] [--sample-every N] [--budget MS] [--verbose]

The tune split and the held-out split use different contents and different seeds; a fix is
tuned on the first and reported on the second. The last line is one JSON object of the counts.
"""
import argparse
import json
import os
import string
import sys
from collections import Counter, defaultdict

import cv2
import numpy as np
import zxingcpp

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from scanner import decode, preprocess, synthetic  # noqa: E402
from scanner.checks import mod10_check_digit  # noqa: E402
from scanner.engines import read_zbar, read_zxing  # noqa: E402

RETAIL = frozenset({"EAN-13", "EAN-8", "UPC-A", "UPC-E"})
# (text, gs1): GTIN+lot+expiry, SSCC, long lots, plain Code 128. No content is in both splits.
CONTENTS = {
    "tune": [("(01)09501101530003(17)250101(10)AB12", True),
             ("(00)106141411234567897", True),
             ("(01)04006381333931(10)LOT2024-117-XYZ(21)88", True),
             ("(02)10614141000415(37)24(15)270630", True),
             ("STK-00042/b", False),
             ("PALLET 0001-A7 WAREHOUSE NORTH", False)],
    "held-out": [("(01)05012345678900(17)261231(10)K9-7731", True),
                 ("(00)340123450000000017", True),
                 ("(01)00614141999996(10)BATCH-000123456789(17)270101", True),
                 ("(01)19501101530000(30)120(11)240315", True),
                 ("BIN-A-07-03", False),
                 ("RMA 2026/11/0457 SUPPLIER 12", False)],
}
SEEDS = {"tune": 11, "held-out": 29}
RANDOM_SEEDS = {"tune": 3, "held-out": 101}
SAMPLE_EVERY = 20  # random images decoded whatever the screen says (for the read rate)
QUIET_MODULES = (0, 1, 2, 3, 5, 10)
CUT_MODULES = (6, 17, 30)  # crops into the symbol: nothing may be read from them
MODULE_PX = (2, 3)
DISTORTIONS = {
    "clean": lambda img, rng: img,
    "blur": lambda img, rng: synthetic.blur(img, 1.2),
    "rotate": lambda img, rng: preprocess.rotate(img, float(rng.uniform(-6, 6))),
    "jpeg": lambda img, rng: synthetic.jpeg(synthetic.add_noise(img, 6, rng), 45),
}


def symbol(text, gs1, module_px):
    """The drawn symbol cut to its bars (no quiet zone, full height) and the text it carries."""
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.Code128,
                                      **({"gs1": True} if gs1 else {}))
    image = np.asarray(zxingcpp.write_barcode_to_image(barcode, scale=module_px))
    (expected,) = zxingcpp.read_barcodes(image, text_mode=zxingcpp.TextMode.Plain)
    dark = np.flatnonzero((image < 128).any(axis=0))
    return image[:, dark[0]:dark[-1] + 1], expected.text


def cropped(bars, module_px, left, right):
    """Bars with `left`/`right` modules of white beside them (negative: cut into the bars)."""
    def side(n):
        return max(0, n) * module_px
    cut = bars[:, max(0, -left) * module_px: bars.shape[1] - max(0, -right) * module_px]
    return cv2.copyMakeBorder(cut, 0, 0, side(left), side(right), cv2.BORDER_CONSTANT, value=255)


def on_label(crop, rng):
    """The crop on a light label with print beside it: a dark rule or text 1-3 modules away."""
    h, w = crop.shape
    label = np.full((h + 40, w + 60), 240, np.uint8)
    label[20:20 + h, 30:30 + w] = crop
    for x in (int(rng.integers(6, 26)), w + 30 + int(rng.integers(4, 24))):
        label[20:20 + h, x:x + int(rng.integers(2, 6))] = int(rng.integers(20, 90))
    return label


def cases(split):
    """(name, image, expected text or None) for one split."""
    rng = np.random.default_rng(SEEDS[split])
    for text, gs1 in CONTENTS[split]:
        for module_px in MODULE_PX:
            bars, expected = symbol(text, gs1, module_px)
            crops = [(f"q{q}", q, q, expected) for q in QUIET_MODULES]
            crops += [(f"cut{c}-{end}", -c if end == "left" else 0, -c if end == "right" else 0,
                       None) for c in CUT_MODULES for end in ("left", "right")]
            for crop_name, left, right, want in crops:
                crop = cropped(bars, module_px, left, right)
                for surround in ("edge", "label"):
                    image = crop if surround == "edge" else on_label(crop, rng)
                    for name, distort in DISTORTIONS.items():
                        yield (f"{text}|{module_px}px|{crop_name}|{surround}|{name}",
                               distort(image, rng), want)


def _digits(rng, n):
    return "".join(str(d) for d in rng.integers(0, 10, n))


def _lot(rng):
    return "".join(rng.choice(list(string.ascii_uppercase + string.digits + "-/"),
                              int(rng.integers(4, 20))))


def random_content(rng, i):
    """(text, gs1): GTIN+expiry+lot, GTIN+numeric lot, GTIN+lot+serial, digits, or words."""
    body = _digits(rng, 13)
    gtin = body + mod10_check_digit(body)
    expiry = f"2{rng.integers(5, 9)}{rng.integers(1, 13):02d}{rng.integers(1, 29):02d}"
    return [(f"(01){gtin}(17){expiry}(10){_lot(rng)}", True),
            (f"(01){gtin}(10){_digits(rng, int(rng.integers(4, 20)))}", True),
            (f"(01){gtin}(10){_lot(rng)}(21){_digits(rng, int(rng.integers(3, 12)))}", True),
            (_digits(rng, int(rng.integers(8, 30))), False),
            (f"{_lot(rng)} {_lot(rng)}", False)][i % 5]


def random_cases(split, count):
    """(name, image, expected text or None): fractional module widths, tight crops, cuts."""
    rng = np.random.default_rng(RANDOM_SEEDS[split])
    distortions = {
        "clean": lambda im: im,
        "blur": lambda im: synthetic.blur(im, float(rng.uniform(0.8, 2.2))),
        "perspective": lambda im: synthetic.perspective(im, float(rng.uniform(0.05, 0.25))),
        "rotate": lambda im: preprocess.rotate(im, float(rng.uniform(-10, 10))),
        "jpeg": lambda im: synthetic.jpeg(synthetic.add_noise(synthetic.blur(im, 1.3), 8, rng),
                                          30),
    }
    for i in range(count):
        text, gs1 = random_content(rng, i)
        bars, expected = symbol(text, gs1, 1)
        px = float(rng.uniform(1.2, 4.0))
        bars = cv2.resize(bars, (round(bars.shape[1] * px), int(rng.integers(30, 120))),
                          interpolation=cv2.INTER_AREA)
        quiet, cut = int(rng.integers(0, 4)), int(rng.choice([0, 0, 5, 9, 13, 20]))
        cut_px = round(cut * px)
        bars = bars[:, cut_px:] if rng.integers(0, 2) else bars[:, :bars.shape[1] - cut_px]
        image = cv2.copyMakeBorder(bars, 10, 10, round(quiet * px), round(quiet * px),
                                   cv2.BORDER_CONSTANT, value=255)
        for name, distort in distortions.items():
            yield (f"{text}|{px:.2f}px|q{quiet}|cut{cut}|{name}", distort(image),
                   expected if cut == 0 else None)


def screened(cases, every=SAMPLE_EVERY):
    """The cases plain zxing or zbar read an EAN/UPC in, and every `every`-th; counts."""
    seen = Counter()
    for index, (name, image, expected) in enumerate(cases):
        seen["images"] += 1
        retail = any(r.symbology in RETAIL for r in read_zxing(image) + read_zbar(image, 1))
        seen["screen_retail"] += retail
        if retail or index % every == 0:
            yield name, image, expected
    print(f"  screened {seen['images']} images: plain zxing/zbar read an EAN/UPC in "
          f"{seen['screen_retail']}")


def outcome(readings, expected):
    """'correct', 'none' or 'wrong' for one image's reads."""
    texts = [(r.symbology, r.text) for r in readings]
    if not texts:
        return "none"
    if expected is not None and all(t == ("Code128", expected) for t in texts):
        return "correct"
    return "wrong"


def still_read(image, budget):
    ok, buf = cv2.imencode(".png", image)
    return decode(buf.tobytes(), mode="still", budget_ms=budget)


def frame_read(image, rng):
    return decode(synthetic.camera_frame(image, rng), mode="frame")


def run(split, args):
    """Counts per part, path (still, frame) and kind of crop, and how many wrong were EAN/UPC."""
    counts = defaultdict(Counter)
    rng = np.random.default_rng(SEEDS[split] + 1)
    budget, verbose = args.budget, args.verbose
    parts = [("grid", cases(split) if "grid" in args.parts else ()),
             ("random", screened(random_cases(split, args.symbols), args.sample_every)
              if "random" in args.parts else ())]
    for part, name, image, expected in ((p, *case) for p, gen in parts for case in gen):
        kind = f"{part}/{'cut' if expected is None else 'quiet'}"
        for path, readings in (("still", still_read(image, budget)),
                               ("frame", frame_read(image, rng))):
            result = outcome(readings, expected)
            counts[(path, kind)][result] += 1
            if result == "wrong":
                counts[(path, kind)]["retail"] += any(r.symbology in RETAIL for r in readings)
                if verbose:
                    print(f"WRONG {path:<6}{name}: {[(r.symbology, r.text) for r in readings]}")
    return counts


def main(argv=None):
    """Print the counts per split, path and kind of crop; then one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=("tune", "held-out", "both"), default="both")
    parser.add_argument("--symbols", type=int, default=3000,
                        help="random symbols per split (five images each)")
    parser.add_argument("--sample-every", type=int, default=SAMPLE_EVERY,
                        help="decode every n-th random image even if the screen finds nothing")
    parser.add_argument("--parts", nargs="+", choices=("grid", "random"),
                        default=["grid", "random"])
    parser.add_argument("--budget", type=float, default=None,
                        help="still-mode budget in ms (default: the API's)")
    parser.add_argument("--verbose", action="store_true", help="print each wrong read")
    args = parser.parse_args(argv)
    cv2.setNumThreads(1)
    splits = ("tune", "held-out") if args.split == "both" else (args.split,)
    summary = {}
    for split in splits:
        counts = run(split, args)
        print(f"{'split':<10}{'path':<7}{'part/crops':<14}{'decoded':>8}{'correct':>9}"
              f"{'none':>6}{'wrong':>7}{'(EAN/UPC)':>10}")
        for (path, kind), c in sorted(counts.items()):
            total = c["correct"] + c["none"] + c["wrong"]
            print(f"{split:<10}{path:<7}{kind:<14}{total:>8}{c['correct']:>9}{c['none']:>6}"
                  f"{c['wrong']:>7}{c['retail']:>10}")
            summary[f"{split}/{path}/{kind}"] = dict(c)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
