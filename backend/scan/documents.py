"""The QR codes Stocktap prints on its documents, and finding the document one names.

The format, defined here and nowhere else: ``STP:<TYPE>:<NUMBER>``, e.g. ``STP:PO:PO-000123``.
TYPE is one of DOCUMENT_TYPES' keys; NUMBER is the document's readable number. Uppercase
letters, digits, ":" and "-" fit QR's compact alphanumeric mode, so labels stay small.
"""
import re
from dataclasses import dataclass

from ..auth.access import require_any
from ..errors import NotFound
from ..purchasing.models import PurchaseOrder
from ..sales.models import SalesOrder, SalesReturn
from ..stocktake.models import Stocktake
from ..transfers.models import Transfer

QR_PREFIX = "STP"


@dataclass(frozen=True)
class DocumentType:
    """A kind of document that carries a QR code."""

    prefix: str
    name: str
    model: type
    warehouse_fields: tuple = ("warehouse_id",)  # seen by whoever works in any of them

    def number_of(self, row):
        """The readable number printed on the document."""
        # A sales return has no number column yet: its number is made from its id.
        return getattr(row, "number", None) or f"{self.prefix}-{row.id:06d}"

    def find(self, number):
        """The row with this number, or None."""
        if "number" in self.model._meta.fields:
            return self.model.get_or_none(self.model.number == number)
        match = re.fullmatch(rf"{self.prefix}-0*(\d{{1,12}})", number)
        return self.model.get_or_none(self.model.id == int(match.group(1))) if match else None


DOCUMENT_TYPES = {t.prefix: t for t in (
    DocumentType("PO", "purchase_order", PurchaseOrder),
    DocumentType("SO", "sales_order", SalesOrder),
    DocumentType("TR", "transfer", Transfer, ("from_warehouse_id", "to_warehouse_id")),
    DocumentType("ST", "stocktake", Stocktake),
    DocumentType("RET", "sales_return", SalesReturn),
)}


def document_qr(prefix, number):
    """The QR text to print on a document of type prefix ("PO", "SO", ...) with this number."""
    if prefix not in DOCUMENT_TYPES:
        raise ValueError(f"unknown document type {prefix!r}")
    return f"{QR_PREFIX}:{prefix}:{number}"


def is_document_qr(text):
    """Whether text is in Stocktap's document QR format (whatever the type)."""
    return text.upper().startswith(QR_PREFIX + ":")


def find_document(text, actor):
    """{"type", "prefix", "id", "number", "status"} of the document a QR names, when it is in
    the actor's warehouses; NotFound, Forbidden "warehouse"."""
    _, prefix, number = (text.strip().upper().split(":", 2) + ["", ""])[:3]
    doc_type = DOCUMENT_TYPES.get(prefix)
    if doc_type is None:
        known = ", ".join(DOCUMENT_TYPES)
        raise NotFound(f"{text} names no known document type (known: {known}).", field="code",
                       code="unknown_code")
    row = doc_type.find(number) if number else None
    if row is None:
        raise NotFound(f"No {doc_type.name.replace('_', ' ')} has the number {number or '(none)'}.",
                       field="code", code="unknown_code")
    require_any(actor, *(getattr(row, field) for field in doc_type.warehouse_fields))
    return {"type": doc_type.name, "prefix": prefix, "id": row.id,
            "number": doc_type.number_of(row), "status": row.status}
