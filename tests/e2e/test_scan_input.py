"""The scan input on the look-up tile, in Debian's Chromium against the real server: a
fake camera (a Y4M video of generated codes) read by the WASM decoder online and offline,
keyboard-wedge scanners at scanner speed (Enter, Tab, no suffix, GS1's GS), slow typing
that is not a scan, and one meaning for a code on the device and on the server."""
import time
from urllib.parse import quote

import pytest

from tests.backend.factories import add_stock, ean13, make_location, make_partner, make_product, make_warehouse, ok
from tests.backend.purchasing.factories import approve_pending, make_order, submit

from .camera import camera_args, show_codes, write_y4m
from .conftest import CHROMIUM, CHROMIUM_ARGS, shot

pytestmark = pytest.mark.usefixtures("auth_server")
GS = "\x1d"
CAMERA_GTIN = ean13(987654321)
CAMERA_BIN = "CAM-A-01"
# The device decoder is not asked for PDF417: a frame of one stands for a frame the device
# cannot read, which the server's scanner (PDF417 among its formats) reads.
SERVER_ONLY_BIN = "CAM-A-02"


def gtin14(code):
    return code.zfill(14)


@pytest.fixture(scope="module")
def camera_video(tmp_path_factory):
    """The fake camera's video: a product's EAN-13, a GS1-128 with lot and expiry, a bin's QR."""
    frames = show_codes([("EAN-13", CAMERA_GTIN, False),
                         ("Code128", f"(01){gtin14(CAMERA_GTIN)}(17)271231(10)LOT42", True),
                         ("QRCode", CAMERA_BIN, False), ("PDF417", SERVER_ONLY_BIN, False)])
    return write_y4m(tmp_path_factory.mktemp("camera") / "codes.y4m", frames)


@pytest.fixture(scope="module")
def browser(playwright, camera_video):
    """This module's Chromium has a fake camera playing camera_video."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                         args=CHROMIUM_ARGS + camera_args(camera_video))
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def goods(remote_api):
    """A warehouse CAM with bin A-01 holding 5 of the camera's product, and one PO of it."""
    warehouse = make_warehouse(remote_api, "CAM")
    bin_ = make_location(remote_api, warehouse, "A-01")
    make_location(remote_api, warehouse, "A-02")
    product = make_product(remote_api, barcodes=[{"code": CAMERA_GTIN}], price="12.50")
    add_stock(remote_api, product, bin_, 5)
    supplier = make_partner(remote_api, "suppliers", name="Acme Supplies")
    order = make_order(remote_api, supplier, warehouse, [(product, 24, 3)])
    if submit(remote_api, order)["status"] == "pending_approval":
        approve_pending(remote_api, order)
    order = ok(remote_api.get(f"/api/v1/purchase-orders/{order['id']}"))
    assert order["status"] == "approved"
    return {"warehouse": warehouse, "bin": bin_, "product": product, "order": order}


def key(cdp, name, at, text=None, code=None, vk=None, modifiers=0):
    """One key press through CDP with its own timestamp (the page sees it as event.timeStamp)."""
    down = {"type": "keyDown" if text else "rawKeyDown", "key": name, "timestamp": at,
            "modifiers": modifiers}
    if text:
        down["text"] = text
    if code:
        down["code"] = code
    if vk:
        down["windowsVirtualKeyCode"] = vk
    cdp.send("Input.dispatchKeyEvent", down)
    cdp.send("Input.dispatchKeyEvent", {**down, "type": "keyUp", "text": ""})


SUFFIXES = {"Enter": ("Enter", "\r", 13), "Tab": ("Tab", None, 9)}


def wedge(page, text, suffix="Enter", gap_ms=6, ctrl_gs=False):
    """Type text as a keyboard-wedge scanner does: a key every gap_ms, GS as a key (or Ctrl+])."""
    cdp = page.context.new_cdp_session(page)
    start = time.time()
    for i, ch in enumerate(text):
        at = start + i * gap_ms / 1000
        if ch == GS and ctrl_gs:
            key(cdp, "]", at, code="BracketRight", vk=221, modifiers=2)
        elif ch == GS:
            key(cdp, GS, at)
        else:
            key(cdp, ch, at, text=ch)
    if suffix:
        name, text_, vk = SUFFIXES[suffix]
        key(cdp, name, start + len(text) * gap_ms / 1000, text=text_, code=name, vk=vk)
    cdp.detach()


def open_lookup(page, server, suffix="Enter"):
    """Open the look-up. A scanner that sends a suffix has, on a device in use, already sent
    one: the page then knows silence does not end its scans (a CDP key delayed by a busy
    machine would otherwise cut the first scan in two)."""
    if suffix:
        page.goto(server)
        page.evaluate("() => localStorage.setItem('stocktap.wedge.suffix', '1')")
    page.goto(f"{server}/#/lookup")
    page.wait_for_selector("#lookup-code")
    # The device copy is fetched as the screen opens; wait until it is on the device.
    page.wait_for_function("() => import('/js/devicecopy.js').then((m) => m.age('catalog'))")


def scanned(page, code, source):
    """Wait until the look-up shows the answer for this read."""
    page.wait_for_function(
        "([code, source]) => { const r = document.getElementById('lookup-results');"
        " return r.dataset.code === code && r.dataset.source === source && r.firstElementChild"
        " && !r.querySelector('[aria-busy]'); }", arg=[code, source])


def test_the_code_field_has_focus_when_the_lookup_opens(signed_in, server, page):
    signed_in("warehouse")
    page.goto(f"{server}/#/lookup")
    page.wait_for_selector("#lookup-code")
    page.wait_for_function("() => document.activeElement?.id === 'lookup-code'")


@pytest.mark.parametrize(("suffix", "prefix"), [("Enter", ""), ("Tab", ""), (None, ""), ("Enter", "#")])
def test_a_wedge_scan_is_read_with_any_suffix_and_never_appended(signed_in, server, page, goods,
                                                                 suffix, prefix):
    signed_in("warehouse")
    page.goto(server)
    page.evaluate("(prefix) => localStorage.setItem('stocktap.wedge.prefix', prefix)", prefix)
    open_lookup(page, server, suffix)
    for code, expected in ((CAMERA_GTIN, goods["product"]["name"]), (CAMERA_BIN, "Bin A-01"),
                           (goods["product"]["sku"], goods["product"]["name"])):
        wedge(page, prefix + code, suffix)
        scanned(page, code, "wedge")
        assert page.locator("#lookup-results h2").inner_text() == expected
        assert page.input_value("#lookup-code") == ""  # the scan did not stay in the field
    assert page.evaluate("() => document.activeElement?.id") == "lookup-code"
    assert page.locator(".scan-band").get_attribute("data-state") == "ok"


@pytest.mark.parametrize("ctrl_gs", [False, True], ids=["gs-key", "ctrl-bracket"])
def test_gs1_separators_from_a_wedge_carry_lot_and_expiry(signed_in, server, page, goods, ctrl_gs):
    signed_in("warehouse")
    open_lookup(page, server)
    code = f"01{gtin14(CAMERA_GTIN)}10LOT42{GS}17271231"
    wedge(page, code, "Enter", ctrl_gs=ctrl_gs)
    scanned(page, code, "wedge")
    assert page.locator("#lookup-product h2").inner_text() == goods["product"]["name"]
    tracking = page.locator("#lookup-product .tracking").inner_text()
    assert "lot LOT42" in tracking and "2027" in tracking


def test_a_scan_ended_by_enter_teaches_the_page_that_this_scanner_sends_a_suffix(signed_in, server, page):
    signed_in("warehouse")
    open_lookup(page, server, suffix=None)
    wedge(page, CAMERA_BIN, "Enter")
    scanned(page, CAMERA_BIN, "wedge")
    assert page.evaluate("() => localStorage.getItem('stocktap.wedge.suffix')") == "1"


def test_slow_typing_is_not_a_scan(signed_in, server, page, goods):
    signed_in("warehouse")
    open_lookup(page, server, suffix=None)
    wedge(page, CAMERA_GTIN, suffix=None, gap_ms=140)
    page.wait_for_timeout(400)  # longer than a scan's end of silence
    assert page.input_value("#lookup-code") == CAMERA_GTIN  # what the person typed stays
    assert page.locator("#lookup-results").get_attribute("data-code") is None
    page.keyboard.press("Enter")  # the person submits: a manual read
    scanned(page, CAMERA_GTIN, "manual")
    assert page.locator("#lookup-product h2").inner_text() == goods["product"]["name"]


def test_the_lookup_shows_price_and_incoming_from_whom_and_when(signed_in, server, page, goods, remote_api):
    signed_in("manager")
    open_lookup(page, server)
    wedge(page, CAMERA_GTIN)
    scanned(page, CAMERA_GTIN, "wedge")
    assert float(page.locator("#lookup-product .price").get_attribute("data-price")) == 12.5
    assert page.locator("#lookup-product .price-value").inner_text() == "¥12.50"  # money.js, CNY
    row = page.locator(f"#lookup-incoming li[data-number='{goods['order']['number']}']")
    assert "Acme Supplies" in row.inner_text()
    assert row.locator(".incoming-qty").inner_text() == "24"


# ---- one meaning for a code ---------------------------------------------------------------

def parity_codes(api, goods):
    """Codes of every kind, with the data they name."""
    product = goods["product"]
    upc = "03600029145" + "2"
    other = make_product(api, barcodes=[{"code": upc}])
    pack = "1" + CAMERA_GTIN[:12]
    from backend.catalog.codes import gtin_check_digit
    pack += str(gtin_check_digit(pack))
    ok(api.post(f"/api/v1/products/{product['id']}/barcodes", {"code": pack, "pack_qty": 12}))
    ok(api.post(f"/api/v1/products/{product['id']}/lots", {"code": "LOT42", "expiry": "2027-12-31"}))
    order = ok(api.get(f"/api/v1/purchase-orders/{goods['order']['id']}"))
    g = gtin14(CAMERA_GTIN)
    sscc = "0" + "1234567" + "000000001"
    sscc += str(gtin_check_digit(sscc))
    return [
        CAMERA_GTIN, g, upc, upc[1:], product["sku"], f"  {product['sku']} ", pack, other["sku"],
        f"01{g}17271231" + "10LOT42", f"]C101{g}10LOT42{GS}17271231", f"(01){g}(17)271200(10)LOT42",
        f"(01){g}(10)NOLOT(21)S-1", f"(01){g}(15)271200", f"01{g}3103001250{GS}10LOT42", f"<GS>01{g}3922001999",
        f"https://id.gs1.org/01/{CAMERA_GTIN}/10/LOT42?17=271231",
        f"https://example.com/shop/01/{g}/21/SER9?3103=001250&linkType=all",
        f"00{sscc}", f"00{sscc}{GS}02{g}3712", f"00{sscc}{GS}02{gtin14(ean13(55555))}37{12}",
        f"01{g[:-1]}{(int(g[-1]) + 1) % 10}", f"01{gtin14(ean13(4444))}", "(99)INTERNAL", "(01)123",
        f"01{g}17271340", "10ABC", CAMERA_BIN, f"STP:PO:{order['number']}",
        f"stp:po:{order['number'].lower()}", "STP:PO:PO-999999", "STP:ZZ:1", "STP:PO:",
        "NOTHING-42", "   ", f"{GS}{GS}", "https://example.com/not/a/link",
    ]


def test_codes_mean_the_same_on_the_device_and_the_server(signed_in, server, page, goods, remote_api):
    codes = parity_codes(remote_api, goods)
    signed_in("warehouse")
    open_lookup(page, server)
    page.evaluate("() => import('/js/devicecopy.js').then((m) => m.refresh(['catalog']))")
    device = page.evaluate("""(codes) => import('/js/scan/codes.js').then(async (m) => {
        const out = [];
        for (const code of codes) {
          try { out.push({ ok: await m.resolveCode(code) }); }
          catch (e) { out.push({ error: [e.status, e.code] }); }
        }
        return JSON.parse(JSON.stringify(out));
      })""", codes)
    for code, mine in zip(codes, device):
        answer = remote_api.get(f"/api/v1/scan/resolve?code={quote(code, safe='')}")
        body = answer.get_json()
        theirs = {"ok": body} if answer.status_code == 200 else {
            "error": [answer.status_code, body["error"]["code"]]}
        assert mine == theirs, code
    kinds = {r["ok"]["kind"] for r in device if "ok" in r}
    assert kinds == {"product", "location", "document", "sscc"}


# ---- the camera ----------------------------------------------------------------------------

def camera_on(page):
    page.click("#lookup-camera-toggle")
    page.wait_for_selector("#lookup-camera video")


def test_the_fake_camera_is_read_by_the_wasm_decoder(signed_in, server, page, goods):
    signed_in("warehouse")
    open_lookup(page, server)
    assert page.evaluate("() => 'BarcodeDetector' in window") is False  # zxing-wasm does it
    camera_on(page)
    scanned(page, CAMERA_GTIN, "camera")
    assert page.locator("#lookup-product h2").inner_text() == goods["product"]["name"]
    gs1 = f"(01){gtin14(CAMERA_GTIN)}(17)271231(10)LOT42"
    scanned(page, gs1, "camera")
    assert "lot LOT42" in page.locator("#lookup-product .tracking").inner_text()
    scanned(page, CAMERA_BIN, "camera")
    assert page.locator("#lookup-location h2").inner_text() == "Bin A-01"
    assert page.locator(".scan-band").get_attribute("data-state") == "ok"


def test_frames_the_device_cannot_read_go_to_the_server_while_online(signed_in, server, page, goods):
    signed_in("warehouse")
    open_lookup(page, server)
    sent = []
    page.on("request", lambda r: sent.append(r.url) if "/api/v1/scan/decode" in r.url else None)
    camera_on(page)
    scanned(page, SERVER_ONLY_BIN, "server")
    assert page.locator("#lookup-location h2").inner_text() == "Bin A-02"
    assert sent and all(url.endswith("/api/v1/scan/decode?mode=frame") for url in sent)


def test_a_code_in_view_counts_once_and_again_after_leaving(page, server):
    page.goto(server)
    counts = page.evaluate("""() => import('/js/scan/camera.js').then(({ Presence }) => {
        const p = new Presence(700);
        return [p.fresh(['A'], 0), p.fresh(['A'], 100), p.fresh(['A', 'B'], 600),
                p.fresh(['B'], 1000), p.fresh(['A'], 1400)].map((a) => a.join(''));
      })""")
    assert counts == ["A", "", "B", "", "A"]


def test_a_server_read_of_a_code_the_device_read_in_view_counts_nothing_more(page, server):
    # The device writes FNC1 as GS, the server writes brackets and a symbology identifier.
    page.goto(server)
    counts = page.evaluate("""() => import('/js/scan/camera.js').then(({ Presence }) => {
        const p = new Presence(700);
        return [p.fresh(['0109506000134352\x1d10L7'], 0),
                p.fresh([']C1(01)09506000134352(10)L7'], 350),
                p.fresh(['(01)09506000134352(10)L7'], 2000)].map((a) => a.length);
      })""")
    assert counts == [1, 0, 1]


def test_the_camera_reads_offline_after_the_first_visit(signed_in, server, context, page, goods):
    signed_in("warehouse")["cdp"].detach()  # see test_signed_in_device_starts_offline_at_home
    open_lookup(page, server)
    camera_on(page)
    scanned(page, CAMERA_GTIN, "camera")
    context.set_offline(True)
    page.reload()
    page.wait_for_selector("#lookup-camera video")  # the camera is remembered as on
    assert page.get_attribute("#lookup-camera-toggle", "aria-pressed") == "true"
    scanned(page, CAMERA_BIN, "camera")
    scanned(page, CAMERA_GTIN, "camera")
    assert page.locator("#net").inner_text() == "Offline"
    assert page.locator("#lookup-product .asof").inner_text().startswith("Offline copy, as of ")
    assert page.locator("[data-figure=on_hand] .figure-value").first.inner_text() == "5"
    shot(page, "scan-lookup-camera-offline-390x844")


# ---- how it looks --------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_screenshots_of_the_lookup(signed_in, server, page, goods, language):
    signed_in("warehouse")
    open_lookup(page, server)
    if language == "zh-CN":
        page.click("#lang")
        page.wait_for_selector("h1:text('库存查询')")
    camera_on(page)
    scanned(page, CAMERA_GTIN, "camera")
    shot(page, f"scan-lookup-product-{language}-390x844")
    page.click("#lookup-camera-toggle")  # the looping video would answer over the next scans
    page.wait_for_selector("#lookup-camera video", state="detached")
    wedge(page, "NOTHING-42")
    scanned(page, "NOTHING-42", "wedge")
    assert page.locator(".scan-band").get_attribute("data-state") == "error"
    shot(page, f"scan-lookup-unknown-{language}-390x844")
    page.set_viewport_size({"width": 1024, "height": 768})
    wedge(page, CAMERA_BIN)
    scanned(page, CAMERA_BIN, "wedge")
    shot(page, f"scan-lookup-bin-{language}-1024x768")
    wedge(page, CAMERA_GTIN)
    scanned(page, CAMERA_GTIN, "wedge")
    shot(page, f"scan-lookup-product-{language}-1024x768")
