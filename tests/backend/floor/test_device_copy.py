"""The device's offline copy: open POs with lines and suggested bins, shipments, products with
barcodes, locations; only the user's warehouses."""
import pytest

from tests.backend.factories import (
    add_stock,
    limited_client,
    make_location,
    make_partner,
    make_product,
    make_warehouse,
    ok,
)
from tests.backend.purchasing.factories import make_order, receive, submit
from tests.backend.sales.factories import act, line_of, pick

URL = "/api/v1/floor/copy"


@pytest.fixture
def floor(api):
    """Warehouse with a bin; an open PO partly received into it, a closed one, and a shipped
    sales order; a second warehouse with its own open PO."""
    from tests.backend.sales.factories import make_order as make_sales_order
    warehouse, other = make_warehouse(api), make_warehouse(api)
    bin_ = make_location(api, warehouse)
    product, sold = make_product(api), make_product(api)
    ok(api.post(f"/api/v1/products/{product['id']}/barcodes", {"code": "10012345678902",
                                                                "pack_qty": 12}))
    supplier = make_partner(api, "suppliers")
    open_po = submit(api, make_order(api, supplier, warehouse, [(product, 10, 1)]))
    ok(receive(api, open_po, open_po["lines"][0], 4, bin_))
    closed = submit(api, make_order(api, supplier, warehouse, [(product, 1, 1)]))
    ok(receive(api, closed, closed["lines"][0], 1, bin_))
    add_stock(api, sold, bin_, 3)
    order = ok(act(api, make_sales_order(api, make_partner(api, "customers"), warehouse, [(sold, 2)]),
                   "confirm"))
    ok(pick(api, order, line_of(order), bin_, 2))
    shipped = ok(act(api, order, "ship"))
    elsewhere = submit(api, make_order(api, supplier, other, [(make_product(api), 1, 1)]))
    return dict(warehouse=warehouse, other=other, bin=bin_, product=product, sold=sold,
                open_po=open_po, closed=closed, shipped=shipped, elsewhere=elsewhere)


def test_open_pos_come_with_their_lines_figures_and_suggested_bin(api, floor):
    copy = ok(api.as_user("picker").get(f"{URL}?warehouse_id={floor['warehouse']['id']}"))
    assert [o["number"] for o in copy["purchase_orders"]] == [floor["open_po"]["number"]]
    [line] = copy["purchase_orders"][0]["lines"]
    assert (line["product_id"], line["qty_ordered"], line["qty_received"], line["outstanding"],
            line["suggested_location_id"]) == (floor["product"]["id"], 10, 4, 6, floor["bin"]["id"])
    assert copy["as_of"] and copy["complete"] == {"purchase_orders": True, "shipments": True,
                                                  "transfers": True}


def test_products_on_the_documents_come_with_their_barcodes(api, floor):
    copy = ok(api.get(f"{URL}?warehouse_id={floor['warehouse']['id']}"))
    products = {p["id"]: p for p in copy["products"]}
    assert set(products) == {floor["product"]["id"], floor["sold"]["id"]}
    assert {"code": "10012345678902", "pack_qty": 12} in products[floor["product"]["id"]]["barcodes"]


def test_recent_shipments_and_the_bins_are_in_the_copy(api, floor):
    copy = ok(api.get(f"{URL}?warehouse_id={floor['warehouse']['id']}"))
    assert [(s["number"], [(l["product_id"], l["qty_shipped"]) for l in s["lines"]])
            for s in copy["shipments"]] == [(floor["shipped"]["number"], [(floor["sold"]["id"], 2)])]
    kinds = {l["barcode"]: l["kind"] for l in copy["locations"]}
    assert kinds[floor["bin"]["barcode"]] == "bin" and "quarantine" in kinds.values()


def test_a_limited_user_gets_only_their_warehouses(api, app, floor):
    client = limited_client(api, app, [floor["other"]])
    copy = ok(client.get(URL))
    assert [w["id"] for w in copy["warehouses"]] == [floor["other"]["id"]]
    assert [o["id"] for o in copy["purchase_orders"]] == [floor["elsewhere"]["id"]]
    assert copy["shipments"] == []
    assert {l["warehouse_id"] for l in copy["locations"]} == {floor["other"]["id"]}
    assert client.get(f"{URL}?warehouse_id={floor['warehouse']['id']}").status_code == 403


def test_a_sales_user_gets_no_purchase_orders(api, app, floor):
    client = limited_client(api, app, [floor["warehouse"]], role="sales")
    copy = ok(client.get(URL))
    assert copy["purchase_orders"] == [] and len(copy["shipments"]) == 1


def test_the_limit_cuts_lists_and_says_so(api, floor):
    copy = ok(api.get(f"{URL}?limit=1"))
    assert len(copy["purchase_orders"]) == 1 and copy["complete"]["purchase_orders"] is False
