"""What an approval asks a manager to decide: its document's lines, values and reason.

Each document type has one function building a plain dict (money as Decimal; the schema
writes it as a decimal string beside the business currency). The approvals area reads the
documents through their areas' own query helpers where those exist.
"""
from decimal import Decimal

import peewee

from ..purchasing.models import PurchaseOrder
from ..purchasing.service import lines_of, order_total
from ..sales.models import SalesReturn, SalesReturnLine
from ..stock.models import Adjustment, AdjustmentLine
from ..stocktake.models import Stocktake
from ..stocktake.service import variance_rows
from ..stocktake.variance import variance_value
from ..transfers.models import TransferDifference, TransferDifferenceLine


def _product(product):
    return {"product_id": product.id, "sku": product.sku, "name": product.name,
            "unit": product.unit}


def _warehouse(warehouse):
    return {"id": warehouse.id, "code": warehouse.code, "name": warehouse.name}


def _party(partner):
    return {"id": partner.id, "code": partner.code, "name": partner.name, "email": partner.email,
            "phone": partner.phone, "payment_terms": partner.payment_terms}


def purchase_order_detail(order_id):
    """A PO's supplier, lines (qty x unit price) and total."""
    order = PurchaseOrder.get_by_id(order_id)
    lines = lines_of(order)
    return {
        "number": order.number, "status": order.status, "warehouse": _warehouse(order.warehouse),
        "reason": order.notes,
        "supplier": _party(order.supplier),
        "expected_date": order.expected_date.isoformat() if order.expected_date else None,
        "lines": [dict(_product(line.product), qty=line.qty_ordered, unit_price=line.unit_cost,
                       value=line.qty_ordered * line.unit_cost) for line in lines],
        "total": order_total(lines)}


def adjustment_detail(adjustment_id):
    """An adjustment's reason and its lines (signed qty, valued at the product's cost)."""
    adjustment = Adjustment.get_by_id(adjustment_id)
    lines = (adjustment.lines.select(AdjustmentLine).order_by(AdjustmentLine.id))
    rows = [dict(_product(line.product), location=line.location.code, qty=line.qty,
                 unit_price=line.product.cost, value=line.qty * line.product.cost)
            for line in lines]
    return {"number": f"ADJ-{adjustment.id}", "status": adjustment.status,
            "warehouse": _warehouse(adjustment.warehouse), "reason": adjustment.reason,
            "lines": rows, "total": sum((abs(r["value"]) for r in rows), Decimal(0))}


def stocktake_detail(stocktake_id):
    """A stocktake's places that differ: the ledger's figure, the count, the value."""
    stocktake = Stocktake.get_by_id(stocktake_id)
    rows = [dict(_product(row.product), location=row.location.code,
                 expected=row.ledger_qty_at_count, counted=row.counted_qty,
                 qty=row.counted_qty - row.ledger_qty_at_count,
                 unit_price=row.unit_cost or Decimal(0), value=variance_value(row))
            for row in variance_rows(stocktake)]
    return {"number": stocktake.number, "status": stocktake.status,
            "warehouse": _warehouse(stocktake.warehouse), "reason": "", "zone": stocktake.zone,
            "lines": rows, "total": sum((abs(r["value"]) for r in rows), Decimal(0))}


def _return_price(line):
    return line.order_line.unit_price if line.order_line_id else line.product.price


def sales_return_detail(return_id):
    """A return's reason, order, customer and lines at the order's prices."""
    sales_return = SalesReturn.get_by_id(return_id)
    order = sales_return.order
    lines = sales_return.lines.select(SalesReturnLine).order_by(SalesReturnLine.id)
    rows = [dict(_product(line.product), location=line.location.code, qty=line.qty,
                 unit_price=_return_price(line), value=line.qty * _return_price(line))
            for line in lines]
    return {"number": f"RET-{sales_return.id}", "status": sales_return.status,
            "warehouse": _warehouse(sales_return.warehouse), "reason": sales_return.reason,
            "reason_code": sales_return.reason_code, "disposition": sales_return.disposition,
            "order_number": order.number if order else None,
            "customer": _party(order.customer) if order else None,
            "lines": rows, "total": sum((r["value"] for r in rows), Decimal(0))}


def transfer_difference_detail(difference_id):
    """A transfer received short: per line what was shipped, what arrived, what is missing
    (signed, valued at the product's cost), and the receiver's note."""
    difference = TransferDifference.get_by_id(difference_id)
    transfer = difference.transfer
    rows = []
    for short in difference.lines.order_by(TransferDifferenceLine.id):
        line = short.transfer_line
        cost = line.product.cost or Decimal(0)
        rows.append(dict(_product(line.product), expected=line.qty, counted=line.qty - short.qty_short,
                         qty=-short.qty_short, unit_price=cost, value=-short.qty_short * cost))
    return {"number": transfer.number, "status": transfer.status,
            "warehouse": _warehouse(difference.warehouse), "reason": difference.note,
            "lines": rows, "total": sum((abs(r["value"]) for r in rows), Decimal(0))}


DETAILS = {
    "purchase_order": purchase_order_detail,
    "adjustment": adjustment_detail,
    "stocktake": stocktake_detail,
    "sales_return": sales_return_detail,
    "transfer_difference": transfer_difference_detail,
}


def detail_of(approval):
    """What the approval's document holds, or None for a document type without a describer
    (a kind added later) or a document that is gone: the approval itself still shows."""
    describe = DETAILS.get(approval.doc_type)
    try:
        return describe(approval.doc_id) if describe else None
    except peewee.DoesNotExist:
        return None
