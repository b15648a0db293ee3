"""Sales' make_* factories: sales orders in any state, via the API."""
import threading

from tests.backend.factories import ok
from tests.conftest import ApiClient

SO = "/api/v1/sales-orders"


def make_order(api, customer, warehouse, lines):
    """A draft SO; lines are (product, qty) or (product, qty, unit_price) tuples."""
    body = [dict({"product_id": line[0]["id"], "qty_ordered": line[1]},
                 **({"unit_price": line[2]} if len(line) > 2 else {})) for line in lines]
    return ok(api.post(SO, {"customer_id": customer["id"], "warehouse_id": warehouse["id"],
                            "lines": body}), 201)


def get_order(api, order):
    return ok(api.get(f"{SO}/{order['id']}"))


def act(api, order, verb, body=None):
    """POST /sales-orders/<id>/<verb> and return the response."""
    return api.post(f"{SO}/{order['id']}/{verb}", body)


def pick(api, order, line, location, qty, **extra):
    """POST one pick of an order line from a bin; returns the response."""
    return api.post(f"{SO}/{order['id']}/picks", {"order_line_id": line["id"], "qty": qty,
                                                  "location_id": location["id"], **extra})


def short(api, order, line, qty):
    return api.post(f"{SO}/{order['id']}/short", {"order_line_id": line["id"], "qty": qty})


def make_lot(api, product, code, expiry):
    return ok(api.post(f"/api/v1/products/{product['id']}/lots", {"code": code, "expiry": expiry}))


def days_from_today(days):
    """An ISO date `days` after today in UTC (negative: before), as lots expire against."""
    from datetime import UTC, datetime, timedelta
    return (datetime.now(UTC).date() + timedelta(days=days)).isoformat()


def line_of(order, index=0):
    return order["lines"][index]


def moves_of(api, order, reason=None):
    """The order's ledger entries as (product_id, location_id, lot_id, qty, reason)."""
    items = ok(api.get(f"/api/v1/stock/moves?doc_type=sales_order&doc_id={order['id']}"
                       "&limit=500"))["items"]
    return [(m["product_id"], m["location_id"], m["lot_id"], m["qty"], m["reason"])
            for m in items if reason is None or m["reason"] == reason]


def special(api, warehouse, kind):
    """The warehouse's staging / transit / quarantine location."""
    locations = ok(api.get(f"/api/v1/warehouses/{warehouse['id']}/locations"))
    return next(l for l in locations if l["kind"] == kind)


def race(app, requests, user="picker"):
    """POST (url, body) requests at once, each from its own test client; returns the statuses."""
    barrier, statuses = threading.Barrier(len(requests)), [None] * len(requests)

    def send(i, url, body):
        client = ApiClient(app.test_client(), user)
        barrier.wait()
        statuses[i] = client.post(url, body).status_code
    threads = [threading.Thread(target=send, args=(i, url, body))
               for i, (url, body) in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses
