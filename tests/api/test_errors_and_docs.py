"""The API's own pages and its error shape: the OpenAPI schema and the interactive docs exist (and the docs
load no script from elsewhere or inline, under our CSP), and every error is JSON `{"detail", "errors"}` in the
caller's language — also for a path that does not exist and a method a path does not have."""

import re

import pytest

pytestmark = pytest.mark.django_db


def assert_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail", "errors"} and body["detail"]
    return body


def test_the_schema_is_openapi_3_and_lists_every_router(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    tags = {
        tag
        for methods in schema["paths"].values()
        for operation in methods.values()
        for tag in operation.get("tags", [])
    }
    assert {"dialogues", "preparation", "design", "synthesis", "measures", "funding", "privacy"} <= tags
    assert "/api/v1/dialogues/{dialogue_id}/invitations/" in schema["paths"]
    assert {"StaffToken", "StaffSession"} <= set(schema["components"]["securitySchemes"])


def test_the_interactive_docs_load_only_our_own_scripts(client):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200 and "/api/v1/openapi.json" in html
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    sources = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', html)
    assert len(sources) >= 3
    for source in sources:
        assert source.startswith("/"), source  # same origin: the CSP allows nothing else
        asset = client.get(source)
        assert asset.status_code == 200 and asset["Content-Type"].split(";")[0] in {
            "text/javascript",
            "application/javascript",
            "text/css",
            "image/png",
        }
    assert client.get("/api/v1/docs/assets/redoc.standalone.js.map").status_code == 404  # only the files the page needs
    inline = re.search(r'<script(?![^>]*\b(?:src=|type="application/json"))[^>]*>\s*\S', html)
    assert not inline, "an inline script would be blocked by the CSP"


def test_bad_input_names_each_field_in_german_and_creates_nothing(api_as, consultant, municipality):
    from dialogwerk.dialogues.models import Dialogue

    body = assert_error(
        api_as(consultant).post(
            "/api/v1/dialogues/", {"title": "", "municipality": municipality.pk, "expected_participants": "viele"}
        ),
        422,
    )
    assert "Felder" in body["detail"]
    assert body["errors"] == {
        "title": ["Mindestens 1 Zeichen."],
        "expected_participants": ["Geben Sie eine ganze Zahl ein."],
    }
    assert not Dialogue.objects.exists()


def test_a_body_that_is_not_json_is_bad_input_on_the_body(client, token_for, consultant):
    response = client.post(
        "/api/v1/dialogues/",
        data="{kaputt",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token_for(consultant)}",
    )
    assert assert_error(response, 422)["errors"] == {"body": ["Das ist kein gültiges JSON."]}


def test_no_token_is_401_with_a_challenge(client):
    response = client.get("/api/v1/dialogues/")
    assert assert_error(response, 401)["errors"] is None and response["WWW-Authenticate"].startswith("Bearer")


def test_a_path_that_does_not_exist_is_a_json_404(client, token_for, consultant):
    for path in ("/api/v1/gibt-es-nicht", "/api/v1/dialogues/1/nichts/", "/api/v1/"):
        body = assert_error(client.get(path, HTTP_AUTHORIZATION=f"Bearer {token_for(consultant)}"), 404)
        assert body["detail"] == "Nicht gefunden oder für Sie nicht sichtbar."
    assert_error(client.post("/api/v1/gibt-es-nicht", data="{}", content_type="application/json"), 404)


def test_a_method_the_path_does_not_have_is_a_json_405_naming_the_allowed_ones(api_as, consultant, dialogue):
    response = api_as(consultant).delete(f"/api/v1/dialogues/{dialogue.pk}")  # dialogues are not deleted, as in the UI
    body = assert_error(response, 405)
    assert "GET" in response["Allow"] and "PATCH" in response["Allow"] and "DELETE" not in response["Allow"]
    assert "PATCH" in body["detail"]


def test_errors_follow_the_language_cookie(client):
    client.cookies["dialogwerk_language"] = "en"
    assert "authenticate" in assert_error(client.get("/api/v1/dialogues/"), 401)["detail"]


# Schema classes named alike in two modules share one entry of the schema's components (keyed by class
# name): one operation is then documented with the other's shape. Remove a name here once it is renamed.
KNOWN_NAME_CLASHES: set[str] = set()


def test_no_two_schemas_of_the_api_share_a_name():
    import inspect
    import sys

    from ninja import Schema

    from dialogwerk.api import api

    modules = {
        operation.view_func.__module__
        for _prefix, router in api._routers
        for path_view in router.path_operations.values()
        for operation in path_view.operations
    }
    assert "dialogwerk.live.staff_api" in modules and "dialogwerk.privacy.api" in modules
    defined: dict[str, set[str]] = {}
    for name in modules:
        for cls_name, cls in vars(sys.modules[name]).items():
            if inspect.isclass(cls) and issubclass(cls, Schema) and cls.__module__ == name:
                defined.setdefault(cls_name, set()).add(name)
    clashes = {cls_name for cls_name, where in defined.items() if len(where) > 1}
    assert clashes <= KNOWN_NAME_CLASHES, {name: sorted(defined[name]) for name in clashes - KNOWN_NAME_CLASHES}
