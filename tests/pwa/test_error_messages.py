"""Every error code the server gives has words in each of the PWA's languages (pwa/i18n), so
a screen in Chinese does not show the server's English; ui.js messageFor picks them."""
import ast
import re
from pathlib import Path

import pytest
from werkzeug import exceptions

ROOT = Path(__file__).resolve().parents[2]
# The werkzeug errors the server's stack raises (routing, body parsing, the sign-in limiter);
# errors.py answers them with their name as the code.
HTTP_ERRORS = [exceptions.BadRequest, exceptions.NotFound, exceptions.MethodNotAllowed,
               exceptions.RequestEntityTooLarge, exceptions.UnsupportedMediaType,
               exceptions.TooManyRequests, exceptions.InternalServerError]
# Codes the PWA makes itself (api.js, scan/codes.js): the same table serves them.
CLIENT_CODES = {"network", "no_device_copy"}


def _strings(node):
    """The string constants a `code` expression can take ("a" or `"a" if x else "b"`), or []."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    return []


# Ids a lookup names through a variable (partners' and the state machines' id_field); errors.from_body
# turns their NotFound into `unknown_<kind>`.
DYNAMIC_ID_FIELDS = {"supplier_id", "customer_id", "order_id", "transfer_id", "stocktake_id"}


def server_codes():
    """Every literal error code in backend/: `code="..."` arguments and assignments (an error
    class's `code = "..."`), `code="..."` parameter defaults (the state machines' bad_state),
    error_response's second argument, and the `unknown_<kind>` that
    errors.from_body makes of a NotFound naming `<kind>_id`."""
    codes = set()
    for path in (ROOT / "backend").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                codes.update(c for kw in node.keywords if kw.arg == "code" for c in _strings(kw.value))
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                if name == "NotFound":
                    codes.update(f"unknown_{f.removesuffix('_id')}" for kw in node.keywords
                                 if kw.arg == "field" for f in _strings(kw.value) if f.endswith("_id"))
                if name == "error_response" and len(node.args) > 1:
                    codes.update(_strings(node.args[1]))
            elif isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["code"]:
                codes.update(_strings(node.value))
            elif isinstance(node, ast.arguments):  # a `code="..."` parameter's default
                positional = node.posonlyargs + node.args
                pairs = list(zip(positional[len(positional) - len(node.defaults):], node.defaults))
                pairs += [(a, d) for a, d in zip(node.kwonlyargs, node.kw_defaults) if d]
                codes.update(c for arg, default in pairs if arg.arg == "code"
                             for c in _strings(default))
    codes |= {f"unknown_{field.removesuffix('_id')}" for field in DYNAMIC_ID_FIELDS}
    return codes | {error().name.lower().replace(" ", "_") for error in HTTP_ERRORS}


def error_words(language):
    """The error codes that pwa/i18n/<language>.js has words for."""
    text = (ROOT / "pwa" / "i18n" / f"{language}.js").read_text(encoding="utf-8")
    return set(re.findall(r"^\s*'error\.(\w+)':", text, re.MULTILINE))


def test_the_collector_finds_codes_of_each_kind():
    assert {"insufficient_stock", "bad_state", "conflict", "busy", "bad_json", "sign_count",
            "webauthn", "not_found", "too_many_requests", "unknown_product"} <= server_codes()


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_every_error_code_has_words_in_each_language(language):
    missing = (server_codes() | CLIENT_CODES) - error_words(language)
    assert not missing, f"pwa/i18n/{language}.js has no 'error.<code>' for {sorted(missing)}"


def test_the_languages_know_the_same_error_codes():
    assert error_words("en") == error_words("zh-CN")
