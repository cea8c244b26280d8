"""Dialogues over the API: the same roles and phases as the pages, JSON errors, paging and filters."""

import pytest

from dialogwerk.apitokens.models import Scope
from dialogwerk.dialogues.models import Dialogue, Phase
from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.tenancy.models import AuditLogEntry

pytestmark = pytest.mark.django_db


def test_a_member_lists_the_dialogues_of_their_municipalities_only(
    api_as, steering_member, dialogue, other_municipality, outsider
):
    dialogue_create(actor=outsider, municipality=other_municipality, title="Dialog B")
    response = api_as(steering_member, Scope.READ).get("/api/v1/dialogues/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert [d["title"] for d in body["items"]] == ["Zusammenleben in Kommune A"]
    assert body["items"][0]["theme_count"] == 5 and body["items"][0]["municipality_name"] == "Kommune A"


def test_the_list_filters_by_phase_and_municipality(api_as, consultant, municipality, dialogue):
    dialogue_create(actor=consultant, municipality=municipality, title="Zweiter Dialog")
    Dialogue.objects.filter(pk=dialogue.pk).update(phase=Phase.FOLLOW_UP)
    api = api_as(consultant, Scope.READ)
    assert [d["title"] for d in api.get("/api/v1/dialogues/", phase="follow_up").json()["items"]] == [dialogue.title]
    assert api.get("/api/v1/dialogues/", municipality=municipality.pk).json()["count"] == 2
    assert api.get("/api/v1/dialogues/", municipality=municipality.pk + 100).json()["count"] == 0


def test_the_list_is_paged(api_as, consultant, municipality):
    for number in range(3):
        dialogue_create(
            actor=consultant, municipality=municipality, title=f"Dialog {number}", with_default_themes=False
        )
    page = api_as(consultant).get("/api/v1/dialogues/", page=2, page_size=2).json()
    assert page["count"] == 3 and len(page["items"]) == 1


def test_a_bad_filter_answers_422_with_field_details_in_german(api_as, consultant):
    response = api_as(consultant).get("/api/v1/dialogues/", phase="bogus", page=0)
    assert response.status_code == 422
    body = response.json()
    assert "ungültig" in body["detail"]
    assert set(body["errors"]) == {"phase", "page"}


def test_a_consultant_creates_a_dialogue_with_the_default_themes_and_it_is_audited(api_as, consultant, municipality):
    response = api_as(consultant).post(
        "/api/v1/dialogues/",
        {"municipality": municipality.pk, "title": "Neu", "starts_on": "2027-03-01", "ends_on": "2027-03-02"},
    )
    assert response.status_code == 201, response.content
    created = Dialogue.objects.get(pk=response.json()["id"])
    assert created.themes.count() == 5 and response.json()["theme_count"] == 5
    assert AuditLogEntry.objects.filter(target_id=str(created.pk), action="create").exists()


def test_a_moderator_may_not_create_a_dialogue(api_as, moderator, municipality):
    response = api_as(moderator).post("/api/v1/dialogues/", {"municipality": municipality.pk, "title": "Neu"})
    assert response.status_code == 403
    assert response.json()["detail"] == "Ihre Rolle erlaubt das nicht."
    assert not Dialogue.objects.exists()


def test_creating_in_another_municipality_answers_404(api_as, outsider, municipality):
    response = api_as(outsider).post("/api/v1/dialogues/", {"municipality": municipality.pk, "title": "Fremd"})
    assert response.status_code == 404
    assert not Dialogue.objects.exists()


def test_a_dialogue_that_ends_before_it_starts_is_refused_on_its_field(api_as, consultant, municipality):
    response = api_as(consultant).post(
        "/api/v1/dialogues/",
        {"municipality": municipality.pk, "title": "X", "starts_on": "2027-03-02", "ends_on": "2027-03-01"},
    )
    assert response.status_code == 422
    assert "ends_on" in response.json()["errors"]
    assert not Dialogue.objects.exists()


def test_a_nul_character_and_a_missing_title_are_named_per_field(api_as, consultant, municipality):
    # Unstorable text is refused first, before any other check (core/storable_input.py), naming its field.
    response = api_as(consultant).post("/api/v1/dialogues/", {"municipality": municipality.pk, "purpose": "a\x00b"})
    assert response.status_code == 422 and list(response.json()["errors"]) == ["purpose"]
    response = api_as(consultant).post("/api/v1/dialogues/", {"municipality": municipality.pk, "purpose": "ab"})
    assert response.status_code == 422
    assert response.json()["errors"]["title"] == ["Dieses Feld ist zwingend erforderlich."]


def test_a_planner_changes_fields_and_phase_and_only_sent_fields_change(api_as, admin_user, dialogue):
    response = api_as(admin_user).patch(
        f"/api/v1/dialogues/{dialogue.pk}", {"title": "Neuer Titel", "phase": "dialogue"}
    )
    assert response.status_code == 200, response.content
    dialogue.refresh_from_db()
    assert (dialogue.title, dialogue.phase, dialogue.expected_participants) == ("Neuer Titel", "dialogue", 60)
    actions = set(AuditLogEntry.objects.filter(target_id=str(dialogue.pk)).values_list("action", flat=True))
    assert {"update", "phase_change"} <= actions


def test_a_steering_member_may_read_but_not_change_a_dialogue(api_as, steering_member, dialogue):
    api = api_as(steering_member)
    assert api.get(f"/api/v1/dialogues/{dialogue.pk}").status_code == 200
    assert api.patch(f"/api/v1/dialogues/{dialogue.pk}", {"title": "Nein"}).status_code == 403
    dialogue.refresh_from_db()
    assert dialogue.title == "Zusammenleben in Kommune A"


def test_an_outsider_gets_404_for_a_dialogue(api_as, outsider, dialogue):
    assert api_as(outsider).get(f"/api/v1/dialogues/{dialogue.pk}").status_code == 404


def test_a_huge_id_is_refused_as_bad_input_not_a_server_error(api_as, consultant):
    assert api_as(consultant).get(f"/api/v1/dialogues/{10**30}").status_code == 422
