"""A member of Kommune A, with the strongest role there, gets 404 for every page of Kommune B."""

import pytest

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.tenancy.models import AuditLogEntry, Membership, Role
from tests.conftest import make_user
from tests.tenant_walk import FACTORIES, PUBLIC_URL_NAMES, load_factories, walk

# Pages anyone may open without belonging to a municipality. Keep this list short and explicit.
PUBLIC = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    "healthz",
    "api:openapi-json",
    "api:openapi-view",
}
# Pages that exist for every logged-in user and show only the user's own municipalities.
PERSONAL = {"dashboard"}


@pytest.fixture
def foreign(other_municipality, outsider):
    """Kommune B with a dialogue and its themes, as the walk's factories expect."""
    dialogue = dialogue_create(actor=outsider, municipality=other_municipality, title="Geheimer Dialog B")
    return {"municipality": other_municipality, "dialogue": dialogue, "user": outsider}


def public_names() -> set[str]:
    load_factories()
    return PUBLIC | PUBLIC_URL_NAMES


def test_the_public_and_personal_lists_name_only_pages_that_exist():
    names = {route.name for route in walk()}
    assert public_names() | PERSONAL <= names


def test_every_url_parameter_has_a_factory():
    load_factories()
    missing = {param for route in walk() for param in route.params if param not in FACTORIES}
    missing -= {"uidb64", "token"}  # the password-reset link: public, not a tenant object
    assert not missing, f"add @url_kwarg factories in tests/<app>/tenant_kwargs.py for: {sorted(missing)}"


@pytest.mark.django_db
def test_a_member_of_another_municipality_gets_404_on_every_page(client, municipality, foreign):
    load_factories()
    intruder = make_user("intruder@a.example", municipality, Role.MUNICIPALITY_ADMIN)
    client.force_login(intruder)
    values = {name: factory(foreign) for name, factory in FACTORIES.items()}
    audit_before = AuditLogEntry.objects.filter(municipality=foreign["municipality"]).count()
    members_before = Membership.objects.filter(municipality=foreign["municipality"]).count()
    checked = 0
    public = public_names()
    for route in walk():
        if route.name in public:
            continue
        url = route.fill(values)
        if route.name in PERSONAL:
            response = client.get(url)
            assert response.status_code == 200, url
            assert "Kommune B" not in response.content.decode() and "Geheimer Dialog B" not in response.content.decode()
            continue
        get = client.get(url)
        assert get.status_code in {404, 405}, f"GET {url} ({route.name}) answered {get.status_code}"
        post = client.post(url, {"title": "X", "name": "X", "role": Role.CONSULTANT, "email": "x@a.example"})
        assert post.status_code in {404, 405}, f"POST {url} ({route.name}) answered {post.status_code}"
        checked += 1
    assert checked >= 5
    dialogue = Dialogue.objects.get(pk=foreign["dialogue"].pk)
    assert dialogue.title == "Geheimer Dialog B" and dialogue.themes.count() == 5
    assert AuditLogEntry.objects.filter(municipality=foreign["municipality"]).count() == audit_before
    assert Membership.objects.filter(municipality=foreign["municipality"]).count() == members_before


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, foreign):
    load_factories()
    values = {name: factory(foreign) for name, factory in FACTORIES.items()}
    public = public_names()
    for route in walk():
        if route.name in public:
            continue
        response = client.get(route.fill(values))
        if route.name.startswith("api:"):
            assert response.status_code in {401, 403, 404, 405}, route.name  # an API answers, it does not redirect
            continue
        assert response.status_code in {302, 405}, route.name
        if response.status_code == 302:
            assert response.url.startswith("/konto/anmelden/"), route.name
