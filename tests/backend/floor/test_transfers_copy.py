"""The floor copy keeps the transfers in transit to the user's warehouses, to receive offline."""
from tests.backend.factories import add_stock, limited_client, make_location, make_product, make_warehouse, ok

URL = "/api/v1/floor/copy"


def test_transfers_in_transit_to_my_warehouses_are_kept_with_their_lines_and_products(api, app):
    source, dest, elsewhere = make_warehouse(api), make_warehouse(api), make_warehouse(api)
    src_bin = make_location(api, source)
    product, other = make_product(api), make_product(api)
    add_stock(api, product, src_bin, 5)
    add_stock(api, other, src_bin, 5)

    def ship(to, item, qty):
        return ok(api.post("/api/v1/transfers", {
            "from_warehouse_id": source["id"], "to_warehouse_id": to["id"], "ship": True,
            "lines": [{"product_id": item["id"], "qty": qty, "from_location_id": src_bin["id"]}]}), 201)
    coming = ship(dest, product, 3)
    ship(elsewhere, other, 1)
    ok(api.post("/api/v1/transfers", {"from_warehouse_id": source["id"], "to_warehouse_id": dest["id"],
                                      "lines": [{"product_id": other["id"], "qty": 1,
                                                 "from_location_id": src_bin["id"]}]}), 201)  # a draft
    receiver = limited_client(api, app, [dest])
    copy = ok(receiver.get(URL))
    assert [t["number"] for t in copy["transfers"]] == [coming["number"]]
    [line] = copy["transfers"][0]["lines"]
    assert (line["product_id"], line["qty"], line["qty_received"], line["qty_in_transit"]) == \
        (product["id"], 3, 0, 3)
    assert [p["id"] for p in copy["products"]] == [product["id"]]
    assert copy["complete"]["transfers"] is True
    assert ok(limited_client(api, app, [source]).get(URL))["transfers"] == []  # going out, not coming
