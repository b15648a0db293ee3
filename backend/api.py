"""The pieces every area's HTTP layer shares: the Api, list pagination, quantity fields."""
from decimal import Decimal
from http import HTTPStatus

import marshmallow as ma
from flask_smorest import Api as SmorestApi
from flask_smorest import Blueprint as SmorestBlueprint
from marshmallow import fields, validate

from .auth.permissions import ENDPOINTS, PUBLIC
from .auth.sessions import COOKIE
from .json_body import BodyParser

MAX_QTY = Decimal("1000000000")
MAX_ID = 2**63 - 1  # the databases' integers
WRITES = ("post", "put", "patch", "delete")

SECURITY_SCHEMES = {
    "bearerToken": {"type": "http", "scheme": "bearer",
                    "description": "An API token (POST /api/v1/tokens), for integrations."},
    "sessionCookie": {"type": "apiKey", "in": "cookie", "name": COOKIE,
                      "description": "The PWA's session after a passkey sign-in; writes also "
                                     "send its X-CSRF-Token header."},
}
SIGNED_IN = [{name: []} for name in SECURITY_SCHEMES]  # either one


class Blueprint(SmorestBlueprint):
    """flask-smorest's Blueprint, with argument schemas made once rather than per request,
    and JSON bodies read by our one parser (backend/json_body.py).

    webargs instantiates a schema class on every request it parses (and the new instance
    re-binds its nested fields): a measurable share of a scan's time (bench/ledger.py).
    """

    ARGUMENTS_PARSER = BodyParser()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # After the arguments' callback (it replaces the parameters), before the responses'.
        self._prepare_doc_cbks.insert(1, self._prepare_operation_doc)

    def add_url_rule(self, rule, endpoint=None, view_func=None, provide_automatic_options=None,
                     **kwargs):
        super().add_url_rule(rule, endpoint, view_func, provide_automatic_options, **kwargs)
        endpoint = self._endpoints[-1]
        for method, doc in self._docs[endpoint].items():
            if method != "parameters":
                doc["operation"] = {"id": endpoint, "endpoint": f"{self.name}.{endpoint}",
                                    "path_ids": "<" in rule}

    @staticmethod
    def _prepare_operation_doc(doc, doc_info, *, method, **kwargs):
        """The operationId (the view's name), who may call it, and the errors it can give."""
        operation = doc_info["operation"]
        public = ENDPOINTS.get(operation["endpoint"]) == PUBLIC
        doc["operationId"] = operation["id"]
        doc["security"] = [] if public else SIGNED_IN
        documented = doc_info.get("arguments", {}).get("responses", {})
        responses = doc_info.setdefault("response", {}).setdefault("responses", {})
        for status in error_statuses(method, public, operation["path_ids"]):
            if status not in documented and status not in responses:
                responses[status] = [HTTPStatus(status).name]
        return doc

    def arguments(self, schema, *args, **kwargs):
        return super().arguments(schema() if isinstance(schema, type) else schema,
                                 *args, **kwargs)


class ErrorBodySchema(ma.Schema):
    """The error object inside every error response."""

    code = fields.String(required=True)
    message = fields.String(required=True)
    field = fields.String()


class ErrorSchema(ma.Schema):
    """Every error response: {"error": {...}}."""

    error = fields.Nested(ErrorBodySchema, required=True)


def error_statuses(method, public, path_ids):
    """The error statuses an operation can answer, by what every operation of its kind can meet."""
    statuses = [] if public else [401, 403]
    if path_ids:
        statuses.append(404)  # an unknown id in the path
    if method in WRITES:
        # The body is read whole within a size and time limit (bodies.py); a reused
        # Idempotency-Key is 422; a state, duplicate or integrity clash is 409.
        statuses += [408, 409, 413, 422]
    return statuses


class Api(SmorestApi):
    """flask-smorest's Api with our error shape and sign-in schemes in the OpenAPI document."""

    ERROR_SCHEMA = ErrorSchema

    def init_app(self, app, *args, **kwargs):
        super().init_app(app, *args, **kwargs)
        for name, scheme in SECURITY_SCHEMES.items():
            self.spec.components.security_scheme(name, scheme)


class MoneyText(fields.Field):
    """An amount written out as a decimal string ("2041.75", at least 2 places, at most 4),
    to be read beside a currency code: no float rounding on the way to the client."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return None
        text = f"{Decimal(value).quantize(Decimal('0.0001')):f}"
        whole, _, places = text.partition(".")
        return f"{whole}.{places.rstrip('0').ljust(2, '0')}"


def Id(**kwargs):
    """A whole, positive id given as a JSON integer."""
    return fields.Integer(strict=True, validate=validate.Range(min=1), **kwargs)


class Quantity(fields.Decimal):
    """A positive quantity with at most 3 decimals; written out as a JSON number."""

    def __init__(self, allow_zero=False, signed=False, **kwargs):
        if signed:
            rng = validate.Range(min=-MAX_QTY, max=MAX_QTY)
        else:
            rng = validate.Range(min=0, max=MAX_QTY, min_inclusive=allow_zero)
        super().__init__(allow_nan=False, validate=rng, **kwargs)

    def _validated(self, value):
        number = super()._validated(value)
        if number is not None and number.as_tuple().exponent < -3:
            raise self.make_error("invalid")
        return number

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return None
        value = Decimal(value)
        return int(value) if value == value.to_integral_value() else float(value)


class Money(Quantity):
    """An amount or unit price, up to 4 decimals, never negative (zero is fine)."""

    def __init__(self, allow_zero=True, **kwargs):
        super().__init__(allow_zero=allow_zero, **kwargs)

    def _validated(self, value):
        number = fields.Decimal._validated(self, value)
        if number is not None and number.as_tuple().exponent < -4:
            raise self.make_error("invalid")
        return number


def _no_nul(text):
    # PostgreSQL cannot store NUL in text. Other control characters stay: GS1 data has GS.
    if "\x00" in text:
        raise ma.ValidationError("The NUL character (U+0000) is not allowed.")


def Text(max_length=200, required=False, min_length=None, **kwargs):
    """A string with a bounded length and no NUL character (required: not empty)."""
    if min_length is None:
        min_length = 1 if required else 0
    return fields.String(required=required, validate=[
        validate.Length(min=min_length, max=max_length), _no_nul], **kwargs)


class PageArgs(ma.Schema):
    """?limit=&after= on every list."""

    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))
    after = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_ID))


def paginate(query, model, args):
    """One page of a query, ordered by id: {"items": [...], "next": cursor or None}."""
    rows = list(query.where(model.id > args["after"]).order_by(model.id).limit(args["limit"] + 1))
    more = len(rows) > args["limit"]
    rows = rows[:args["limit"]]
    return {"items": rows,
            "next": rows[-1].id if more and rows else None}


def page_of(item_schema):
    """The {"items": [...], "next": ...} schema for a list of item_schema."""
    name = item_schema.__name__.replace("Schema", "") + "Page"
    return type(name, (ma.Schema,), {"items": fields.List(fields.Nested(item_schema)),
                                     "next": fields.Integer(allow_none=True)})
