"""PDF labels, read back by our own scanner to the exact text."""
import pytest

from backend.labels.sizes import SIZES
from scanner.gs1 import parse_gs1
from tests.backend.auth.factories import transfer
from tests.backend.factories import (
    add_stock,
    limited_client,
    make_partner,
    make_product,
    make_warehouse,
    ok,
)
from tests.backend.labels.conftest import gtin14
from tests.backend.labels.readback import label_images, read, readings
from tests.backend.purchasing.factories import make_order, receive, submit
from tests.backend.sales import factories as so

GS = "\x1d"


def pdf(response):
    assert response.status_code == 200, response.get_json()
    assert response.mimetype == "application/pdf"
    return response.data


@pytest.mark.parametrize("size", list(SIZES))
def test_a_lot_label_carries_gtin_expiry_and_lot_in_gs1_128_and_gs1_datamatrix(api, site, size):
    url = f"/api/v1/products/{site.product['id']}/label?size={size}&lot_id={site.lot['id']}"
    [image] = label_images(pdf(api.get(url)), size)
    element_string = f"01{gtin14(site.product)}17270331" + "10L-42a"
    assert read(image) == {("Code128", element_string), ("DataMatrix", element_string)}
    parsed = parse_gs1("]C1" + element_string)
    assert (parsed.gtin, parsed.lot, str(parsed.expiry)) == (
        gtin14(site.product), "L-42a", "2027-03-31")


def test_the_gs1_symbols_are_read_as_gs1_that_is_they_start_with_fnc1(api, site):
    [image] = label_images(pdf(api.get(f"/api/v1/products/{site.product['id']}/label")), "50x30")
    found = readings(image)
    assert {r.symbology for r in found if r.is_gs1} == {"Code128", "DataMatrix"}
    assert {r.text for r in found} == {f"01{gtin14(site.product)}"}


def test_a_product_without_a_gtin_gets_code_128_of_its_sku(api):
    product = make_product(api, sku="NO-GTIN/7", barcodes=[])
    [image] = label_images(pdf(api.get(f"/api/v1/products/{product['id']}/label")), "50x30")
    assert read(image) == {("Code128", "NO-GTIN/7")}


def test_a_bin_label_carries_its_barcode_in_code_128_and_qr(api, site):
    url = f"/api/v1/locations/{site.bin['id']}/label?size=a4-70x37"
    [image] = label_images(pdf(api.get(url)), "a4-70x37")
    assert read(image) == {("Code128", site.bin["barcode"]), ("QRCode", site.bin["barcode"])}


def test_documents_carry_their_stp_qr_code(api, site):
    supplier = make_partner(api, "suppliers")
    order = make_order(api, supplier, site.warehouse, [(site.product, 3, 1)])
    [image] = label_images(pdf(api.get(f"/api/v1/purchase-orders/{order['id']}/label")), "50x30")
    assert read(image) == {("QRCode", f"STP:PO:{order['number']}")}
    stocktake = ok(api.post("/api/v1/stocktakes", {"warehouse_id": site.warehouse["id"]}), 201)
    url = f"/api/v1/stocktakes/{stocktake['id']}/label?size=100x150"
    [image] = label_images(pdf(api.get(url)), "100x150")
    assert read(image) == {("QRCode", f"STP:ST:{stocktake['number']}")}


def test_sales_orders_and_transfers_carry_their_stp_qr_code(api, site):
    add_stock(api, site.product, site.bin, 5, lot_id=site.lot["id"])
    order = so.make_order(api, make_partner(api, "customers"), site.warehouse, [(site.product, 1)])
    moving = transfer(api, site.warehouse, site.bin, make_warehouse(api), site.product)
    for path, document, prefix in (("sales-orders", order, "SO"), ("transfers", moving, "TR")):
        url = f"/api/v1/{path}/{document['id']}/label?size=a4-63.5x38.1"
        [image] = label_images(pdf(api.get(url)), "a4-63.5x38.1")
        assert read(image) == {("QRCode", f"STP:{prefix}:{document['number']}")}


def received_order(api, site):
    supplier = make_partner(api, "suppliers")
    order = submit(api, make_order(api, supplier, site.warehouse, [(site.product, 5, 1)]))
    line = order["lines"][0]
    ok(receive(api, order, line, 2, site.bin, lot="L-42a"))
    ok(receive(api, order, line, 1, site.bin, lot="L-43"))
    return order


def test_received_labels_per_line_give_one_label_per_product_and_lot(api, site):
    order = received_order(api, site)
    url = f"/api/v1/purchase-orders/{order['id']}/labels?size=a4-70x37"
    images = label_images(pdf(api.get(url)), "a4-70x37")
    texts = sorted(text for image in images for _, text in read(image))
    gtin = gtin14(site.product)
    assert texts == sorted([f"01{gtin}1727033110L-42a"] * 2 + [f"01{gtin}10L-43"] * 2)


def test_received_labels_per_unit_give_one_label_per_unit(api, site):
    order = received_order(api, site)
    url = f"/api/v1/purchase-orders/{order['id']}/labels?per=unit&size=a4-70x37"
    assert len(label_images(pdf(api.get(url)), "a4-70x37")) == 3


def test_an_unknown_size_is_refused_naming_size(api, site):
    response = api.get(f"/api/v1/products/{site.product['id']}/label?size=A5")
    assert response.status_code == 422
    assert response.get_json()["error"]["field"] == "size"


def test_a_lot_gs1_cannot_carry_is_refused(api, site):
    lot = ok(api.post(f"/api/v1/products/{site.product['id']}/lots", {"code": "A^B~C"}))
    response = api.get(f"/api/v1/products/{site.product['id']}/label?lot_id={lot['id']}")
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "bad_lot_code"


def test_an_unknown_lot_is_refused_naming_lot_id(api, site):
    response = api.get(f"/api/v1/products/{site.product['id']}/label?lot_id=999999")
    assert response.status_code == 422
    assert (response.get_json()["error"]["code"], response.get_json()["error"]["field"]) == (
        "unknown_lot", "lot_id")


def test_another_products_lot_is_refused(api, site):
    other = make_product(api)
    response = api.get(f"/api/v1/products/{other['id']}/label?lot_id={site.lot['id']}")
    assert (response.status_code, response.get_json()["error"]["code"]) == (422, "wrong_lot")


def test_bins_and_documents_of_another_warehouse_are_not_printed(api, app, site):
    stranger = limited_client(api, app, [make_warehouse(api)])
    assert stranger.get(f"/api/v1/locations/{site.bin['id']}/label").status_code == 403
    supplier = make_partner(api, "suppliers")
    order = make_order(api, supplier, site.warehouse, [(site.product, 3, 1)])
    assert stranger.get(f"/api/v1/purchase-orders/{order['id']}/label").status_code == 403
    assert stranger.get(f"/api/v1/purchase-orders/{order['id']}/labels").status_code == 403


def test_labels_need_the_read_permission_of_what_they_label(api, app, site):
    seller = limited_client(api, app, [site.warehouse], role="sales")
    supplier = make_partner(api, "suppliers")
    order = make_order(api, supplier, site.warehouse, [(site.product, 3, 1)])
    assert seller.get(f"/api/v1/purchase-orders/{order['id']}/label").status_code == 403
    assert seller.get(f"/api/v1/products/{site.product['id']}/label").status_code == 200


def test_more_than_a_thousand_unit_labels_are_refused_naming_per(api, site):
    plain = make_product(api)
    order = submit(api, make_order(api, make_partner(api, "suppliers"), site.warehouse,
                                   [(plain, 1001, 0.01)]))
    ok(receive(api, order, order["lines"][0], 1001, site.bin))
    response = api.get(f"/api/v1/purchase-orders/{order['id']}/labels?per=unit")
    assert response.status_code == 422
    assert (response.get_json()["error"]["code"], response.get_json()["error"]["field"]) == (
        "too_many_labels", "per")
    assert api.get(f"/api/v1/purchase-orders/{order['id']}/labels?per=line").status_code == 200
