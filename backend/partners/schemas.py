"""What the supplier and customer APIs read and write (one shape for both roles)."""
import marshmallow as ma
from marshmallow import fields

from ..api import PageArgs, Text, page_of


class PartnerInSchema(ma.Schema):
    """A new supplier or customer."""

    code = Text(30, required=True)
    name = Text(200, required=True)
    email = Text(200)
    phone = Text(50)
    active = fields.Boolean()
    payment_terms = Text(100, metadata={"description": "What was agreed on paying, in words."})


class PartnerPatchSchema(PartnerInSchema):
    """Changes to a supplier or customer; every field optional, none emptied."""

    code = Text(30, min_length=1)
    name = Text(200, min_length=1)


class PartnerSchema(PartnerInSchema):
    """A supplier or customer as shown."""

    id = fields.Integer()


class PartnerListArgs(PageArgs):
    """Filters for a partner list."""

    q = Text(100)
    active = fields.Boolean()


PartnerPage = page_of(PartnerSchema)
