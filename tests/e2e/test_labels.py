"""Print label from the phone: the look-up card and the Receive screen open the label PDF,
which the signed-in browser gets (then prints or shares it)."""
import pytest

from tests.backend.factories import make_product

from .conftest import shot
from .floor import make_open_po, make_site, sent_all, unit_code, wedge
from .test_scan_input import open_lookup, scanned

pytestmark = pytest.mark.usefixtures("auth_server")


def fetched(page, href):
    """(status, content type, first bytes) of href fetched by the page, with its session."""
    return page.evaluate("""async (href) => {
        const r = await fetch(href);
        const text = new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5));
        return [r.status, r.headers.get('content-type'), text]; }""", href)


def test_the_lookup_card_prints_the_products_label(signed_in, server, remote_api, page):
    signed_in("warehouse")
    product = make_product(remote_api)
    open_lookup(page, server)
    wedge(page, product["sku"])
    scanned(page, product["sku"], "wedge")
    link = page.locator("#lookup-product a.print-label")
    assert link.inner_text() == "Print label"
    href = link.get_attribute("href")
    assert href == f"/api/v1/products/{product['id']}/label?format=pdf&size=50x30"
    assert link.get_attribute("target") == "_blank"
    assert fetched(page, href) == [200, "application/pdf", "%PDF-"]
    shot(page, "labels-lookup")


def test_the_receive_screen_prints_labels_for_what_came_in(signed_in, server, remote_api, page):
    signed_in("warehouse")
    warehouse, (bin_, _) = make_site(remote_api)
    product = make_product(remote_api)
    order = make_open_po(remote_api, warehouse, [(product, 2)])
    page.goto(f"{server}/#/receive/{order['id']}")
    page.wait_for_selector("#receive-lines")
    wedge(page, bin_["barcode"])
    wedge(page, unit_code(product))
    sent_all(page)
    href = page.locator("#receive-labels").get_attribute("href")
    assert href == f"/api/v1/purchase-orders/{order['id']}/labels?format=pdf&size=50x30"
    assert fetched(page, href) == [200, "application/pdf", "%PDF-"]
    shot(page, "labels-receive")
