"""A product with a GTIN and a lot with an expiry, a warehouse with a bin."""
from types import SimpleNamespace

import pytest

from tests.backend.factories import make_location, make_product, make_warehouse, ok


@pytest.fixture
def site(api):
    warehouse = make_warehouse(api)
    product = make_product(api, name="Screw 螺丝 M4", tracks_lots=True)
    lot = ok(api.post(f"/api/v1/products/{product['id']}/lots",
                      {"code": "L-42a", "expiry": "2027-03-31"}))
    return SimpleNamespace(warehouse=warehouse, bin=make_location(api, warehouse),
                           product=product, lot=lot)


def gtin14(product):
    return product["barcodes"][0]["code"].zfill(14)
