"""Bin-to-bin moves on the phone: scan the bin from, the items, the bin to; the ledger gets
one pair of moves per product, once."""
import pytest

from tests.backend.factories import add_stock, make_product

from .conftest import shot
from .floor import band, make_site, moves_of, sent_all, unit_code, wedge

pytestmark = pytest.mark.usefixtures("auth_server")


def test_items_scanned_between_two_bins_move_once(signed_in, server, remote_api, page):
    signed_in("warehouse")
    warehouse, (here, there) = make_site(remote_api)
    product = make_product(remote_api)
    add_stock(remote_api, product, here, 5)
    page.goto(f"{server}/#/move")
    page.wait_for_selector("#move-from")
    wedge(page, unit_code(product))
    assert "first" in band(page, "warn")
    wedge(page, here["barcode"])
    page.wait_for_selector(f"#move-from[data-bin-id='{here['id']}']")
    wedge(page, unit_code(product))
    wedge(page, unit_code(product))
    page.wait_for_selector(f"#move-items [data-product-id='{product['id']}'][data-qty='2']")
    shot(page, "move-items-390x844")
    wedge(page, there["barcode"])
    assert "2 moved" in band(page, "ok")
    sent_all(page)
    moves = moves_of(remote_api, product)
    assert moves.count((-2, here["id"], "bin_move")) == 1 and moves.count((2, there["id"], "bin_move")) == 1
