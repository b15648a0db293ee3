"""A clash at the database names the field that clashes, for any unique field of any table."""
import peewee
import pytest

from tests.backend.factories import make_product, ok


def test_a_duplicate_user_name_names_the_field(api):
    body = {"username": "ann", "display_name": "Ann", "role": "readonly"}
    ok(api.post("/api/v1/users", body))
    response = api.post("/api/v1/users", dict(body, display_name="Another Ann"))
    assert response.status_code == 409
    assert response.json["error"]["field"] == "username"
    assert response.json["error"]["message"] == "Another user already has this username."


@pytest.mark.parametrize("table", ["lot", "passkey"])
def test_every_unique_field_is_named(api, app, table):
    """Straight at the models, past any check a service makes first."""
    from backend.auth.models import Passkey
    from backend.errors import handle_integrity_error
    from backend.stock.models import Lot
    product = make_product(api)
    make = {"lot": lambda: Lot.create(product=product["id"], code="L1"),
            "passkey": lambda: Passkey.create(user=1, credential_id="c", public_key=b"k",
                                              name="P")}[table]
    with app.test_request_context(), app.app_context():
        make()
        with pytest.raises(peewee.IntegrityError) as clash:
            make()
        error = handle_integrity_error(clash.value).json["error"]
    assert error["field"] == {"lot": "code", "passkey": "credential_id"}[table]
