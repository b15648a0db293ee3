"""Rate limits on the ways in: per client address and route, answered 429 in the error shape."""
import pytest

from tests.conftest import serve

LIMITED = [("post", "/api/v1/auth/login/options", {}),
           ("post", "/api/v1/auth/login/verify", {"challenge_id": "x", "credential": {}}),
           ("get", "/api/v1/auth/enrol/some-token", None),
           ("post", "/api/v1/auth/enrol/some-token/options", {}),
           ("post", "/api/v1/auth/enrol/some-token/verify", {"challenge_id": "x",
                                                             "credential": {}})]


def send(client, method, url, body, address="10.0.0.1"):
    """One request from a client address."""
    kw = {"json": body} if body is not None else {}
    return getattr(client, method)(url, environ_base={"REMOTE_ADDR": address}, **kw)


@pytest.mark.parametrize("method,url,body", LIMITED)
def test_sign_in_and_enrolment_endpoints_refuse_past_the_limit(app, api, method, url, body):
    app.extensions["settings"].auth_rate_limit = "3 per minute"
    client = app.test_client()
    statuses = [send(client, method, url, body).status_code for _ in range(4)]
    assert 429 not in statuses[:3] and statuses[3] == 429
    response = send(client, method, url, body)
    assert response.json["error"]["code"] == "too_many_requests"


def test_limit_is_per_client_address(app, api):
    app.extensions["settings"].auth_rate_limit = "2 per minute"
    client = app.test_client()
    for _ in range(3):
        send(client, "post", "/api/v1/auth/login/options", {}, "10.0.0.1")
    assert send(client, "post", "/api/v1/auth/login/options", {}, "10.0.0.2").status_code == 200


def test_limit_is_per_route(app, api):
    app.extensions["settings"].auth_rate_limit = "2 per minute"
    client = app.test_client()
    for _ in range(3):
        send(client, "post", "/api/v1/auth/login/options", {})
    assert send(client, "get", "/api/v1/auth/enrol/x", None).status_code == 404


def test_signed_in_work_is_not_rate_limited(app, api):
    app.extensions["settings"].auth_rate_limit = "2 per minute"
    assert all(api.get("/api/v1/products").status_code == 200 for _ in range(5))


@pytest.mark.slow
def test_workers_count_together_through_redis(app, database_url, redis_url):
    """Production mode: with REDIS_URL the four workers share one count per address."""
    import requests
    with serve(database_url, REDIS_URL=redis_url, AUTH_RATE_LIMIT="6 per minute") as url:
        statuses = []
        for _ in range(12):
            with requests.Session() as fresh:  # a new connection each, spread over the workers
                statuses.append(fresh.post(url + "/api/v1/auth/login/options", json={},
                                           timeout=10).status_code)
    assert (statuses.count(200), statuses.count(429)) == (6, 6), statuses
