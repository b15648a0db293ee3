"""A warehouse at full tilt through the real server (gunicorn, 4 workers), on both databases:
receipts, order entry, picks, shipments, transfers, adjustments, returns and stocktakes at once,
on the same few products and bins. No request may fail for being concurrent: no 5xx, no
clash on a unique value, and the ledger adds up afterwards (the `app` fixture checks it)."""
import random
import threading
import uuid

import pytest
import requests

from tests.backend.factories import add_stock, make_location, make_partner, make_product, make_warehouse, ok
from tests.backend.purchasing import factories as purchasing
from tests.backend.sales import factories as sales

pytestmark = pytest.mark.slow

CLIENTS = 12
OPERATIONS = 240


@pytest.fixture
def site(api):
    """Two warehouses of two bins, three products stocked in the first, a PO for all three."""
    warehouses = [make_warehouse(api), make_warehouse(api)]
    bins = {w["id"]: [make_location(api, w), make_location(api, w)] for w in warehouses}
    products = [make_product(api) for _ in range(3)]
    for product in products:
        for bin_ in bins[warehouses[0]["id"]]:
            add_stock(api, product, bin_, 300)
    po = purchasing.make_order(api, make_partner(api, "suppliers"), warehouses[0],
                               [(p, 100_000, "0.01") for p in products])
    purchasing.submit(api, po)
    return {"from": warehouses[0]["id"], "to": warehouses[1]["id"], "bins": bins,
            "products": products, "po": po, "customer": make_partner(api, "customers")}


class Floor:
    """The phones: each operation is a short sequence of requests, as a person would send."""

    def __init__(self, url, api, site, seed):
        self.url, self.site, self.random = url, site, random.Random(seed)
        self.headers = dict(api.headers, **{"X-Device": "mixed-load"})
        self.boss = dict(api.as_user("boss").headers, **{"X-Device": "mixed-load"})
        self.orders, self.failures = [], []
        self.lock = threading.Lock()

    def post(self, session, path, body, headers=None):
        headers = dict(headers or self.headers, **{"Idempotency-Key": uuid.uuid4().hex})
        response = session.post(self.url + path, json=body, headers=headers, timeout=60)
        error = response.json().get("error", {}) if response.status_code >= 400 else {}
        if response.status_code >= 500 or error.get("code") == "conflict":
            with self.lock:
                self.failures.append((path, response.status_code, response.text[:300]))
        return response

    def approve(self, session, kind, doc_id):
        pending = session.get(self.url + "/api/v1/approvals?status=pending&limit=500",
                              headers=self.boss).json()["items"]
        for approval in pending:
            if approval["doc_type"] == kind and approval["doc_id"] == doc_id:
                self.post(session, f"/api/v1/approvals/{approval['id']}/approve", {}, self.boss)

    def operation(self, session):
        site, pick = self.site, self.random.random()
        product, bin_ = self.random.choice(site["products"]), self.random.choice(
            site["bins"][site["from"]])
        if pick < 0.25:
            line = next(l for l in site["po"]["lines"] if l["product_id"] == product["id"])
            self.post(session, f"{purchasing.PO}/{site['po']['id']}/receipts", {"lines": [
                {"order_line_id": line["id"], "qty": 2, "location_id": bin_["id"]}]})
        elif pick < 0.4:
            chosen = self.random.sample(site["products"], self.random.randint(1, 3))
            created = self.post(session, sales.SO, {
                "customer_id": site["customer"]["id"], "warehouse_id": site["from"],
                "lines": [{"product_id": p["id"], "qty_ordered": 2} for p in chosen]})
            if created.status_code == 201 and self.post(
                    session, f"{sales.SO}/{created.json()['id']}/confirm", {}).status_code == 200:
                with self.lock:
                    self.orders.append(created.json())
        elif pick < 0.65 and self.orders:
            order = self.random.choice(self.orders)
            line = self.random.choice(order["lines"])
            self.post(session, f"{sales.SO}/{order['id']}/picks", {
                "order_line_id": line["id"], "qty": 1, "location_id": bin_["id"]})
            if self.random.random() < 0.3:
                self.post(session, f"{sales.SO}/{order['id']}/ship", {})
        elif pick < 0.75:
            transfer = self.post(session, "/api/v1/transfers", {
                "from_warehouse_id": site["from"], "to_warehouse_id": site["to"],
                "lines": [{"product_id": product["id"], "qty": 1, "from_location_id": bin_["id"]}]})
            if transfer.status_code == 201:
                path = f"/api/v1/transfers/{transfer.json()['id']}"
                if self.post(session, path + "/ship", {}).status_code == 200:
                    to_bin = self.random.choice(site["bins"][site["to"]])
                    self.post(session, path + "/receive", {"to_location_id": to_bin["id"]})
        elif pick < 0.85:
            adjustment = self.post(session, "/api/v1/stock/adjustments", {
                "warehouse_id": site["from"], "reason": "found or lost",
                "lines": [{"product_id": product["id"], "location_id": bin_["id"],
                           "qty": self.random.choice([-1, 1])}]})
            if adjustment.status_code == 201:
                self.approve(session, "adjustment", adjustment.json()["id"])
        elif pick < 0.92:
            self.post(session, "/api/v1/sales-returns", {
                "warehouse_id": site["from"], "reason": "damaged", "disposition": "restock",
                "lines": [{"product_id": product["id"], "qty": 1, "location_id": bin_["id"]}]})
        else:
            stocktake = self.post(session, "/api/v1/stocktakes", {"warehouse_id": site["to"]})
            if stocktake.status_code == 201:
                path = f"/api/v1/stocktakes/{stocktake.json()['id']}"
                to_bin = self.random.choice(site["bins"][site["to"]])
                self.post(session, path + "/counts", {"product_id": product["id"],
                                                      "location_id": to_bin["id"], "qty": 0,
                                                      "mode": "set"})
                if self.post(session, path + "/submit", {}).status_code == 200:
                    self.approve(session, "stocktake", stocktake.json()["id"])


def test_a_busy_floor_gets_no_server_errors_and_no_clashes(live_server, api, site):
    floor = Floor(live_server, api, site, seed=20261129)
    todo = iter(range(OPERATIONS))
    todo_lock = threading.Lock()

    def phone():
        with requests.Session() as session:
            while True:
                with todo_lock:
                    if next(todo, None) is None:
                        return
                floor.operation(session)

    phones = [threading.Thread(target=phone) for _ in range(CLIENTS)]
    for thread in phones:
        thread.start()
    for thread in phones:
        thread.join()
    assert floor.failures == []
    assert len(floor.orders) > 10  # the load did reach picking
    moved = ok(api.get("/api/v1/stock/moves?limit=500"))["items"]
    assert len(moved) > 100
