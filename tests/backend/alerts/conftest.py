"""A warehouse with a bin, a product with thresholds, and a way to move its stock."""
from types import SimpleNamespace

import pytest

from tests.backend.factories import add_stock, make_location, make_partner, make_product, make_warehouse, ok


@pytest.fixture
def events(monkeypatch):
    """The Socket.IO events the app sends: (event, payload, room)."""
    from backend import request_life
    sent = []
    monkeypatch.setattr(request_life.socketio, "emit",
                        lambda event, payload, to=None, **kw: sent.append((event, payload, to)))
    return sent


def low_events(events):
    return [e for e in events if e[0] in ("stock.low", "stock.restored")]


@pytest.fixture
def site(api):
    warehouse = make_warehouse(api)
    supplier = make_partner(api, "suppliers")
    return SimpleNamespace(warehouse=warehouse, bin=make_location(api, warehouse),
                           supplier=supplier,
                           product=make_product(api, preferred_supplier_id=supplier["id"],
                                                supplier_pack_qty=6))


def set_thresholds(api, site, product=None, **values):
    product = product or site.product
    return ok(api.put(f"/api/v1/stock/levels/{product['id']}/{site.warehouse['id']}", values))


def move(api, site, qty, product=None):
    """Change the product's stock in the bin by `qty` (an approved adjustment)."""
    return add_stock(api, product or site.product, site.bin, qty)


def open_alerts(api, **query):
    return ok(api.get("/api/v1/alerts", query_string=query))["items"]
