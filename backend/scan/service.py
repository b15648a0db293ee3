"""What a scanned code stands for, and reading the codes in a camera image.

Resolution order: a Stocktap document QR, then GS1 data (element strings or Digital Link),
then a location label, then a product barcode or SKU. Nothing here writes.
"""
from scanner import ImageError, decode, image_size
from scanner.gs1 import GS1Error, looks_like_gs1, parse_gs1

from ..auth.access import require_warehouse
from ..catalog.codes import is_valid_gtin, normalise_code
from ..catalog.service import find_by_code
from ..concurrency import offload
from ..errors import ApiError, Invalid, NotFound
from ..stock.models import Location, Lot, Warehouse
from .budget import decoding
from .documents import find_document, is_document_qr

MODES = ("frame", "still")


def resolve(code, actor, symbology=None, is_gs1=False):
    """{"kind", "code", ...} for a scanned code; NotFound (unknown_code), Invalid (bad_gs1),
    Forbidden "warehouse" for a location or document outside the actor's warehouses."""
    text = code or ""
    plain = text.strip()
    if not plain:
        raise Invalid("The code is empty.", field="code", code="empty_code")
    if is_document_qr(plain):
        return {"kind": "document", "code": plain, "document": find_document(plain, actor)}
    if is_gs1 or looks_like_gs1(text):
        try:
            data = parse_gs1(text)
        except GS1Error as error:
            bad_gs1 = Invalid(str(error), field="code", code="bad_gs1")
            if is_gs1:
                raise bad_gs1 from error
            # Only a heuristic said GS1: the code may still be a label or barcode we know.
            return _resolve_plain_or(plain, symbology, bad_gs1, actor)
        return _resolve_gs1(text, data)
    return _resolve_plain(plain, symbology, actor)


def _resolve_plain_or(plain, symbology, error, actor):
    try:
        return _resolve_plain(plain, symbology, actor)
    except NotFound:
        raise error from None


def _resolve_plain(plain, symbology, actor):
    location = (Location.select(Location, Warehouse).join(Warehouse)
                .where(Location.barcode == plain).first())
    if location is not None:
        require_warehouse(actor, location.warehouse_id)
        return {"kind": "location", "code": plain, "location": _location_fields(location)}
    lookup = expand_upce(plain) if _symbology_key(symbology) == "upce" else plain
    product, pack_qty = find_by_code(lookup)
    gtin = normalise_code(lookup) if is_valid_gtin(lookup) else None
    return _product_result(plain, product, pack_qty, gtin, None)


def _resolve_gs1(text, data):
    """A product (AI 01/02) or a logistic unit (AI 00) from parsed GS1 data."""
    if data.sscc is not None:
        return _sscc_result(text, data)
    gtin = data.gtin or data.content_gtin
    if gtin is None:
        raise NotFound(f"The GS1 data {text!r} carries no GTIN or SSCC.", field="code",
                       code="unknown_code")
    product, pack_qty = find_by_code(gtin)
    return _product_result(text, product, pack_qty, gtin, data)


def _product_result(code, product, pack_qty, gtin, data):
    lot_code = data.lot if data is not None else None
    lot = Lot.get_or_none(Lot.product == product.id, Lot.code == lot_code) if lot_code else None
    result = {"kind": "product", "code": code, "product": _product_fields(product),
              "pack_qty": pack_qty, "gtin": gtin}
    result.update(_tracking_fields(data))
    result["lot_id"] = lot.id if lot is not None else None
    return result


def _sscc_result(text, data):
    """A pallet or case label; no pallet table exists, so the SSCC itself is never known."""
    result = {"kind": "sscc", "code": text, "sscc": data.sscc, "known": False,
              "reason": "unknown_sscc", "gtin": data.content_gtin or data.gtin}
    result.update(_tracking_fields(data))
    if result["gtin"]:
        try:
            product, pack_qty = find_by_code(result["gtin"])
            result.update(product=_product_fields(product), pack_qty=pack_qty)
        except NotFound:
            result["product"] = None
    return result


def _tracking_fields(data):
    """Lot, expiry, serial and count from GS1 data (all None for a plain barcode)."""
    if data is None:
        return {"lot": None, "expiry": None, "serial": None, "count": None, "gs1": None}
    # A lot carries one date: the expiry (AI 17), or else the best-before date (AI 15).
    return {"lot": data.lot, "expiry": data.expiry or data.best_before, "serial": data.serial,
            "count": data.count, "gs1": data.as_dict()}


def _product_fields(product):
    return {"id": product.id, "sku": product.sku, "name": product.name, "unit": product.unit,
            "unit_decimals": product.unit_decimals, "tracks_lots": product.tracks_lots,
            "active": product.active}


def _location_fields(location):
    return {"id": location.id, "code": location.code, "kind": location.kind,
            "zone": location.zone, "warehouse_id": location.warehouse_id,
            "warehouse_code": location.warehouse.code}


def _symbology_key(symbology):
    """"UPC-E", "upc_e" (BarcodeDetector) and "UPCE" all name the same symbology."""
    return (symbology or "").lower().replace("-", "").replace("_", "")


def expand_upce(code):
    """The 12-digit UPC-A an 8-digit UPC-E stands for (other text unchanged)."""
    if len(code) != 8 or not code.isdigit() or code[0] not in "01":
        return code
    ns, d, check = code[0], code[1:7], code[7]
    last = d[5]
    if last in "012":
        body = d[0:2] + last + "0000" + d[2:5]
    elif last == "3":
        body = d[0:3] + "00000" + d[3:5]
    elif last == "4":
        body = d[0:4] + "00000" + d[4]
    else:
        body = d[0:5] + "0000" + last
    return ns + body + check


def read_codes(image, mode="still"):
    """The scanner's Readings for an encoded image, decoded within the process's pixel budget;
    Invalid (bad_image) for unusable input, Busy when the budget is spent."""
    try:
        width, height = image_size(image)
        pixels = width * height
        if pixels > decoding.total:
            raise ImageError(f"image too large: {width}x{height} exceeds the server's "
                             f"{decoding.total} pixels")
        with decoding.reserve(pixels):
            return offload(decode, image, mode=mode)
    except ImageError as error:
        raise Invalid(str(error), field="image", code="bad_image") from error


def decode_image(image, actor, mode="still"):
    """Every code in an encoded image with what it resolves to; Invalid (bad_image)."""
    return [reading_result(reading, actor) for reading in read_codes(image, mode)]


def reading_result(reading, actor):
    """A scanner Reading as JSON-ready data, with its resolution or the error resolving it."""
    return {"symbology": reading.symbology, "text": reading.text, "gtin": reading.gtin,
            "is_gs1": reading.is_gs1,
            "polygon": [[round(x, 1), round(y, 1)] for x, y in reading.polygon],
            "resolution": _resolution_or_error(reading, actor)}


def _resolution_or_error(reading, actor):
    try:
        return resolve(reading.text, actor, reading.symbology, reading.is_gs1)
    except ApiError as error:
        return {"error": {"code": error.code, "message": error.message}}
