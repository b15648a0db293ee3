"""What purchasing's API reads and writes: orders, receipts, returns."""
import marshmallow as ma
from marshmallow import ValidationError, fields, pre_dump, validate, validates_schema

from ..api import Id, Money, PageArgs, Quantity, Text
from . import service
from .states import PURCHASE_ORDER

MAX_LINES = 500


def _number(value):
    return Quantity()._serialize(value, None, None)


class PurchaseOrderLineInSchema(ma.Schema):
    """A product, how many and at what unit cost."""

    product_id = Id(required=True)
    qty_ordered = Quantity(required=True)
    unit_cost = Money(required=True, allow_zero=True)


class PurchaseOrderLinePatchSchema(ma.Schema):
    """Changes to a draft line."""

    qty_ordered = Quantity()
    unit_cost = Money(allow_zero=True)


class PurchaseOrderPatchSchema(ma.Schema):
    """Changes to a draft order; `lines`, when given, replaces all its lines."""

    supplier_id = Id()
    warehouse_id = Id()
    expected_date = fields.Date(allow_none=True)
    notes = Text(2000)
    lines = fields.List(fields.Nested(PurchaseOrderLineInSchema),
                        validate=validate.Length(max=MAX_LINES))


class PurchaseOrderInSchema(PurchaseOrderPatchSchema):
    """A new (draft) purchase order."""

    supplier_id = Id(required=True)
    warehouse_id = Id(required=True)


class PurchaseOrderListArgs(PageArgs):
    """Filters for the order list."""

    status = fields.String(validate=validate.OneOf(PURCHASE_ORDER.statuses))
    supplier_id = fields.Integer()
    warehouse_id = fields.Integer()


class PurchaseOrderLineSchema(ma.Schema):
    """A PO line with what has happened to it."""

    id = fields.Integer()
    product_id = fields.Integer()
    sku = fields.Function(lambda l: l.product.sku)
    qty_ordered = Quantity()
    qty_received = Quantity()
    qty_returned = Quantity()
    outstanding = Quantity()
    over_received = Quantity()
    unit_cost = Money()
    amount = fields.Function(lambda l: _number(l.qty_ordered * l.unit_cost))


class PurchaseMovedLineSchema(ma.Schema):
    """A quantity of a PO line in one location (a receipt or return line)."""

    id = fields.Integer()
    order_line_id = fields.Integer()
    location_id = fields.Integer()
    lot_id = fields.Integer(allow_none=True)
    qty = Quantity()


class PurchaseReceiptSummarySchema(ma.Schema):
    """A receipt inside its order."""

    id = fields.Integer()
    user_id = fields.Integer(allow_none=True)
    device = fields.String(allow_none=True)
    created_at = fields.DateTime()
    lines = fields.List(fields.Nested(PurchaseMovedLineSchema))


class PurchaseReturnSchema(PurchaseReceiptSummarySchema):
    """A purchase return."""

    order_id = fields.Integer()
    reason = fields.String()


class PurchaseOrderSummarySchema(ma.Schema):
    """A purchase order's header."""

    id = fields.Integer()
    number = fields.String()
    supplier_id = fields.Integer()
    warehouse_id = fields.Integer()
    status = fields.String()
    expected_date = fields.Date(allow_none=True)
    notes = fields.String()
    created_by_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class PurchaseOrderSchema(PurchaseOrderSummarySchema):
    """A purchase order with its lines, receipts, returns and amounts."""

    @pre_dump
    def load_lines(self, order, **kwargs):
        """Read the lines and their products once, for the lines and the amounts."""
        order.line_rows = service.lines_of(order)
        return order

    lines = fields.Function(lambda o: PurchaseOrderLineSchema(many=True).dump(o.line_rows))
    total = fields.Function(lambda o: _number(service.order_total(o.line_rows)))
    amount_received = fields.Function(lambda o: _number(
        sum(l.qty_received * l.unit_cost for l in o.line_rows)))
    amount_returned = fields.Function(lambda o: _number(
        sum(l.qty_returned * l.unit_cost for l in o.line_rows)))
    receipts = fields.Function(lambda o: PurchaseReceiptSummarySchema(many=True).dump(
        service.receipts_of(o)))
    returns = fields.Function(lambda o: PurchaseReturnSchema(many=True).dump(service.returns_of(o)))
    approval_id = fields.Function(service.open_approval_id)


class PurchaseReceiptLineInSchema(ma.Schema):
    """One scanned line: which PO line (or product), how many, where, which lot."""

    order_line_id = Id()
    product_id = Id()
    qty = Quantity(required=True)
    location_id = Id(required=True)
    lot = Text(40, required=False, min_length=1)
    expiry = fields.Date()

    @validates_schema
    def one_reference(self, data, **kwargs):
        """Exactly one of order_line_id and product_id."""
        if ("order_line_id" in data) == ("product_id" in data):
            raise ValidationError("Give order_line_id or product_id (one of them).",
                                  field_name="order_line_id")


class PurchaseReceiptInSchema(ma.Schema):
    """Goods received against a PO, each line straight into the bin scanned (location_id;
    GET /stock/putaway suggests one), with the lot and expiry a GS1 code carries. More than a
    line's outstanding is refused (409 over_receipt) unless allow_over is true (the user
    confirmed the over-receipt)."""

    lines = fields.List(fields.Nested(PurchaseReceiptLineInSchema), required=True,
                        validate=validate.Length(min=1, max=MAX_LINES))
    allow_over = fields.Boolean(load_default=False)


class FinishReceivingSchema(ma.Schema):
    """The end of receiving: close the PO short (true) or leave it open (false)."""

    close = fields.Boolean(required=True)


class PurchaseReceiptLineSchema(ma.Schema):
    """A received line with the PO line's figures after it."""

    id = fields.Integer()
    order_line_id = fields.Function(lambda r: r["order_line"].id)
    product_id = fields.Function(lambda r: r["order_line"].product_id)
    location_id = fields.Integer()
    lot_id = fields.Integer(allow_none=True)
    qty = Quantity()
    qty_ordered = fields.Function(lambda r: _number(r["order_line"].qty_ordered))
    qty_received = fields.Function(lambda r: _number(r["order_line"].qty_received))
    outstanding = fields.Function(lambda r: _number(r["order_line"].outstanding))
    over_received = fields.Function(lambda r: _number(r["order_line"].over_received))


def _warnings(receipt):
    return [{"code": "over_received", "order_line_id": r["order_line"].id,
             "message": f"Line {r['order_line'].id}: {_number(r['order_line'].qty_received)} "
                        f"received, {_number(r['order_line'].qty_ordered)} ordered "
                        f"({_number(r['order_line'].over_received)} over)."}
            for r in receipt.results if r["order_line"].over_received > 0]


class PurchaseReceiptSchema(ma.Schema):
    """A receipt: what arrived, the PO's status after it, and any over-receipt."""

    id = fields.Integer()
    order_id = fields.Function(lambda r: r.order.id)
    order_status = fields.Function(lambda r: r.order.status)
    user_id = fields.Integer(allow_none=True)
    device = fields.String(allow_none=True)
    created_at = fields.DateTime()
    lines = fields.List(fields.Nested(PurchaseReceiptLineSchema), attribute="results")
    over_received = fields.Function(lambda r: bool(_warnings(r)))
    warnings = fields.Function(_warnings)


class PurchaseReturnLineInSchema(ma.Schema):
    """One line going back: which PO line, how many, from where, which lot."""

    order_line_id = Id(required=True)
    qty = Quantity(required=True)
    location_id = Id(required=True)
    lot_id = Id(allow_none=True)


class PurchaseReturnInSchema(ma.Schema):
    """Goods sent back to the supplier, and why."""

    reason = Text(200, required=True)
    lines = fields.List(fields.Nested(PurchaseReturnLineInSchema), required=True,
                        validate=validate.Length(min=1, max=MAX_LINES))
