"""The design over the API: members read methods and the agenda, planners change them, built-ins stay."""

import pytest

from dialogwerk.design.models import AgendaItem, Method
from dialogwerk.dialogues.services import dialogue_create

pytestmark = pytest.mark.django_db

METHOD = {
    "name": "Fishbowl",
    "purpose": "Zuhören",
    "min_participants": 10,
    "max_participants": 40,
    "min_minutes": 45,
    "max_minutes": 90,
    "steps": "Innenkreis\nAußenkreis",
    "goals": ["conflicts"],
}


def test_a_planner_adds_and_changes_an_own_method(api_as, consultant, dialogue):
    api = api_as(consultant)
    created = api.post(f"/api/v1/dialogues/{dialogue.pk}/methods/", METHOD)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["builtin"] is False and body["steps"] == ["Innenkreis", "Außenkreis"] and body["goals"] == ["conflicts"]
    changed = api.patch(f"/api/v1/dialogues/{dialogue.pk}/methods/{body['id']}", {"max_minutes": 120})
    assert changed.status_code == 200 and changed.json()["max_minutes"] == 120
    names = [m["name"] for m in api.get(f"/api/v1/dialogues/{dialogue.pk}/methods/", page_size=100).json()["items"]]
    assert "Fishbowl" in names


def test_a_built_in_method_is_read_only(api_as, consultant, dialogue):
    builtin = Method.objects.filter(municipality__isnull=True).first() or Method.objects.create(
        name="Eingebaut", purpose="x", min_participants=1, max_participants=9, min_minutes=30, max_minutes=60, steps="a"
    )
    response = api_as(consultant).patch(f"/api/v1/dialogues/{dialogue.pk}/methods/{builtin.pk}", {"name": "Meins"})
    assert response.status_code == 403
    builtin.refresh_from_db()
    assert builtin.name != "Meins"


def test_a_method_range_upside_down_is_refused_and_nothing_is_stored(api_as, consultant, dialogue):
    response = api_as(consultant).post(f"/api/v1/dialogues/{dialogue.pk}/methods/", {**METHOD, "max_participants": 5})
    assert response.status_code == 422 and "max_participants" in response.json()["errors"]
    assert not Method.objects.filter(municipality__isnull=False).exists()


def test_a_planner_builds_reorders_and_trims_the_agenda(api_as, consultant, dialogue):
    api = api_as(consultant)
    base = f"/api/v1/dialogues/{dialogue.pk}/agenda"
    ids = [
        api.post(f"{base}/items/", {"title": title, "duration_minutes": 30}).json()["id"] for title in ("A", "B", "C")
    ]
    moved = api.post(f"{base}/items/{ids[2]}/move", {"position": 0})
    assert moved.status_code == 200 and [item["title"] for item in moved.json()] == ["C", "A", "B"]
    assert api.patch(f"{base}/items/{ids[0]}", {"kind": "break"}).json()["kind"] == "break"
    assert api.delete(f"{base}/items/{ids[1]}").status_code == 204
    times = api.patch(base, {"starts_at": "17:00"})
    assert times.status_code == 200 and times.json()["starts_at"] == "17:00" and times.json()["planned_minutes"] == 60
    assert [item["title"] for item in api.get(f"{base}/items/").json()["items"]] == ["C", "A"]


def test_an_agenda_ending_before_it_starts_is_refused(api_as, consultant, dialogue):
    response = api_as(consultant).patch(f"/api/v1/dialogues/{dialogue.pk}/agenda", {"starts_at": "22:00"})
    assert response.status_code == 422 and "ends_at" in response.json()["errors"]
    assert api_as(consultant).get(f"/api/v1/dialogues/{dialogue.pk}/agenda").json()["starts_at"] == "16:00"


def test_another_municipalitys_method_is_bad_input_on_an_agenda_item(
    api_as, consultant, outsider, other_municipality, dialogue
):
    foreign_dialogue = dialogue_create(actor=outsider, municipality=other_municipality, title="B")
    foreign = api_as(outsider).post(f"/api/v1/dialogues/{foreign_dialogue.pk}/methods/", METHOD).json()
    response = api_as(consultant).post(
        f"/api/v1/dialogues/{dialogue.pk}/agenda/items/",
        {"title": "X", "duration_minutes": 10, "method": foreign["id"]},
    )
    assert response.status_code == 422 and list(response.json()["errors"]) == ["method"]
    assert not AgendaItem.objects.filter(agenda__dialogue=dialogue).exists()


def test_roles_tokens_and_municipalities(api_as, moderator, consultant, outsider, dialogue):
    item = (
        api_as(consultant)
        .post(f"/api/v1/dialogues/{dialogue.pk}/agenda/items/", {"title": "A", "duration_minutes": 5})
        .json()
    )
    path = f"/api/v1/dialogues/{dialogue.pk}/agenda/items/{item['id']}"
    assert api_as(moderator).get(path).status_code == 200
    assert api_as(moderator).patch(path, {"title": "Neu"}).status_code == 403
    assert api_as(consultant, scope="read").delete(path).status_code == 403
    assert api_as(outsider).get(path).status_code == 404
    assert api_as(outsider).delete(path).status_code == 404
    assert AgendaItem.objects.get(pk=item["id"]).title == "A"
