"""Receiving through the camera: Chromium's fake camera plays a video the test writes (a bin's
QR code, then a GS1-128 carrying the product's GTIN, lot and expiry), the zxing-wasm decoder
reads it on the device, and the receipts land in that bin with that lot."""
import pytest

from tests.backend.factories import ean13, make_location, make_product, make_warehouse, ok

from .camera import camera_args, show_codes, write_y4m
from .conftest import CHROMIUM, CHROMIUM_ARGS, shot
from .floor import PO, copy_fetched, make_open_po, sent_all

pytestmark = pytest.mark.usefixtures("auth_server")
GTIN = ean13(987650001)
BIN_LABEL = "RCV-CAM-01"
# A short lot keeps the GS1-128 wide enough per module for the app's centre crop.
GS1 = f"(01){GTIN.zfill(14)}(17)271231(10)L7"


@pytest.fixture(scope="module")
def goods(remote_api):
    """A warehouse with the labelled bin, a lot-tracked product with the GTIN, an open PO."""
    warehouse = make_warehouse(remote_api)
    bin_ = make_location(remote_api, warehouse, barcode=BIN_LABEL)
    product = make_product(remote_api, barcodes=[{"code": GTIN}], tracks_lots=True)
    return {"bin": bin_, "product": product,
            "order": make_open_po(remote_api, warehouse, [(product, 50)])}


@pytest.fixture(scope="module")
def browser(playwright, tmp_path_factory):
    """This module's Chromium: its camera shows the bin's QR code, then the GS1-128."""
    video = write_y4m(tmp_path_factory.mktemp("receive-camera") / "receive.y4m",
                      show_codes([("QRCode", BIN_LABEL, False), ("Code128", GS1, True)]))
    browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                         args=CHROMIUM_ARGS + camera_args(video))
    yield browser
    browser.close()


def test_a_po_line_is_received_through_the_camera_into_the_bin_with_its_lot(
        signed_in, server, remote_api, page, goods):
    signed_in("warehouse")
    order, bin_ = goods["order"], goods["bin"]
    page.goto(f"{server}/#/receive/{order['id']}")
    page.wait_for_selector("#receive-lines")
    copy_fetched(page, "catalog")
    page.click("#floor-camera-toggle")
    page.wait_for_selector(".floor-camera video")
    page.wait_for_selector(f"#receive-bin[data-bin-id='{bin_['id']}']", timeout=60000)
    page.wait_for_selector(".recv-line:not([data-received='0'])", timeout=60000)
    shot(page, "receive-camera-390x844")
    page.click("#floor-camera-toggle")  # the video loops: stop reading before counting
    sent_all(page)
    line = ok(remote_api.get(f"{PO}/{order['id']}"))["lines"][0]
    moves = ok(remote_api.get(f"/api/v1/stock/moves?product_id={goods['product']['id']}"))["items"]
    lots = ok(remote_api.get(f"/api/v1/products/{goods['product']['id']}/lots"))
    assert line["qty_received"] >= 1 and sum(m["qty"] for m in moves) == line["qty_received"]
    assert {(m["location_id"], m["reason"]) for m in moves} == {(bin_["id"], "receipt")}
    assert [(lot["code"], lot["expiry"]) for lot in lots] == [("L7", "2027-12-31")]
    assert {m["lot_id"] for m in moves} == {lots[0]["id"]}
