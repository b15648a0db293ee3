"""What the alerts API reads and writes."""
import marshmallow as ma
from marshmallow import fields

from ..api import Id, Quantity


class AlertArgs(ma.Schema):
    """?warehouse_id= to see one warehouse's alerts."""

    warehouse_id = fields.Integer()


class AlertSchema(ma.Schema):
    """An alert, the figures behind it now, and what to order from whom."""

    id = fields.Integer()
    product_id = fields.Integer()
    sku = fields.Function(lambda s: s.product.sku)
    name = fields.Function(lambda s: s.product.name)
    unit = fields.Function(lambda s: s.product.unit)
    warehouse_id = fields.Integer()
    raised_at = fields.DateTime()
    cleared_at = fields.DateTime(allow_none=True)
    on_hand = fields.Function(lambda s: _q(s.level.on_hand))
    reserved = fields.Function(lambda s: _q(s.level.reserved))
    available = fields.Function(lambda s: _q(s.available))
    incoming = fields.Function(lambda s: _q(s.level.incoming))
    position = fields.Function(lambda s: _q(s.position))
    min_qty = fields.Function(lambda s: _q(s.level.min_qty))
    reorder_point = fields.Function(lambda s: _q(s.level.reorder_point))
    max_qty = fields.Function(lambda s: _q(s.level.max_qty))
    threshold = fields.Function(lambda s: _q(s.threshold))
    suggested_qty = fields.Function(lambda s: _q(s.order_qty))
    pack_qty = fields.Function(lambda s: _q(s.product.supplier_pack_qty))
    supplier_id = fields.Integer(allow_none=True)
    purchase_order_id = fields.Integer(allow_none=True)


def _q(value):
    return Quantity()._serialize(value, None, None)


class AlertPageSchema(ma.Schema):
    """The open alerts, newest first (all of them: one per product and warehouse at most)."""

    items = fields.List(fields.Nested(AlertSchema))
    next = fields.Integer(allow_none=True)


class SupplierOrderSchema(ma.Schema):
    """Which supplier's open alerts, in which warehouse, to order in one draft."""

    supplier_id = Id(required=True)
    warehouse_id = Id(required=True)
