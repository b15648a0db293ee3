"""Generated from the app's url_map and OpenAPI: one status for an unknown id, in every area.

The rule (README, "Errors"): an unknown id in the path is 404; an unknown id in the body is 422
with `field` naming it (`lines.0.product_id`). Every API operation with an id in its path is
called with each such id unknown in turn (the others and the body valid); every operation whose
request body has an `*_id` field is called with that field unknown (the rest valid). The body is
made from the operation's OpenAPI schema and the ids from a world with one of each thing, so a
new area is walked without being named here.
"""
import itertools
import re
from types import SimpleNamespace

from tests.backend.auth.factories import transfer
from tests.backend.factories import add_stock, ean13, make_location, make_partner, make_product, make_warehouse, ok
from tests.backend.purchasing import factories as po
from tests.backend.sales import factories as so

UNKNOWN = 2_000_000_000
_seq = itertools.count(900_000)
# The document an operation needs to be in a state that gets as far as reading its body.
ACTING_ON = {"purchasing.receive_purchase_order": "received_po", "purchasing.return_to_supplier": "received_po",
             "sales.record_pick": "confirmed_so", "sales.record_short_pick": "short_so",
             "transfers.receive_transfer": "shipped_transfer"}
# Values a schema's field must have beyond its type (a valid barcode, a known scope); these
# are sent whenever the schema has them (a return needs a reason or a reason code).
VALUES = {"code": lambda: ean13(next(_seq)), "role": lambda: "warehouse",
          "scopes": lambda: ["stock"], "warehouses": lambda: [], "reason": lambda: "walk"}
# A line names its order line or its product, not both.
EITHER = {"order_line_id": "product_id"}


def world(api):
    """One of each thing (documents in the states the walk needs); its ids by path segment and
    by body field name."""
    wh, other = make_warehouse(api), make_warehouse(api)
    bin_, far_bin, product = make_location(api, wh), make_location(api, other), make_product(api)
    lot = ok(api.post(f"/api/v1/products/{product['id']}/lots", {"code": "L1"}))
    add_stock(api, product, bin_, 50, lot_id=lot["id"])
    add_stock(api, product, far_bin, 5)
    supplier, customer = make_partner(api, "suppliers"), make_partner(api, "customers")
    draft_po = po.make_order(api, supplier, wh, [(product, 5, 1)])
    received = po.submit(api, po.make_order(api, supplier, wh, [(product, 5, 1)]))
    receipt = ok(po.receive(api, received, received["lines"][0], 2, bin_))
    draft_so = so.make_order(api, customer, wh, [(product, 1)])
    confirmed, short = (ok(so.act(api, so.make_order(api, customer, wh, [(product, 1)]),
                                  "confirm")) for _ in range(2))
    shipped = ok(so.act(api, so.make_order(api, customer, wh, [(product, 1)]), "confirm"))
    ok(so.pick(api, shipped, shipped["lines"][0], bin_, 1, lot_id=lot["id"]))
    ok(so.act(api, shipped, "ship"))
    moving = transfer(api, other, far_bin, wh, product, ship=True)
    draft_transfer = transfer(api, wh, bin_, other, product)
    stocktake = ok(api.post("/api/v1/stocktakes", {"warehouse_id": wh["id"]}))
    pending = ok(api.post("/api/v1/stock/adjustments", {
        "warehouse_id": wh["id"], "reason": "found",
        "lines": [{"product_id": product["id"], "location_id": bin_["id"], "qty": 1}]}))
    approval = next(a for a in ok(api.get("/api/v1/approvals?status=pending"))["items"]
                    if a["doc_id"] == pending["id"])
    user = ok(api.get("/api/v1/users?limit=500"))["items"][0]
    return SimpleNamespace(
        documents={"received_po": received, "confirmed_so": confirmed, "short_so": short,
                   "shipped_transfer": moving},
        path={"warehouses": wh, "products": product, "suppliers": supplier,
              "customers": customer, "purchase-orders": draft_po,
              "purchase-orders/lines": draft_po["lines"][0],
              "purchase-orders/receipts": receipt, "sales-orders": draft_so,
              "sales-orders/lines": draft_so["lines"][0], "transfers": draft_transfer,
              "stocktakes": stocktake,
              "approvals": approval, "users": user, "stock/levels": product},
        body={"warehouse_id": wh, "from_warehouse_id": wh, "to_warehouse_id": other,
              "product_id": product, "location_id": bin_, "from_location_id": bin_,
              "to_location_id": make_location(api, wh), "lot_id": lot,
              "supplier_id": supplier, "customer_id": customer, "order_id": shipped,
              "user_id": user})


def value(name, schema, spec, ids):
    """A valid value of a schema: a known id for an id field, the minimum for a number."""
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    if name in ids:
        return ids[name]["id"]
    if name in VALUES:
        return VALUES[name]()
    if schema.get("enum"):
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        sent = {key for key, inner in properties.items() if not inner.get("readOnly") and (
            key in schema.get("required", []) or key.endswith("_id") or key in VALUES)}
        sent -= {EITHER[key] for key in sent if key in EITHER}
        return {key: value(key, properties[key], spec, ids) for key in sorted(sent)}
    if kind == "array":
        return [value(name, schema["items"], spec, ids)]
    if kind in ("integer", "number"):
        return max(1, schema.get("minimum", 1))
    if kind == "boolean":
        return False
    if schema.get("format") == "date":
        return "2030-01-01"
    return f"{name}-{next(_seq)}"


def id_fields(body, path=""):
    """The dotted paths of every integer `*_id` field in a body (`lines.0.product_id`)."""
    if isinstance(body, dict):
        return [found for key, inner in body.items()
                for found in ([f"{path}{key}"] if key.endswith("_id") and isinstance(inner, int)
                              else id_fields(inner, f"{path}{key}."))]
    if isinstance(body, list):
        return [found for n, inner in enumerate(body) for found in id_fields(inner, f"{path}{n}.")]
    return []


def with_unknown(body, field):
    """A copy of the body with the dotted field set to the unknown id."""
    if "." not in field:
        return {**body, field: UNKNOWN}
    head, rest = field.split(".", 1)
    inner = body[int(head)] if isinstance(body, list) else body[head]
    copy = list(body) if isinstance(body, list) else dict(body)
    copy[int(head) if isinstance(body, list) else head] = with_unknown(inner, rest)
    return copy


def path_ids(rule, endpoint, found):
    """{argument: known id} of a rule's integer arguments, keyed by the collections before them
    (`purchase-orders/lines`); the document an operation acts on replaces the first."""
    names = re.findall(r"<int:(\w+)>", rule)
    collections = [part for part in re.sub(r"<[^>]+>", "|", rule[len("/api/v1/"):]).split("|")]
    ids, key = {}, ""
    for n, name in enumerate(names):
        segment = collections[n].strip("/").split("/")[-1] if n else collections[0].strip("/")
        key = f"{key}/{segment}" if key else segment
        thing = found.path.get(key) or found.body.get(name) or {"id": UNKNOWN}
        ids[name] = thing["id"]
    if endpoint in ACTING_ON:
        ids[names[0]] = found.documents[ACTING_ON[endpoint]]["id"]
    return ids


def body_ids(endpoint, found):
    """{body field: known thing}: the world's, and the lines of the document acted on."""
    document = found.documents.get(ACTING_ON.get(endpoint), {"lines": [{"id": UNKNOWN}]})
    line = document["lines"][0]
    return found.body | {"order_line_id": line, "transfer_line_id": line}


def operations(app, spec):
    """(endpoint, method, rule, request body schema) of every API operation."""
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        documented = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            operation = spec["paths"].get(documented, {}).get(method.lower(), {})
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            yield rule.endpoint, method, rule.rule, (body or {}).get("schema")


def call(api, method, rule, ids, body):
    """Send one request with the rule's arguments filled from `ids`."""
    url = re.sub(r"<int:(\w+)>", lambda m: str(ids[m[1]]), rule)
    if method == "GET":
        return api.get(url)
    if method == "DELETE":
        return api.delete(url)
    return getattr(api, method.lower())(url, body if body is not None else {})


def answers(app, api):
    """[(what was sent, expected status and field, the answer)] over every API operation."""
    spec = ok(api.get("/api/openapi.json"))
    found = world(api)
    checks = []
    for endpoint, method, rule, schema in operations(app, spec):
        ids = path_ids(rule, endpoint, found)
        body = value("", schema, spec, body_ids(endpoint, found)) if schema else None
        for name in ids:
            sent = {**ids, name: UNKNOWN}
            checks.append(((endpoint, method, f"path {name}"), (404, None),
                           call(api, method, rule, sent, body)))
        fields = id_fields(body)
        for field in fields:
            checks.append(((endpoint, method, f"body {field}"), (422, field),
                           call(api, method, rule, ids, with_unknown(body, field))))
        if fields:  # the world's own ids pass (sent last: it may change the document's state)
            checks.append(((endpoint, method, "known ids"), (None, fields),
                           call(api, method, rule, ids, body)))
    return checks


def test_an_unknown_id_is_404_in_the_path_and_422_naming_it_in_the_body(app, api):
    checks = answers(app, api)
    wrong = []
    for (endpoint, method, name), (status, field), response in checks:
        error = (response.get_json() or {}) if response.status_code >= 400 else {}
        error = error.get("error", {})
        if status is None:
            refused = response.status_code == 422 and error.get("field") in field
        else:
            refused = response.status_code != status or (field and error.get("field") != field)
        if refused:
            wrong.append(f"{method} {endpoint} {name}: {response.status_code} "
                         f"{error.get('code')} field={error.get('field')}")
    assert not wrong, "\n".join(wrong)
    walked = {sent for sent, _expected, _response in checks}
    # The walk reaches the body ids of every area and the paths of nested resources.
    assert {("purchasing.receive_purchase_order", "POST", "body lines.0.location_id"),
            ("sales.record_pick", "POST", "body order_line_id"),
            ("sales.create_sales_order", "POST", "body customer_id"),
            ("transfers.create_transfer", "POST", "body lines.0.from_location_id"),
            ("stocktake.record_stocktake_count", "POST", "body product_id"),
            ("stock.create_stock_adjustment", "POST", "body lines.0.lot_id"),
            ("tokens.create_token", "POST", "body user_id"),
            ("purchasing.update_purchase_order_line", "PATCH", "path line_id"),
            ("stock.create_location", "POST", "path warehouse_id")} <= walked
    assert len(walked) > 100


def test_an_unknown_warehouse_in_a_users_list_is_422_naming_it(api):
    known = make_warehouse(api)
    response = api.post("/api/v1/users", {"username": "walker", "display_name": "Walker",
                                          "role": "warehouse",
                                          "warehouses": [known["id"], UNKNOWN]})
    error = response.json["error"]
    assert (response.status_code, error["field"], error["code"]) == (
        422, "warehouses.1", "unknown_warehouse")
    assert "walker" not in {u["username"] for u in ok(api.get("/api/v1/users?limit=500"))["items"]}
