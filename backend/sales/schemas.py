"""What the sales API reads and writes: orders, picks, shipments, returns."""
import marshmallow as ma
from marshmallow import ValidationError, fields, validate, validates_schema
from webargs.fields import DelimitedList

from ..api import Id, Money, PageArgs, Quantity, Text
from ..approvals.service import pending_for
from .models import RETURN_REASONS
from .service import to_pick
from .states import SALES_ORDER

DISPOSITIONS = ("restock", "quarantine")


class SalesLineInSchema(ma.Schema):
    """A product on an order; the price defaults to the product's price."""

    product_id = Id(required=True)
    qty_ordered = Quantity(required=True)
    unit_price = Money(allow_zero=True)


class SalesOrderInSchema(ma.Schema):
    """A new (draft) sales order."""

    customer_id = Id(required=True)
    warehouse_id = Id(required=True)
    notes = Text(2000)
    promised_date = fields.Date(allow_none=True)
    lines = fields.List(fields.Nested(SalesLineInSchema), validate=validate.Length(max=500))


class SalesOrderPatchSchema(ma.Schema):
    """Changes to a draft's header."""

    customer_id = Id()
    warehouse_id = Id()
    notes = Text(2000)
    promised_date = fields.Date(allow_none=True)


class SalesLinePatchSchema(ma.Schema):
    """Changes to a draft line."""

    qty_ordered = Quantity()
    unit_price = Money(allow_zero=True)


class SalesLineSchema(ma.Schema):
    """A line with where it stands."""

    id = fields.Integer()
    product_id = fields.Integer()
    sku = fields.Function(lambda l: l.product.sku)
    name = fields.Function(lambda l: l.product.name)
    qty_ordered = Quantity()
    qty_reserved = Quantity()
    qty_picked = Quantity()
    qty_short = Quantity()
    qty_shipped = Quantity()
    qty_backordered = Quantity()
    qty_returned = Quantity()
    qty_to_pick = fields.Function(lambda l: Quantity()._serialize(to_pick(l), 0, 0))
    short_reason = fields.String(allow_none=True)
    unit_price = Money()
    amount = fields.Function(lambda l: Money()._serialize(_billed(l) * l.unit_price, 0, 0))
    cogs = Money()


class SalesShipmentSchema(ma.Schema):
    """One shipment with its cost of goods sold and revenue."""

    id = fields.Integer()
    cogs = Money()
    revenue = Money()
    user_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime()
    parcels = fields.Function(lambda s: s.parcel_codes)
    parcel_count = fields.Function(lambda s: len(s.parcel_codes))


def _billed(line):
    """The units a line bills: those left to a backorder are billed there."""
    return line.qty_ordered - line.qty_backordered


def _money_sum(values):
    return Money()._serialize(sum(values, 0), 0, 0)


class SalesOrderSummarySchema(ma.Schema):
    """An order in a list."""

    id = fields.Integer()
    number = fields.String()
    customer_id = fields.Integer()
    customer = fields.Function(lambda o: o.customer.name)
    warehouse_id = fields.Integer()
    warehouse = fields.Function(lambda o: o.warehouse.name)
    status = fields.String()
    notes = fields.String()
    promised_date = fields.Date(allow_none=True)
    backorder_of_id = fields.Integer(allow_none=True)
    lines_count = fields.Integer()
    units_remaining = Quantity(allow_zero=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


def _order_ref(order):
    return {"id": order.id, "number": order.number, "status": order.status}


class SalesOrderSchema(SalesOrderSummarySchema):
    """An order with its lines, shipments and totals."""

    lines = fields.Function(lambda o: SalesLineSchema(many=True).dump(o.line_rows))
    shipments = fields.Function(lambda o: SalesShipmentSchema(many=True).dump(o.shipment_rows))
    backorder_of = fields.Function(
        lambda o: _order_ref(o.backorder_of_row) if o.backorder_of_row else None)
    backorders = fields.Function(lambda o: [_order_ref(b) for b in o.backorder_rows])
    total = fields.Function(lambda o: _money_sum(_billed(l) * l.unit_price
                                                 for l in o.line_rows))
    amount_shipped = fields.Function(lambda o: _money_sum(s.revenue for s in o.shipment_rows))
    cogs = fields.Function(lambda o: _money_sum(s.cogs for s in o.shipment_rows))


class SalesOrderArgs(PageArgs):
    """Filters for the order list."""

    status = fields.String(validate=validate.OneOf(SALES_ORDER.statuses))
    customer_id = fields.Integer()
    warehouse_id = fields.Integer()
    to_pick = fields.Boolean(load_default=False, metadata={"description": (
        "Only confirmed and picking orders, oldest promised date first (none last), then "
        "oldest id; `next` stays the id to pass as `after`.")})


class SalesPickInSchema(ma.Schema):
    """One scan: units of a line (or a product of the order) taken from a bin."""

    order_line_id = Id()
    product_id = Id()
    location_id = Id(required=True)
    qty = Quantity(required=True)
    lot_id = Id(allow_none=True)
    reason = Text(200, allow_none=True, metadata={"description": (
        "Why a lot expiring later than the first one in the bins is taken (required then: "
        "422 fefo_reason_required names the lot to take instead).")})
    override = fields.Boolean(load_default=False, metadata={"description": (
        "Take an expired lot anyway (permission sales.override_fefo; otherwise 409 "
        "lot_expired).")})

    @ma.validates_schema
    def _names_the_line(self, data, **kwargs):
        if data.get("order_line_id") is None and data.get("product_id") is None:
            raise ma.ValidationError("Name the order_line_id or the product_id.",
                                     "order_line_id")


class SalesPickSchema(ma.Schema):
    """A pick and what is left of its line."""

    id = fields.Integer()
    order_id = fields.Integer()
    order_line_id = fields.Integer()
    product_id = fields.Integer()
    location_id = fields.Integer()
    lot_id = fields.Integer(allow_none=True)
    qty = Quantity()
    line_picked = Quantity()
    line_remaining = Quantity()
    order_status = fields.String()
    reason = fields.String(allow_none=True)
    overridden_by = fields.Integer(allow_none=True)


class ShortInSchema(ma.Schema):
    """Units of a line that cannot be found."""

    order_line_id = Id(required=True)
    qty = Quantity(required=True)
    reason = Text(200, allow_none=True)


class PickListItemSchema(ma.Schema):
    """A bin holding a product still to pick, with what to take from it (first expiry first)."""

    order_line_id = fields.Integer()
    product_id = fields.Integer()
    sku = fields.String()
    name = fields.String()
    remaining = Quantity()
    location_id = fields.Integer()
    location = fields.String()
    sort_key = fields.String()
    lot_id = fields.Integer(allow_none=True)
    lot = fields.String(allow_none=True)
    expiry = fields.Date(allow_none=True)
    on_hand = Quantity()
    pick_qty = Quantity()
    fefo_rank = fields.Integer()
    expired = fields.Boolean()
    suggested = fields.Boolean(metadata={"description": (
        "Part of the FEFO plan for the line (pick_qty > 0): unexpired lots, first expiry "
        "first; an expired lot is never suggested.")})


class PickWalkItemSchema(PickListItemSchema):
    """A pick-list item of a cluster walk, naming its order (picks are posted per order)."""

    order_id = fields.Integer()
    order_number = fields.String()


class PickListSchema(ma.Schema):
    """The pick list in walking order."""

    order_id = fields.Integer()
    number = fields.String()
    status = fields.String()
    warehouse_id = fields.Integer()
    items = fields.List(fields.Nested(PickListItemSchema))


class PickWalkArgs(ma.Schema):
    """The orders of one walk: ?order_ids=1,2,3."""

    order_ids = DelimitedList(fields.Integer(validate=validate.Range(min=1)),
                                     required=True)


class WalkOrderSchema(ma.Schema):
    """An order of a walk."""

    id = fields.Integer()
    number = fields.String()
    status = fields.String()


class PickWalkSchema(ma.Schema):
    """Several orders' pick lists as one walk, in walking order."""

    order_ids = fields.List(fields.Integer())
    warehouse_id = fields.Integer()
    orders = fields.List(fields.Nested(WalkOrderSchema))
    items = fields.List(fields.Nested(PickWalkItemSchema))


class ShipInSchema(ma.Schema):
    """What a shipment hands over: its parcels, and whether what is not picked waits on a
    backorder (the default) or is released."""

    parcels = fields.List(Text(60), validate=validate.Length(max=500), load_default=list)
    backorder = fields.Boolean(load_default=True)


class ShippedOrderSchema(SalesOrderSchema):
    """The shipped order, with the backorder its remainder went to (or null)."""

    backorder = fields.Function(lambda o: {"id": o.new_backorder.id,
                                           "number": o.new_backorder.number}
                                if o.new_backorder else None)


class SalesReturnLineInSchema(ma.Schema):
    """A product coming back."""

    product_id = Id(required=True)
    qty = Quantity(required=True)
    lot_id = Id(allow_none=True)
    location_id = Id(allow_none=True)


class SalesReturnInSchema(ma.Schema):
    """A one-tap sales return: a reason code (a button) and/or a reason in words, restock to a
    bin (location_id on each line; GET /stock/putaway suggests one) or quarantine. Above
    RETURN_APPROVAL_AMOUNT (at the order's prices) it is created with status
    "pending_approval" and a sales_return approval; its stock moves come when approved."""

    order_id = Id(allow_none=True)
    warehouse_id = Id(required=True)
    reason_code = fields.String(validate=validate.OneOf(RETURN_REASONS))
    reason = Text(200, min_length=1)
    disposition = fields.String(required=True, validate=validate.OneOf(DISPOSITIONS))
    lines = fields.List(fields.Nested(SalesReturnLineInSchema), required=True,
                        validate=validate.Length(min=1, max=500))

    @validates_schema
    def some_reason(self, data, **kwargs):
        """A return says why: reason_code, reason, or both."""
        if data.get("reason_code") is None and data.get("reason") is None:
            raise ValidationError("Give reason_code or reason.", field_name="reason")


class SalesReturnLineSchema(ma.Schema):
    """A returned product and where it went."""

    id = fields.Integer()
    product_id = fields.Integer()
    order_line_id = fields.Integer(allow_none=True)
    location_id = fields.Integer()
    lot_id = fields.Integer(allow_none=True)
    qty = Quantity()


class SalesReturnSchema(ma.Schema):
    """A sales return."""

    id = fields.Integer()
    order_id = fields.Integer(allow_none=True)
    warehouse_id = fields.Integer()
    reason = fields.String()
    reason_code = fields.String()
    disposition = fields.String()
    status = fields.String()
    approval_id = fields.Function(lambda r: _open_approval_id("sales_return", r.id))
    user_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime()
    lines = fields.Function(lambda r: SalesReturnLineSchema(many=True).dump(
        r.lines.order_by(r.lines.model.id)))


class SalesReturnArgs(PageArgs):
    """Filters for the return list."""

    order_id = fields.Integer()
    warehouse_id = fields.Integer()


def _open_approval_id(doc_type, doc_id):
    approval = pending_for(doc_type, doc_id)
    return approval.id if approval else None


class ShipmentArgs(ma.Schema):
    """The last shipments of a product, for a return whose order is not known."""

    product_id = fields.Integer(required=True, validate=validate.Range(min=1))
    warehouse_id = fields.Integer(validate=validate.Range(min=1))
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=100))


class ShippedLineSchema(ma.Schema):
    """One shipped order line: what can still come back on it."""

    order_line_id = fields.Integer()
    product_id = fields.Integer()
    qty_shipped = Quantity(allow_zero=True)
    qty_returned = Quantity(allow_zero=True)
    returnable = Quantity(allow_zero=True)
    unit_price = Money()


class ShipmentSchema(ma.Schema):
    """A shipped sales order, newest first, with the lines of the asked product."""

    order_id = fields.Integer()
    number = fields.String()
    customer_id = fields.Integer()
    customer = fields.String()
    warehouse_id = fields.Integer()
    shipped_at = fields.DateTime()
    lines = fields.List(fields.Nested(ShippedLineSchema))


class ShipmentListSchema(ma.Schema):
    """{"items": [...]} (no paging: the newest `limit`)."""

    items = fields.List(fields.Nested(ShipmentSchema))
