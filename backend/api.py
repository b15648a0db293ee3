"""The pieces every area's HTTP layer shares: the Api, list pagination, quantity fields."""
from decimal import Decimal

import marshmallow as ma
from flask_smorest import Api as SmorestApi
from flask_smorest import Blueprint as SmorestBlueprint
from marshmallow import fields, validate

from .json_body import BodyParser

MAX_QTY = Decimal("1000000000")
MAX_ID = 2**63 - 1  # the databases' integers


class Blueprint(SmorestBlueprint):
    """flask-smorest's Blueprint, with argument schemas made once rather than per request,
    and JSON bodies read by our one parser (backend/json_body.py).

    webargs instantiates a schema class on every request it parses (and the new instance
    re-binds its nested fields): a measurable share of a scan's time (bench/ledger.py).
    """

    ARGUMENTS_PARSER = BodyParser()

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


class Api(SmorestApi):
    """flask-smorest's Api with our error shape in the OpenAPI document."""

    ERROR_SCHEMA = ErrorSchema


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
