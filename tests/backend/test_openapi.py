"""The OpenAPI document reads like our own API: valid, each operation named for what it does,
its sign-in and its error responses declared, so a generated client needs no guessing."""
import re

import pytest
import schemathesis

from backend.auth.permissions import ENDPOINTS, PUBLIC

# What an operation's name may start with: a verb saying what it does.
VERBS = {"add", "approve", "cancel", "close", "complete", "confirm", "create", "decode", "delete",
         "finish", "get", "list", "log", "look", "receive", "record", "reject", "release", "remove",
         "rename", "resolve", "return", "revoke", "set", "ship", "submit", "suggest", "update",
         "write"}
VERBS |= {"apply"}  # fast sync: apply_batch
METHODS = ("get", "post", "put", "patch", "delete")
SIGNED_IN = [{"bearerToken": []}, {"sessionCookie": []}]


@pytest.fixture(scope="module")
def spec(tmp_path_factory):
    """The served document, from an app on a throwaway SQLite file (no table is read)."""
    from backend import create_app
    from config import Settings
    folder = tmp_path_factory.mktemp("openapi")
    app = create_app(Settings(database_url=f"sqlite:///{folder}/stocktap.db", testing=True))
    return app.test_client().get("/api/openapi.json").get_json()


def operations(spec):
    """(path, method, operation) of every operation in the document."""
    return [(path, method, operation) for path, item in spec["paths"].items()
            for method, operation in item.items() if method in METHODS]


def endpoint_of(operation):
    """The Flask endpoint an operation documents: "<blueprint>.<operationId>"."""
    [endpoint] = [e for e in ENDPOINTS if e.endswith("." + operation["operationId"])]
    return endpoint


def test_the_document_is_valid_openapi(spec):
    schemathesis.openapi.from_dict(spec).validate()


def test_every_operation_id_is_a_unique_snake_case_verb_first_name(spec):
    ids = [operation.get("operationId") for _path, _method, operation in operations(spec)]
    assert len(ids) > 100 and len(set(ids)) == len(ids)
    for name in ids:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)+", name or ""), name
        assert name.split("_")[0] in VERBS, name


def test_the_bearer_token_and_session_cookie_schemes_are_declared(spec):
    schemes = spec["components"]["securitySchemes"]
    assert schemes["bearerToken"] == {"type": "http", "scheme": "bearer",
                                      "description": schemes["bearerToken"]["description"]}
    assert (schemes["sessionCookie"]["in"], schemes["sessionCookie"]["name"]) == (
        "cookie", "stocktap_session")


def test_public_operations_need_no_sign_in_and_the_others_either_scheme(spec):
    public = []
    for path, method, operation in operations(spec):
        if ENDPOINTS[endpoint_of(operation)] == PUBLIC:
            public.append(operation["operationId"])
            assert operation["security"] == [], path
        else:
            assert operation["security"] == SIGNED_IN, path
            assert {"401", "403"} <= set(operation["responses"]), (method, path)
    assert {"get_login_options", "log_in", "complete_enrolment"} <= set(public)


def test_error_responses_are_documented_by_what_an_operation_can_meet(spec):
    error = {"$ref": "#/components/schemas/Error"}
    for path, method, operation in operations(spec):
        responses = operation["responses"]
        if "{" in path:
            assert "404" in responses, (method, path)
        if method != "get":
            assert {"408", "409", "413", "422"} <= set(responses), (method, path)
        for status, response in responses.items():
            if status.startswith("4") and "$ref" in response:
                name = response["$ref"].rsplit("/", 1)[1]
                content = spec["components"]["responses"][name]["content"]
                assert content["application/json"]["schema"] == error, (status, path)


def test_an_operations_own_error_description_is_kept(spec):
    release = spec["paths"]["/api/v1/quarantine/release"]["post"]["responses"]["409"]
    assert "$ref" not in release and release["content"]["application/json"]["schema"]
