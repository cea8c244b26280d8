"""Every operation of the OpenAPI schema, called as someone of another municipality, answers 403 or 404.

Like tests/test_tenant_isolation.py for pages: path parameters are filled from the apps' factories
(tests/<app>/tenant_kwargs.py) with objects of Kommune B; the caller is an administrator of Kommune A with
a read-write token. A new router is covered as soon as it is mounted; a path parameter without a factory
fails the test. Operations scoped by a join code (the live participant API) are called with the token of
a participant of another session instead. Request bodies are built from the schema, so they pass
validation and reach the permission check.
"""

import json

import pytest
from django.urls import resolve

from dialogwerk.api import api
from dialogwerk.apitokens.services import token_create
from dialogwerk.dialogues.models import Dialogue
from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.live import services as live_services
from dialogwerk.live.models import Method
from dialogwerk.tenancy.models import AuditLogEntry, Membership, Role
from tests.api.tenant_kwargs import PUBLIC_URL_NAMES as PERSONAL
from tests.conftest import make_user
from tests.tenant_walk import FACTORIES, PUBLIC_URL_NAMES, load_factories

SCHEMA = api.get_openapi_schema()
FOREIGN_NAMES = ("Kommune B", "Geheimer Dialog B", "admin@b.example")


def operations():
    for path, methods in SCHEMA["paths"].items():
        for method, operation in methods.items():
            yield method.upper(), path, operation


def schemes(operation) -> set[str]:
    return {name for requirement in operation.get("security", []) for name in requirement}


def resolve_ref(schema: dict) -> dict:
    while "$ref" in schema:
        schema = SCHEMA["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def example(name: str, schema: dict, values: dict):
    schema = resolve_ref(schema)
    for option in schema.get("anyOf", []):
        if option.get("type") != "null":
            return example(name, option, values)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "integer":
        return values.get(f"{name}_id", values.get(name, 1))
    if kind == "boolean":
        return False
    if kind == "object":
        return {key: example(key, prop, values) for key, prop in schema.get("properties", {}).items()}
    if schema.get("format") == "date":
        return "2027-01-01"
    if schema.get("format") == "date-time":
        return "2027-01-01T10:00:00+01:00"
    return "X"


def body_for(operation, values: dict):
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" not in content:
        return None
    return example("payload", content["application/json"]["schema"], values)


def fill(path: str, values: dict) -> str:
    for name in path.split("{")[1:]:
        name = name.split("}")[0]
        assert name in values, (
            f"add a @url_kwarg factory for the API path parameter {name!r} (tests/<app>/tenant_kwargs.py)"
        )
        path = path.replace("{" + name + "}", str(values[name]))
    return path


def send(client, method: str, url: str, body, token: str | None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if method == "GET":
        return client.get(url, **headers)
    return client.generic(
        method, url, json.dumps(body) if body is not None else "", content_type="application/json", **headers
    )


@pytest.fixture
def foreign(other_municipality, outsider, settings):
    settings.RATE_LIMITS_ENABLED = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_factories()
    dialogue = dialogue_create(actor=outsider, municipality=other_municipality, title="Geheimer Dialog B")
    context = {"municipality": other_municipality, "dialogue": dialogue, "user": outsider}
    values = {name: factory(context) for name, factory in FACTORIES.items()}
    values["municipality"] = other_municipality.pk  # body fields naming a municipality
    return {**context, "values": values}


def test_every_staff_operation_answers_403_or_404_to_another_municipality(client, municipality, foreign):
    intruder = make_user("intruder@a.example", municipality, Role.MUNICIPALITY_ADMIN)
    _token, secret = token_create(user=intruder, name="Walk")
    audit_before = AuditLogEntry.objects.filter(municipality=foreign["municipality"]).count()
    members_before = Membership.objects.filter(municipality=foreign["municipality"]).count()
    checked = 0
    for method, path, operation in operations():
        url = fill(path, foreign["values"])
        name = resolve(url).view_name
        if name in PUBLIC_URL_NAMES and name not in PERSONAL:
            continue  # scoped by join code and participant token: see the next test
        response = send(client, method, url, body_for(operation, foreign["values"]), secret)
        content = response.content.decode()
        if name in PERSONAL and method == "GET":
            assert response.status_code == 200, f"{method} {url}"
            assert not any(name in content for name in FOREIGN_NAMES), f"{method} {url} shows Kommune B"
            continue
        assert response.status_code in {403, 404}, f"{method} {url} answered {response.status_code}: {content[:200]}"
        checked += 1
    assert checked >= 8
    dialogue = Dialogue.objects.get(pk=foreign["dialogue"].pk)
    assert dialogue.title == "Geheimer Dialog B" and dialogue.themes.count() == 5 and dialogue.phase == "preparation"
    assert AuditLogEntry.objects.filter(municipality=foreign["municipality"]).count() == audit_before
    assert Membership.objects.filter(municipality=foreign["municipality"]).count() == members_before


def test_every_participant_operation_answers_403_or_404_to_a_participant_of_another_session(
    client, municipality, consultant, foreign
):
    own_dialogue = dialogue_create(actor=consultant, municipality=municipality, title="Eigener Dialog")
    own_session = live_services.session_create(
        actor=consultant, dialogue=own_dialogue, title="Eigene Sitzung", method=Method.WORLD_CAFE
    )
    _participant, token = live_services.participant_join(
        session=own_session, display_name="Gast", language="de", consent=True
    )
    checked = 0
    for method, path, operation in operations():
        if "ParticipantToken" not in schemes(operation):
            continue
        url = fill(path, foreign["values"])
        response = send(client, method, url, body_for(operation, foreign["values"]), token)
        assert response.status_code in {403, 404}, (
            f"{method} {url} answered {response.status_code}: {response.content[:200]}"
        )
        checked += 1
    assert checked >= 3


def test_every_staff_operation_answers_401_to_nobody(client, foreign):
    for method, path, operation in operations():
        if not schemes(operation) & {"StaffToken", "StaffSession"}:
            continue
        url = fill(path, foreign["values"])
        response = send(client, method, url, body_for(operation, foreign["values"]), None)
        assert response.status_code == 401, f"{method} {url} answered {response.status_code}"
        assert response.json()["detail"]
