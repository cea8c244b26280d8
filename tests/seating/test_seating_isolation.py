"""Every table plan page answers 404 to a member of another municipality and sends visitors to the login."""

import pytest

from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.seating.models import SeatingPlan
from dialogwerk.tenancy.models import AuditLogEntry, Role
from tests.conftest import make_user
from tests.tenant_walk import FACTORIES, load_factories, walk


@pytest.fixture
def foreign(other_municipality, outsider):
    dialogue = dialogue_create(actor=outsider, municipality=other_municipality, title="Geheimer Dialog B")
    return {"municipality": other_municipality, "dialogue": dialogue, "user": outsider}


def seating_routes():
    return [route for route in walk() if route.name.startswith("seating:")]


def test_every_seating_page_is_in_the_url_conf_with_factories():
    load_factories()
    routes = seating_routes()
    assert len(routes) == 8
    assert {p for route in routes for p in route.params} <= set(FACTORIES)


@pytest.mark.django_db
def test_a_member_of_another_municipality_gets_404_on_every_seating_page(client, municipality, foreign):
    load_factories()
    client.force_login(make_user("intruder@a.example", municipality, Role.MUNICIPALITY_ADMIN))
    values = {name: FACTORIES[name](foreign) for name in ("dialogue_id", "plan_id")}
    plan = SeatingPlan.objects.get(pk=values["plan_id"])
    audit_before = AuditLogEntry.objects.filter(municipality=foreign["municipality"]).count()
    for route in seating_routes():
        url = route.fill(values)
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"current_round": 1, "late_text": "X", "session": 1, "rounds": 2}).status_code in {
            404,
            405,
        }, url
    plan.refresh_from_db()
    assert plan.revision == 1
    assert AuditLogEntry.objects.filter(municipality=foreign["municipality"]).count() == audit_before


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, foreign):
    load_factories()
    values = {name: FACTORIES[name](foreign) for name in ("dialogue_id", "plan_id")}
    for route in seating_routes():
        response = client.get(route.fill(values))
        assert response.status_code == 302 and response.url.startswith("/konto/anmelden/"), route.name
