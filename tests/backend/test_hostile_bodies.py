"""No body of any shape gives a 5xx: what Python's json module chokes on, or reads but the
databases cannot store, is a 400 in the error shape that changes nothing (issue 14, finding 7)."""
import pytest

from tests.backend.factories import ok

HOSTILE = {
    "nested 100,000 deep": '{"sku": "A", "name": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "a 5,000-digit number": '{"sku": "A", "name": "A", "price": ' + "9" * 5000 + "}",
    "a lone surrogate": '{"sku": "A\\ud800", "name": "A"}',
    "a lone surrogate in a key": '{"sku": "A", "name": "A", "\\udfff": 1}',
    "a number too large for a float": '{"sku": "A", "name": "A", "price": 1e400}',
    "NaN": '{"sku": "A", "name": "A", "price": NaN}',
    "nested 65 deep": '{"sku": "A", "name": "A", "barcodes": ' + "[" * 65 + "]" * 65 + "}",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_json_body_is_400_bad_json_and_changes_nothing(api, name):
    response = api.client.post("/api/v1/products", data=HOSTILE[name],
                               content_type="application/json",
                               headers=dict(api.headers, **{"Idempotency-Key": name}))
    assert response.status_code == 400, response.get_data()[:300]
    error = response.json["error"]
    assert error["code"] == "bad_json" and error["message"] and error["field"]
    assert ok(api.get("/api/v1/products"))["items"] == []


def test_the_surrogate_is_named_by_its_field(api):
    response = api.client.post("/api/v1/products", data='{"sku": "A", "name": "\\ud800"}',
                               content_type="application/json", headers=api.headers)
    assert response.json["error"]["field"] == "name"


def test_a_surrogate_pair_is_a_character_and_is_stored(api):
    product = ok(api.client.post("/api/v1/products", data='{"sku": "A", "name": "\\ud83d\\ude00"}',
                                 content_type="application/json", headers=dict(
                                     api.headers, **{"Idempotency-Key": "pair"})), 201)
    assert product["name"] == "\U0001F600"
