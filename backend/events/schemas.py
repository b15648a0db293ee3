"""What the events API sends."""
import marshmallow as ma
from marshmallow import fields

from ..api import PageArgs


class EventSchema(ma.Schema):
    """An event as it was sent: its cursor, name, room and payload (with the cursor)."""

    cursor = fields.Integer()
    event = fields.String()
    room = fields.String()
    payload = fields.Dict()


class EventPage(ma.Schema):
    """A page of events; `next` is the cursor to ask from (null: nothing more for now)."""

    items = fields.List(fields.Nested(EventSchema))
    next = fields.Integer(allow_none=True)


class EventArgs(PageArgs):
    """?after=CURSOR&limit= (at most 500)."""
