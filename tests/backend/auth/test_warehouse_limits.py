"""Users limited to some warehouses get 403 where a request names another one."""
import pytest

from tests.backend.factories import make_location, make_product, make_warehouse, ok
from tests.conftest import ApiClient


@pytest.fixture
def limited(api, app):
    """(client of a manager limited to warehouse A, A, B)."""
    from backend.auth.tokens import issue_token
    a, b = make_warehouse(api), make_warehouse(api)
    user = ok(api.post("/api/v1/users", {"username": "limited", "display_name": "Limited",
                                         "role": "manager", "warehouses": [a["id"]]}))
    with app.app_context():
        app.extensions["test_tokens"]["limited"] = issue_token("t", user_id=user["id"])[1]
    return ApiClient(app.test_client(), "limited"), a, b


def test_me_lists_the_warehouses(limited):
    client, a, _b = limited
    assert ok(client.get("/api/v1/auth/me"))["user"]["warehouses"] == [a["id"]]


@pytest.mark.parametrize("url", ["/api/v1/stock?warehouse_id={}", "/api/v1/warehouses/{}",
                                 "/api/v1/stocktakes?warehouse_id={}"])
def test_reads_naming_another_warehouse_are_403(limited, url):
    client, a, b = limited
    assert client.get(url.format(a["id"])).status_code == 200
    response = client.get(url.format(b["id"]))
    assert response.status_code == 403 and response.json["error"]["code"] == "warehouse"


def test_body_naming_another_warehouse_is_403(limited):
    client, _a, b = limited
    response = client.post("/api/v1/stocktakes", {"warehouse_id": b["id"]})
    assert response.status_code == 403 and response.json["error"]["code"] == "warehouse"


def test_lines_naming_a_location_of_another_warehouse_are_403(limited, api):
    client, a, b = limited
    product, elsewhere = make_product(api), make_location(api, b)
    response = client.post("/api/v1/stock/adjustments", {
        "warehouse_id": a["id"], "reason": "count",
        "lines": [{"product_id": product["id"], "location_id": elsewhere["id"], "qty": 1}]})
    assert response.status_code == 403 and response.json["error"]["code"] == "warehouse"


def test_documents_of_another_warehouse_are_403(limited, api):
    client, a, b = limited
    mine = ok(api.post("/api/v1/stocktakes", {"warehouse_id": a["id"]}))
    theirs = ok(api.post("/api/v1/stocktakes", {"warehouse_id": b["id"]}))
    assert client.get(f"/api/v1/stocktakes/{mine['id']}").status_code == 200
    assert client.get(f"/api/v1/stocktakes/{theirs['id']}").status_code == 403


def test_services_can_check_a_warehouse(limited, app):
    from backend.auth.access import check_warehouse
    from backend.errors import Forbidden
    from tests.backend.auth.conftest import user_id
    _client, a, b = limited
    with app.app_context():
        check_warehouse(user_id(app, "limited"), a["id"])
        with pytest.raises(Forbidden):
            check_warehouse(user_id(app, "limited"), b["id"])
