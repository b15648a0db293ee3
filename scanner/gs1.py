"""Parse GS1 element strings (GS1-128, GS1 DataMatrix, GS1 QR, DataBar) and GS1 Digital Link URIs.

Rules follow the GS1 General Specifications: the AI table (see gs1_ais.py), FNC1 separators,
mod-10 check digits, YYMMDD dates with day 00 and the century rule of section 7.12.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import unquote, urlsplit

from scanner.gs1_ais import (
    AIS,
    DATE,
    DATE_EXACT,
    DATETIME,
    DECIMAL,
    INT,
    MEASURE,
    MEASURES,
    AiSpec,
    match_ai,
)

GS = "\x1d"
# Symbology identifiers (ISO/IEC 15424) of symbols whose data are GS1 element strings.
GS1_SYMBOLOGY_IDS = ("]C1", "]d2", "]Q3", "]e0", "]J1")
# How scanners and people write FNC1/GS when they cannot send the control character.
_FNC1_MARKERS = re.compile(r"<GS>|<FNC1>|\{GS\}|\{FNC1\}|\[GS\]|\[FNC1\]|\u241d", re.IGNORECASE)
_CSET82 = frozenset(
    "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
)
_DIGITS = frozenset("0123456789")
_HRI_AI = re.compile(r"\((\d{2,4})\)")
# GS1 Digital Link short names (DL 1.0) for the keys and qualifiers used in paths.
_DL_SHORT_NAMES = {
    "gtin": "01", "itip": "8006", "cpid": "8010", "gln": "414", "party": "417",
    "gsrnp": "8017", "gsrn": "8018", "gcn": "255", "sscc": "00", "gdti": "253",
    "ginc": "401", "gsin": "402", "grai": "8003", "giai": "8004",
    "cpv": "22", "lot": "10", "ser": "21",
}
_DL_PRIMARY_KEYS = frozenset(
    "01 8006 8010 414 417 8017 8018 255 00 253 401 402 8003 8004 8013".split()
)


class GS1Error(ValueError):
    """Malformed GS1 data; the message names the AI and what is wrong with it."""


@dataclass(frozen=True)
class Measure:
    """A trade measure (AIs 31nn-36nn): amount, unit and what is measured."""

    amount: Decimal
    unit: str
    meaning: str


@dataclass(frozen=True)
class GS1Element:
    """One AI with its raw data field, its parsed value and its GS1 data title."""

    ai: str
    raw: str
    value: object
    title: str


def _ai_property(ai: str, doc: str) -> property:
    return property(lambda self: self.get(ai), doc=doc)


@dataclass(frozen=True)
class GS1Data:
    """The elements of one GS1 barcode or Digital Link, in the order they were written."""

    elements: tuple[GS1Element, ...]

    def get(self, ai: str, default: object = None) -> object:
        """Return the parsed value of the AI, or default if the data does not carry it."""
        return next((e.value for e in self.elements if e.ai == ai), default)

    def __contains__(self, ai: str) -> bool:
        return any(e.ai == ai for e in self.elements)

    gtin = _ai_property("01", "AI 01, the trade item's GTIN-14.")
    content_gtin = _ai_property("02", "AI 02, GTIN of the trade items contained.")
    sscc = _ai_property("00", "AI 00, the logistic unit's SSCC.")
    lot = _ai_property("10", "AI 10, batch or lot number.")
    serial = _ai_property("21", "AI 21, serial number.")
    expiry = _ai_property("17", "AI 17, use-by or expiry date.")
    best_before = _ai_property("15", "AI 15, best-before date.")
    production_date = _ai_property("11", "AI 11, production date.")

    @property
    def count(self) -> int | None:
        """AI 30 (variable count of items), else AI 37 (count of trade items contained)."""
        return self.get("30", self.get("37"))

    def as_dict(self) -> dict:
        """Return a JSON-ready dict: the convenience fields plus every element."""
        fields = ("gtin", "content_gtin", "sscc", "lot", "serial", "expiry", "best_before",
                  "production_date", "count")
        out = {name: _jsonable(getattr(self, name)) for name in fields}
        out["elements"] = [
            {"ai": e.ai, "title": e.title, "raw": e.raw, "value": _jsonable(e.value)}
            for e in self.elements
        ]
        return out


def _jsonable(value: object) -> object:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Measure):
        return {"amount": str(value.amount), "unit": value.unit, "meaning": value.meaning}
    return value


# --- check digits ---------------------------------------------------------------------------

def gs1_check_digit(digits: str) -> int:
    """Return the GS1 mod-10 check digit to append to digits; GS1Error if not digits."""
    if not digits or not set(digits) <= _DIGITS:
        raise GS1Error(f"check digit needs digits only, got {digits!r}")
    # Weights alternate 3, 1, 3, ... starting from the rightmost data digit.
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return (10 - total % 10) % 10


def valid_check_digit(number: str) -> bool:
    """Whether the last digit of number (GTIN, SSCC, GLN...) is its correct GS1 check digit."""
    if len(number) < 2 or not set(number) <= _DIGITS:
        return False
    return gs1_check_digit(number[:-1]) == int(number[-1])


# --- dates ----------------------------------------------------------------------------------

def gs1_year(yy: int, today: date) -> int:
    """Return the four-digit year for a two-digit one by the GS1 century rule (GenSpecs 7.12)."""
    century, current = divmod(today.year, 100)
    diff = yy - current
    if 51 <= diff <= 99:
        century -= 1
    elif -99 <= diff <= -50:
        century += 1
    return century * 100 + yy


def _parse_date(ai: str, raw: str, today: date, day_zero_ok: bool) -> date:
    year = gs1_year(int(raw[0:2]), today)
    month, day = int(raw[2:4]), int(raw[4:6])
    if not 1 <= month <= 12:
        raise GS1Error(f"AI {ai}: month {raw[2:4]} is not valid in date {raw}")
    last_day = calendar.monthrange(year, month)[1]
    if day == 0 and day_zero_ok:
        # Day 00 means only year and month are known; GS1 reads it as the month's last day.
        return date(year, month, last_day)
    if not 1 <= day <= last_day:
        raise GS1Error(f"AI {ai}: day {raw[4:6]} is not valid in {year}-{month:02d}")
    return date(year, month, day)


def _parse_datetime(ai: str, raw: str, today: date) -> datetime:
    day = _parse_date(ai, raw[:6], today, day_zero_ok=False)
    hour, minute = int(raw[6:8]), int(raw[8:10])
    if hour > 23 or minute > 59:
        raise GS1Error(f"AI {ai}: time {raw[6:10]} is not a valid HHMM")
    return datetime(day.year, day.month, day.day, hour, minute)


# --- one element ----------------------------------------------------------------------------

def _check_format(spec: AiSpec, raw: str) -> None:
    ai, size = spec.ai, len(raw)
    if size == 0:
        raise GS1Error(f"AI {ai}: value is empty")
    if spec.fixed and size != spec.max_len:
        unit = "digits" if spec.charset == "N" else "characters"
        raise GS1Error(f"AI {ai}: expected {spec.max_len} {unit}, got {size}")
    if size > spec.max_len:
        raise GS1Error(f"AI {ai}: value is too long, at most {spec.max_len} characters, got {size}")
    if size < spec.min_len:
        raise GS1Error(
            f"AI {ai}: value is too short, at least {spec.min_len} characters, got {size}"
        )
    allowed = _DIGITS if spec.charset == "N" else _CSET82
    bad = next((ch for ch in raw if ch not in allowed), None)
    if bad is not None:
        what = "digits only" if spec.charset == "N" else "GS1 character set 82"
        raise GS1Error(f"AI {ai}: character {bad!r} is not allowed ({what})")


def _check_key(spec: AiSpec, raw: str) -> None:
    start, end = spec.key
    key = raw[start:end]
    if not set(key) <= _DIGITS:
        raise GS1Error(f"AI {spec.ai}: characters {start + 1}-{end} must be digits, got {key!r}")
    expected = gs1_check_digit(key[:-1])
    if int(key[-1]) != expected:
        raise GS1Error(f"AI {spec.ai}: check digit should be {expected}, got {key[-1]}")


def _convert(spec: AiSpec, raw: str, today: date) -> object:
    kind = spec.kind
    if kind == INT:
        return int(raw)
    if kind in (DATE, DATE_EXACT):
        return _parse_date(spec.ai, raw, today, day_zero_ok=kind == DATE)
    if kind == DATETIME:
        return _parse_datetime(spec.ai, raw, today)
    if kind in (MEASURE, DECIMAL):
        # The AI's last digit says how many of the value's digits follow the decimal point.
        amount = Decimal(raw).scaleb(-int(spec.ai[3]))
        if kind == DECIMAL:
            return amount
        meaning, unit = MEASURES[spec.ai[:3]]
        return Measure(amount, unit, meaning)
    return raw


def parse_element(ai: str, raw: str, today: date | None = None) -> GS1Element:
    """Validate one AI's data field and return it parsed; GS1Error if unknown or malformed."""
    spec = AIS.get(ai)
    if spec is None:
        raise GS1Error(f"AI {ai}: unknown application identifier")
    _check_format(spec, raw)
    if spec.key is not None:
        _check_key(spec, raw)
    return GS1Element(ai, raw, _convert(spec, raw, today or date.today()), spec.title)


# --- whole messages -------------------------------------------------------------------------

def _split_fnc1(data: str) -> list[tuple[str, str]]:
    """Cut an FNC1/GS-separated element string into (ai, raw) pairs."""
    pairs, pos = [], 0
    while pos < len(data):
        if data[pos] == GS:  # leading FNC1, or an optional one after a fixed-length field
            pos += 1
            continue
        spec = match_ai(data, pos)
        if spec is None:
            raise GS1Error(
                f"unknown application identifier at position {pos + 1}: {data[pos:pos + 4]!r}"
            )
        start = pos + len(spec.ai)
        if spec.fixed:
            # Fixed-length fields are taken by length even when not predefined, being lenient
            # with encoders that omit the separator; a short field is reported by _check_format.
            end = start + len(data[start:start + spec.max_len].split(GS)[0])
        else:
            end = data.find(GS, start)
            end = len(data) if end == -1 else end
        pairs.append((spec.ai, data[start:end]))
        pos = end
    return pairs


def _split_hri(text: str) -> list[tuple[str, str]]:
    """Cut the human-readable form "(01)...(10)..." into (ai, raw) pairs."""
    parts = _HRI_AI.split(text)
    if parts[0].strip(" " + GS):
        raise GS1Error(f"text before the first (AI): {parts[0]!r}")
    # Spaces and separators are not GS1 data characters, so any found here are layout.
    return [(ai, value.strip(" " + GS)) for ai, value in zip(parts[1::2], parts[2::2])]


def _build(pairs: list[tuple[str, str]], today: date | None) -> GS1Data:
    """Parse each pair, refusing an AI repeated with a different value."""
    seen: dict[str, str] = {}
    elements = []
    for ai, raw in pairs:
        if ai in seen:
            if seen[ai] != raw:
                raise GS1Error(
                    f"AI {ai}: appears twice with different values {seen[ai]!r} and {raw!r}"
                )
            continue
        seen[ai] = raw
        elements.append(parse_element(ai, raw, today))
    if not elements:
        raise GS1Error("no GS1 element strings found")
    return GS1Data(tuple(elements))


def _is_uri(text: str) -> bool:
    return text[:8].lower().startswith(("http://", "https://"))


def _split_symbology_id(text: str) -> tuple[str | None, str]:
    """Return the leading symbology identifier ("]C1"...) if any, and the data after it."""
    # "]" is not a GS1 data character, so a leading one can only start an identifier.
    if text.startswith("]"):
        return text[:3], text[3:]
    return None, text


def parse_gs1(text: str, *, today: date | None = None) -> GS1Data:
    """Parse GS1 data as scanners give it (FNC1/GS, "(AI)" or Digital Link); GS1Error if bad."""
    text = (text or "").strip(" \t\r\n")
    if not text:
        raise GS1Error("empty input: no GS1 data")
    sid, body = _split_symbology_id(text)
    if _is_uri(body):
        return parse_digital_link(body, today=today)
    if sid is not None and sid not in GS1_SYMBOLOGY_IDS:
        raise GS1Error(f"symbology identifier {text[:3]} does not carry GS1 element strings")
    body = _FNC1_MARKERS.sub(GS, body)
    pairs = _split_hri(body) if body.lstrip(GS).startswith("(") else _split_fnc1(body)
    return _build(pairs, today)


def _dl_ai(segment: str) -> str:
    return _DL_SHORT_NAMES.get(segment, segment)


def _dl_key_index(segments: list[str]) -> int | None:
    """Index of the path segment naming the primary key, after any prefix the resolver uses."""
    for i, segment in enumerate(segments):
        if _dl_ai(segment) not in _DL_PRIMARY_KEYS or (len(segments) - i) % 2:
            continue
        if all(_dl_ai(segments[j]) in AIS for j in range(i, len(segments), 2)):
            return i
    return None


def _dl_query_pairs(query: str) -> list[tuple[str, str]]:
    """Return the (ai, value) pairs of a query string; non-AI keys such as linkType are skipped."""
    pairs = []
    for item in filter(None, query.split("&")):
        key, _, value = item.partition("=")
        # unquote, not unquote_plus: "+" is a GS1 data character, a space never is.
        key = unquote(key)
        if key.isdigit():
            pairs.append((key, unquote(value)))
    return pairs


def parse_digital_link(uri: str, *, today: date | None = None) -> GS1Data:
    """Parse a GS1 Digital Link URI (any host: /01/{gtin}/10/{lot}?17=...); GS1Error if invalid."""
    parts = urlsplit((uri or "").strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise GS1Error(f"not a GS1 Digital Link URI: {uri!r}")
    # Split before decoding so that an encoded "/" stays inside its value.
    segments = [unquote(s) for s in parts.path.split("/") if s]
    start = _dl_key_index(segments)
    if start is None:
        raise GS1Error(
            "not a GS1 Digital Link URI: the path needs a primary key and value pairs"
            " such as /01/{gtin}/10/{lot}"
        )
    path = segments[start:]
    pairs = [(_dl_ai(path[i]), path[i + 1]) for i in range(0, len(path), 2)]
    # Digital Link allows GTIN-8, -12 and -13 in the path; element strings always carry 14 digits.
    pairs = [(ai, raw.zfill(14) if ai == "01" and len(raw) in (8, 12, 13) else raw)
             for ai, raw in pairs]
    return _build(pairs + _dl_query_pairs(parts.query), today)


_BARE_KEY = re.compile(r"(00\d{18}|0[12]\d{14})")


def looks_like_gs1(text: str) -> bool:
    """Cheap structural test: is text worth handing to parse_gs1? (It may still be rejected.)"""
    text = (text or "").strip(" \t\r\n")
    sid, body = _split_symbology_id(text)
    if sid in GS1_SYMBOLOGY_IDS:
        return True
    if _is_uri(body):
        parts = urlsplit(body)
        return _dl_key_index([unquote(s) for s in parts.path.split("/") if s]) is not None
    if sid is not None:
        return False
    body = _FNC1_MARKERS.sub(GS, body).lstrip(GS)
    hri = _HRI_AI.match(body)
    if hri:
        return hri.group(1) in AIS
    if GS in body:
        return match_ai(body) is not None
    # Without a symbology identifier or separator, only a leading SSCC or GTIN is convincing:
    # a plain Code 128 label such as "10ABC" would otherwise pass for a lot number.
    return _BARE_KEY.match(body) is not None
