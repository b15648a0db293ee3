"""The one JSON reader of request bodies: any body that is not plain, storable JSON is a 400.

Python's json module can fail on a hostile body in ways webargs does not expect (a
RecursionError from deep nesting, a ValueError from an integer of more than 4,300 digits), and
it accepts what the databases then refuse (a lone surrogate cannot be encoded as UTF-8).
Flask's request.get_json and webargs' body parsing both come here.
"""
import json
import math
import re

from flask.json.provider import DefaultJSONProvider
from webargs import core
from webargs.flaskparser import FlaskParser, is_json_request

from .errors import ApiError

MAX_DEPTH = 64  # far deeper than any of our schemas; the json module itself stops near 1,000
_SURROGATE = re.compile("[\ud800-\udfff]")
# A surrogate can only come from a \uD800-\uDFFF escape: UTF-8 cannot encode one.
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


class BadJson(ApiError, ValueError):
    """A body that is not usable JSON (400 bad_json). A ValueError too, so that
    request.get_json(silent=True) stays silent about it."""

    status = 400
    code = "bad_json"


def _finite(text):
    number = float(text)
    if not math.isfinite(number):
        raise BadJson(f"The number {text[:20]} is too large.", field="body")
    return number


def _no_constant(name):
    raise BadJson(f"{name} is not a JSON value.", field="body")


# One decoder for every body, as json.loads keeps one (a new one per call cost a third more).
_DECODER = json.JSONDecoder(parse_float=_finite, parse_constant=_no_constant)


def parse_json(raw):
    """The value of a JSON body (bytes or str); BadJson naming the field for anything else."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, (bytes, bytearray)) else raw
        value = _DECODER.decode(text)
    except RecursionError:
        raise BadJson(f"The body is nested more than {MAX_DEPTH} levels deep.",
                      field="body") from None
    except BadJson:
        raise
    except ValueError as error:  # malformed JSON, bad UTF-8, an integer too long to read
        raise BadJson(f"The body is not valid JSON: {str(error)[:200]}", field="body") from None
    # The walk costs more than the parse: only bodies that may fail it are walked.
    if text.count("[") + text.count("{") > MAX_DEPTH or _ESCAPED_SURROGATE.search(text):
        _check_structure(value)
    return value


def _check_structure(value):
    """Refuse nesting deeper than MAX_DEPTH and strings the databases cannot store."""
    pending = [(value, 0, "body")]
    while pending:
        item, depth, path = pending.pop()
        if depth > MAX_DEPTH:
            raise BadJson(f"The body is nested more than {MAX_DEPTH} levels deep.", field=path)
        if isinstance(item, str):
            _check_text(item, path)
        elif isinstance(item, dict):
            for key, child in item.items():
                _check_text(key, path)
                pending.append((child, depth + 1, key if path == "body" else f"{path}.{key}"))
        elif isinstance(item, list):
            pending.extend((child, depth + 1, f"{path}.{index}")
                           for index, child in enumerate(item))


def _check_text(text, path):
    if _SURROGATE.search(text):
        raise BadJson("A string holds a lone surrogate (an escape like \\ud800 that is not "
                      "half of a pair); send valid Unicode.", field=path)


class JsonProvider(DefaultJSONProvider):
    """Flask's JSON, reading with parse_json (request.get_json)."""

    def loads(self, s, **kwargs):
        return parse_json(s)


class BodyParser(FlaskParser):
    """webargs' Flask parser, reading JSON bodies with parse_json."""

    def _raw_load_json(self, req):
        if not is_json_request(req):
            return core.missing
        raw = req.get_data(cache=True)
        return parse_json(raw) if raw else core.missing
