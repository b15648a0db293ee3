"""What the device copy looks like (documented in the OpenAPI; built by service.catalog_copy)."""
import marshmallow as ma
from marshmallow import fields


def _rows(description):
    return fields.List(fields.Dict(), metadata={"description": description})


class CatalogCopySchema(ma.Schema):
    """The catalog copy a device keeps offline for the caller's warehouses."""

    products = _rows("id, sku, name, unit, unit_decimals, tracks_lots, active, price")
    barcodes = _rows("code (GTINs as 14 digits), product_id, pack_qty")
    lots = _rows("id, product_id, code, expiry")
    warehouses = _rows("id, code, name: the caller's warehouses")
    locations = _rows("id, code, barcode, kind, zone, warehouse_id, warehouse_code")
    levels = _rows("product_id, warehouse_id, on_hand, reserved, available, incoming")
    balances = _rows("product_id, location_id, location, warehouse_id, lot, expiry, on_hand")
    incoming = _rows("product_id, warehouse_id, supplier, remaining, expected_date, number "
                     "(null without purchasing.read)")
    documents = _rows("open purchase orders a scan may name: type, prefix, id, number, status "
                      "(empty without purchasing.read)")
