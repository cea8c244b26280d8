"""The actor register: add, edit, remove, list; who may do it; what bad input does."""

from dialogwerk.preparation.models import Actor
from dialogwerk.tenancy.models import AuditLogEntry
from tests.preparation.helpers import ready


def actor_data(dialogue, **overrides):
    perspective = dialogue.perspectives.get(name="Geflüchtete")
    data = {
        "name": "Freundeskreis Asyl",
        "kind": "organisation",
        "perspective": perspective.pk,
        "email": "fk@example.org",
        "consent": "on",
        "themes": [dialogue.themes.first().pk],
        "influence": 2,
        "interest": 5,
    }
    data.update(overrides)
    return data


def test_the_first_visit_offers_the_ten_default_perspectives(client_for, consultant, dialogue):
    response = client_for(consultant).get(f"/dialoge/{dialogue.pk}/akteure/")
    assert response.status_code == 200
    names = list(dialogue.perspectives.values_list("name", flat=True))
    assert len(names) == 10 and "Geflüchtete" in names and "Polizei & Sicherheit" in names


def test_a_consultant_adds_an_actor_and_it_is_audited(client_for, consultant, dialogue):
    ready(dialogue)
    response = client_for(consultant).post(f"/dialoge/{dialogue.pk}/akteure/neu/", actor_data(dialogue))
    assert response.status_code == 302
    actor = Actor.objects.get(name="Freundeskreis Asyl")
    assert actor.themes.count() == 1 and actor.interest == 5
    assert AuditLogEntry.objects.filter(target_label="Freundeskreis Asyl", action="create").exists()


def test_it_rejects_influence_outside_one_to_five_in_german(client_for, consultant, dialogue):
    ready(dialogue)
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/akteure/neu/", actor_data(dialogue, influence=7, name="")
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Bitte wählen Sie einen Wert von 1 bis 5." in html
    assert "Bitte geben Sie den Namen der Organisation oder Person ein." in html
    assert not Actor.objects.exists()


def test_a_moderator_may_see_but_not_add_actors(client_for, moderator, dialogue):
    ready(dialogue)
    client = client_for(moderator)
    assert client.get(f"/dialoge/{dialogue.pk}/akteure/").status_code == 200
    assert client.post(f"/dialoge/{dialogue.pk}/akteure/neu/", actor_data(dialogue)).status_code == 403
    assert not Actor.objects.exists()


def test_an_outsider_gets_404(client_for, outsider, dialogue):
    assert client_for(outsider).get(f"/dialoge/{dialogue.pk}/akteure/").status_code == 404


def test_a_consultant_edits_and_removes_an_actor(client_for, consultant, dialogue):
    ready(dialogue)
    client = client_for(consultant)
    client.post(f"/dialoge/{dialogue.pk}/akteure/neu/", actor_data(dialogue))
    actor = Actor.objects.get()
    assert (
        client.post(
            f"/dialoge/{dialogue.pk}/akteure/{actor.pk}/bearbeiten/", actor_data(dialogue, name="FK Asyl")
        ).status_code
        == 302
    )
    assert Actor.objects.get().name == "FK Asyl"
    assert (
        client.post(
            f"/dialoge/{dialogue.pk}/akteure/{actor.pk}/bearbeiten/", actor_data(dialogue, email="kaputt")
        ).status_code
        == 422
    )
    assert Actor.objects.get().email == "fk@example.org"
    assert client.post(f"/dialoge/{dialogue.pk}/akteure/{actor.pk}/entfernen/").status_code == 302
    assert not Actor.objects.exists()


def test_the_grid_is_drawn_as_svg_with_each_actor(client_for, consultant, dialogue):
    ready(dialogue)
    client = client_for(consultant)
    client.post(f"/dialoge/{dialogue.pk}/akteure/neu/", actor_data(dialogue))
    html = client.get(f"/dialoge/{dialogue.pk}/akteure/raster/").content.decode()
    assert "<svg" in html and "<circle" in html and "Freundeskreis Asyl" in html and "style=" not in html
