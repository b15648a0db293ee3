"""HTTP layer of labels: PDF or ZPL for products, bins, documents and received goods.

Each needs the read permission of what it labels (backend/auth/permissions.py), and documents
and bins their warehouse.
"""
from flask import Response

from ..api import Blueprint, ErrorSchema
from ..auth.actor import current_actor
from . import service
from .schemas import LabelArgs, ProductLabelArgs, ReceivedLabelArgs

blp = Blueprint("labels", __name__, url_prefix="/api/v1",
                description="Printable labels: PDF (sheets and rolls) and ZPL")

_FILE = {"schema": {"type": "string", "format": "binary"}}
LABEL_RESPONSE = {"200": {"description": "The labels", "content": {
    "application/pdf": _FILE, "application/zpl": {"schema": {"type": "string"}}}}}


def _send(labels, args, name):
    """The rendered labels as a download named name.pdf or name.zpl."""
    body, mimetype = service.render(labels, args)
    disposition = f'inline; filename="{name}.{args["format"]}"'
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": disposition})


@blp.get("/products/<int:product_id>/label")
@blp.arguments(ProductLabelArgs, location="query")
@blp.alt_response(422, schema=ErrorSchema, description="unknown_lot, wrong_lot, bad_lot_code (a lot GS1 "
                  "cannot carry), or a bad format, size or dpi")
@blp.doc(responses=LABEL_RESPONSE)
def get_product_label(args, product_id):
    """A product's label (GS1-128 and GS1 DataMatrix when it has a GTIN; lot and expiry with lot_id)."""
    label = service.product_label(product_id, args.get("lot_id"))
    return _send([label], args, f"product-{product_id}")


@blp.get("/locations/<int:location_id>/label")
@blp.arguments(LabelArgs, location="query")
@blp.doc(responses=LABEL_RESPONSE)
def get_location_label(args, location_id):
    """A bin's label: its code, Code 128 and QR of its barcode."""
    label = service.location_label(location_id, current_actor())
    return _send([label], args, f"location-{location_id}")


@blp.get("/purchase-orders/<int:order_id>/label")
@blp.arguments(LabelArgs, location="query")
@blp.doc(responses=LABEL_RESPONSE)
def get_purchase_order_label(args, order_id):
    """A purchase order's label with its STP:PO QR code."""
    label = service.document_label("PO", order_id, current_actor())
    return _send([label], args, f"po-{order_id}")


@blp.get("/sales-orders/<int:order_id>/label")
@blp.arguments(LabelArgs, location="query")
@blp.doc(responses=LABEL_RESPONSE)
def get_sales_order_label(args, order_id):
    """A sales order's label with its STP:SO QR code."""
    label = service.document_label("SO", order_id, current_actor())
    return _send([label], args, f"so-{order_id}")


@blp.get("/transfers/<int:transfer_id>/label")
@blp.arguments(LabelArgs, location="query")
@blp.doc(responses=LABEL_RESPONSE)
def get_transfer_label(args, transfer_id):
    """A transfer's label with its STP:TR QR code."""
    label = service.document_label("TR", transfer_id, current_actor())
    return _send([label], args, f"tr-{transfer_id}")


@blp.get("/stocktakes/<int:stocktake_id>/label")
@blp.arguments(LabelArgs, location="query")
@blp.doc(responses=LABEL_RESPONSE)
def get_stocktake_label(args, stocktake_id):
    """A stocktake's label with its STP:ST QR code."""
    label = service.document_label("ST", stocktake_id, current_actor())
    return _send([label], args, f"st-{stocktake_id}")


@blp.get("/purchase-orders/<int:order_id>/labels")
@blp.arguments(ReceivedLabelArgs, location="query")
@blp.alt_response(422, schema=ErrorSchema, description="too_many_labels (per=unit over 1000), "
                  "bad_lot_code, or a bad format, size, dpi or per")
@blp.doc(responses=LABEL_RESPONSE)
def get_received_labels(args, order_id):
    """Product labels for what the order received: per=line (one per product and lot, with the
    quantity) or per=unit (one per unit)."""
    labels = service.received_labels(order_id, current_actor(), args["per"])
    return _send(labels, args, f"po-{order_id}-received")
