"""Generated from the app's url_map: no GET list shows a user limited to warehouse A a row of B.

Warehouse B holds stock, moves, a pending adjustment, sales orders (draft and shipped), a
sales return into quarantine, purchase orders (draft, received, waiting for approval), a bin
move, a transfer to a third warehouse C, a stocktake and a clerk limited to B. Every GET
endpoint whose URL arguments can be filled (a warehouse: A, a product) is called by a manager
limited to A (a query argument it refuses as missing is filled the same way, and it is called
again), and the JSON is searched, however deep, for B's warehouse id, B's location ids and the
ids of B's documents. A new list endpoint is walked without being named here.
"""
from types import SimpleNamespace

from tests.backend.auth.factories import make_limited, shipped_order, transfer
from tests.backend.factories import add_stock, make_location, make_partner, make_product, make_warehouse, ok
from tests.backend.purchasing import factories as po
from tests.backend.sales.factories import make_order

WAREHOUSE_KEYS = ("warehouse_id", "from_warehouse_id", "to_warehouse_id", "warehouses")
LOCATION_KEYS = ("location_id", "from_location_id", "to_location_id")
# What the items of a list are, for lists whose rows carry no warehouse of their own.
ITEMS_OF = {"approvals.list_approvals": "approvals", "users.list_users": "users"}
# Warehouses themselves (codes and names) are seen by all: a transfer names its destination.
NOT_LIMITED = {"stock.list_warehouses"}


def b_world(api, app):
    """Stock and every kind of document in warehouse B (and A); returns B's ids by kind."""
    a, b, c = make_warehouse(api), make_warehouse(api), make_warehouse(api)
    bin_a, bin_b = make_location(api, a), make_location(api, b)
    product, customer, supplier = make_product(api), make_partner(api, "customers"), make_partner(api, "suppliers")
    add_stock(api, product, bin_a, 20)
    decided = {("adjustment", add_stock(api, product, bin_b, 20)["id"])}
    ok(api.post("/api/v1/bin-moves", {"product_id": product["id"], "qty": 1,
                                      "from_location_id": bin_b["id"],
                                      "to_location_id": make_location(api, b)["id"]}))
    pending = ok(api.post("/api/v1/stock/adjustments", {
        "warehouse_id": b["id"], "reason": "found", "lines": [
            {"product_id": product["id"], "location_id": bin_b["id"], "qty": 1}]}))
    sold = shipped_order(api, b, bin_b, product, customer)
    ok(api.post("/api/v1/sales-returns", {
        "order_id": sold["id"], "warehouse_id": b["id"], "reason": "damaged",
        "disposition": "quarantine", "lines": [{"product_id": product["id"], "qty": 1}]}))
    make_order(api, customer, b, [(product, 1)])
    received = po.submit(api, po.make_order(api, supplier, b, [(product, 5, 1)]))
    ok(po.receive(api, received, received["lines"][0], 5, bin_b))
    big = po.submit(api, po.make_order(api, supplier, b, [(product, 5, 100000)]))
    po.make_order(api, supplier, b, [(product, 5, 1)])
    transfer(api, b, bin_b, c, product, ship=True)
    ok(api.post("/api/v1/stocktakes", {"warehouse_id": b["id"]}))
    make_limited(api, app, "clerk-b", "warehouse", [b["id"]])
    shipped_order(api, a, bin_a, product, customer)  # A has rows too: lists are not empty
    docs = decided | {("adjustment", pending["id"]), ("purchase_order", big["id"])}
    approvals = ok(api.get("/api/v1/approvals?limit=500"))["items"]
    users = ok(api.get("/api/v1/users?limit=500"))["items"]
    locations = ok(api.get(f"/api/v1/warehouses/{b['id']}/locations"))
    return SimpleNamespace(a=a, b=b, product=product, ids={
        "warehouse": {b["id"]}, "location": {l["id"] for l in locations},
        "approvals": {x["id"] for x in approvals if (x["doc_type"], x["doc_id"]) in docs},
        "users": {u["id"] for u in users if u["warehouses"] == [b["id"]]}})


def found(value, world, items_of=None, path="$"):
    """Every place in a JSON value that names something of warehouse B, as "path: value"."""
    hits = []
    if isinstance(value, dict):
        for key, inner in value.items():
            here = f"{path}.{key}"
            named = inner if isinstance(inner, list) else [inner]
            # a list of warehouses is ids (a user's) or warehouses themselves (a device copy's)
            named = {x.get("id") if isinstance(x, dict) else x for x in named}
            named = {v for v in named if isinstance(v, int)}
            if key in WAREHOUSE_KEYS and world.ids["warehouse"] & named:
                hits.append(f"{here}: {inner}")
            elif key in LOCATION_KEYS and world.ids["location"] & named:
                hits.append(f"{here}: {inner}")
            hits += found(inner, world, items_of if key == "items" else None, here)
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            if items_of and isinstance(inner, dict) and inner.get("id") in world.ids[items_of]:
                hits.append(f"{path}[{n}].id: {inner['id']}")
            hits += found(inner, world, None, f"{path}[{n}]")
    return hits


def list_urls(app, world):
    """(endpoint, URL) of every GET API route whose arguments are a warehouse or a product."""
    fill = {"warehouse_id": world.a["id"], "product_id": world.product["id"]}
    urls = []
    for rule in app.url_map.iter_rules():
        if (not rule.rule.startswith("/api/v1/") or "GET" not in rule.methods
                or not set(rule.arguments) <= set(fill) or rule.endpoint in NOT_LIMITED):
            continue
        path = rule.rule
        for name in rule.arguments:
            path = path.replace(f"<int:{name}>", str(fill[name]))
        urls.append((rule.endpoint, path + "?limit=500"))
    return urls


def _get(client, url, world):
    """GET the URL; a required query argument it names as missing (a warehouse: A, a product)
    is filled, and a page size over its cap is dropped (its default), and the call made again."""
    fill = {"warehouse_id": world.a["id"], "product_id": world.product["id"]}
    response = client.get(url)
    while response.status_code == 422:
        field = response.get_json()["error"].get("field")
        if field == "limit" and "limit=500" in url:
            url = url.replace("limit=500", "walk=1")
        elif field in fill and f"{field}=" not in url:
            url = f"{url}&{field}={fill[field]}"
        else:
            break
        response = client.get(url)
    return response


def leaks(client, app, world):
    """{endpoint: [what of B it showed]} over every list endpoint, as `client` sees them."""
    shown = {}
    for endpoint, url in list_urls(app, world):
        response = _get(client, url, world)
        assert response.status_code < 500, (url, response.status_code)
        hits = found(response.get_json(), world, ITEMS_OF.get(endpoint))
        if hits:
            shown[endpoint] = hits
    return shown


def test_no_list_shows_a_limited_user_a_row_of_another_warehouse(api, app):
    world = b_world(api, app)
    walker = make_limited(api, app, "walker", "manager", [world.a["id"]])
    walked = {endpoint for endpoint, _url in list_urls(app, world)}
    # The walk reaches B's rows: the unlimited admin sees them in these lists at least.
    assert set(leaks(api, app, world)) >= {
        "stock.list_stock_balances", "stock.list_stock_levels", "stock.list_stock_moves", "sales.list_sales_orders",
        "sales.list_sales_returns", "purchasing.list_purchase_orders", "transfers.list_transfers",
        "stocktake.list_stocktakes", "approvals.list_approvals", "users.list_users",
        "audit.list_audit_entries", "stock.list_quarantine", "sales.list_shipments",
        "floor.get_floor_copy"} and len(walked) > 15
    assert {"stock.suggest_putaway", "stock.list_quarantine", "sales.list_shipments",
            "floor.get_floor_copy"} <= walked
    assert leaks(walker, app, world) == {}
