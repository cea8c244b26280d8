"""The project-wide walk (tests/test_tenant_isolation.py) limited to the preparation's and design's pages,
so that these stay checked even while another app's page is being built."""

import pytest

from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.tenancy.models import AuditLogEntry, Role
from tests.conftest import make_user
from tests.tenant_walk import FACTORIES, PUBLIC_URL_NAMES, load_factories, walk

OURS = ("preparation:", "design:")


@pytest.fixture
def foreign(other_municipality, outsider):
    dialogue = dialogue_create(actor=outsider, municipality=other_municipality, title="Geheimer Dialog B")
    return {"municipality": other_municipality, "dialogue": dialogue, "user": outsider}


def our_routes():
    load_factories()
    return [route for route in walk() if route.name.startswith(OURS)]


@pytest.mark.django_db
def test_a_member_of_another_municipality_gets_404_on_every_preparation_page(client, municipality, foreign):
    routes = our_routes()
    client.force_login(make_user("intruder@a.example", municipality, Role.MUNICIPALITY_ADMIN))
    values = {name: FACTORIES[name](foreign) for name in {p for route in routes for p in route.params}}
    audit_before = AuditLogEntry.objects.filter(municipality=foreign["municipality"]).count()
    checked = 0
    for route in routes:
        if route.name in PUBLIC_URL_NAMES:
            continue
        url = route.fill(values)
        assert client.get(url).status_code in {404, 405}, url
        assert client.post(url, {"title": "X", "name": "X"}).status_code in {404, 405}, url
        checked += 1
    assert checked >= 30
    assert AuditLogEntry.objects.filter(municipality=foreign["municipality"]).count() == audit_before
    assert not foreign["dialogue"].perspectives.exclude(name="Verwaltung").exists()


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, foreign):
    routes = our_routes()
    values = {name: FACTORIES[name](foreign) for name in {p for route in routes for p in route.params}}
    for route in routes:
        if route.name in PUBLIC_URL_NAMES:
            continue
        response = client.get(route.fill(values))
        assert response.status_code in {302, 405}, route.name
        if response.status_code == 302:
            assert response.url.startswith("/konto/anmelden/"), route.name
