"""No request can make a 500: schemathesis generates requests for every operation of our own
OpenAPI document (valid ones and ones that break the schema), on both databases.

Runs in-process through the WSGI app, with a fixed seed per run (derandomize) so a failure
shows up again on the next run. Sign-in, tokens and users are left out: a generated request
would revoke the test's own token and every request after it would be a 401.
"""
import hypothesis
import pytest
import schemathesis
from schemathesis.checks import not_a_server_error

from tests.backend.factories import add_stock, make_location, make_product, make_warehouse

pytestmark = pytest.mark.slow


@pytest.fixture
def fuzz_schema(app, api):
    """The app's OpenAPI document, with a product in stock so some ids lead somewhere."""
    warehouse = make_warehouse(api)
    add_stock(api, make_product(api), make_location(api, warehouse), 5)
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


schema = schemathesis.pytest.from_fixture("fuzz_schema").exclude(
    path_regex=r"/auth/|/tokens|/users|/scan/decode")


@schema.parametrize()
@hypothesis.settings(max_examples=12, derandomize=True, deadline=None, database=None,
                     suppress_health_check=list(hypothesis.HealthCheck))
def test_no_generated_request_makes_a_server_error(case, api):
    case.call_and_validate(headers=dict(api.headers), checks=[not_a_server_error])
