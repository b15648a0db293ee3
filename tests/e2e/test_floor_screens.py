"""The floor screens on a phone (390×844) and a tablet (1024×768), in English and Chinese:
every target at least 48 px, nothing wider than the screen; screenshots kept as artifacts."""
import pytest

from tests.backend.factories import add_stock, make_product

from .conftest import shot
from .floor import make_open_po, make_shipped, make_site, sent_all, unit_code, wedge

pytestmark = pytest.mark.usefixtures("auth_server")
SIZES = {"390x844": {"width": 390, "height": 844}, "1024x768": {"width": 1024, "height": 768}}


def check_layout(page):
    """Targets of 48 px or more, and no sideways scrolling."""
    small = page.evaluate("""() => [...document.querySelectorAll('main button, main a.button, main select, main input')]
        .filter((el) => el.offsetParent !== null)
        .map((el) => [el.id || el.className || el.tagName, el.getBoundingClientRect().height])
        .filter(([, height]) => height < 47.5)""")
    assert small == []
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("size", SIZES)
def test_floor_screens_fit_and_are_shot(signed_in, server, remote_api, page, size, lang):
    signed_in("manager")
    page.set_viewport_size(SIZES[size])
    if lang != "en":
        page.click("#lang")
        page.wait_for_selector("html[lang='zh-CN']")
    warehouse, (here, there) = make_site(remote_api)
    products = [make_product(remote_api) for _ in range(4)]
    order = make_open_po(remote_api, warehouse, [(p, 6) for p in products[:3]])
    add_stock(remote_api, products[3], here, 4)
    make_shipped(remote_api, warehouse, here, products[3], qty=1)

    page.goto(f"{server}/#/receive")
    page.wait_for_selector(f"#receive-orders [data-order-id='{order['id']}']")
    check_layout(page)
    shot(page, f"floor-receive-list-{size}-{lang}")
    page.goto(f"{server}/#/receive/{order['id']}")
    page.wait_for_selector("#receive-lines")
    wedge(page, here["barcode"])
    for _ in range(6):
        wedge(page, unit_code(products[0]))
    wedge(page, unit_code(products[1]))
    page.wait_for_selector(f".recv-line[data-line-id='{order['lines'][1]['id']}'][data-received='1']")
    check_layout(page)
    shot(page, f"floor-receive-{size}-{lang}")
    page.click("#receive-finish")
    page.wait_for_selector("#receive-leave-open")
    shot(page, f"floor-receive-finish-{size}-{lang}")

    page.goto(f"{server}/#/move")
    page.wait_for_selector("#move-from")
    wedge(page, here["barcode"])
    wedge(page, unit_code(products[3]))
    page.wait_for_selector("#move-items li")
    check_layout(page)
    shot(page, f"floor-move-{size}-{lang}")

    page.goto(f"{server}/#/returns")
    page.wait_for_selector(".floor .lead")
    wedge(page, unit_code(products[3]))
    page.locator("#returns-orders button").first.click()
    page.wait_for_selector("#returns-reasons")
    check_layout(page)
    shot(page, f"floor-returns-{size}-{lang}")
    page.click("[data-choice='defective']")
    page.click("[data-choice='quarantine']")
    sent_all(page)

    page.goto(f"{server}/#/quarantine")
    page.wait_for_selector("#quarantine-list li")
    check_layout(page)
    shot(page, f"floor-quarantine-{size}-{lang}")
    page.goto(f"{server}/#/outbox")
    page.wait_for_selector("#outbox-list", state="attached")
    shot(page, f"floor-outbox-{size}-{lang}")
