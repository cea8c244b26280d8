"""The preparation over the API: members read, planners change, ids of another dialogue are bad input."""

import datetime

import pytest

from dialogwerk.preparation.models import Actor, Invitation, Perspective, ProjectTask
from dialogwerk.tenancy.models import AuditLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def perspective(dialogue):
    return Perspective.objects.create(dialogue=dialogue, name="Ehrenamt")


def test_a_planner_adds_changes_and_removes_an_actor_and_it_is_audited(api_as, consultant, dialogue, perspective):
    api = api_as(consultant)
    theme = dialogue.themes.first()
    created = api.post(
        f"/api/v1/dialogues/{dialogue.pk}/actors/",
        {"name": "Helferkreis", "perspective": perspective.pk, "themes": [theme.pk]},
    )
    assert created.status_code == 201, created.content
    actor_id = created.json()["id"]
    assert created.json()["themes"] == [theme.pk]
    changed = api.patch(f"/api/v1/dialogues/{dialogue.pk}/actors/{actor_id}", {"stance": "+"})
    assert changed.status_code == 200 and changed.json()["themes"] == [theme.pk] and changed.json()["stance"] == "+"
    assert api.get(f"/api/v1/dialogues/{dialogue.pk}/actors/", search="helfer").json()["count"] == 1
    assert api.delete(f"/api/v1/dialogues/{dialogue.pk}/actors/{actor_id}").status_code == 204
    assert not Actor.objects.exists()
    actions = set(
        AuditLogEntry.objects.filter(target_id=str(actor_id), target_label="Helferkreis").values_list(
            "action", flat=True
        )
    )
    assert actions == {"create", "update", "delete"}


def test_a_perspective_of_another_dialogue_is_refused_on_its_field(api_as, consultant, dialogue, municipality):
    from dialogwerk.dialogues.services import dialogue_create

    other = dialogue_create(actor=consultant, municipality=municipality, title="Anderer")
    foreign = Perspective.objects.create(dialogue=other, name="Fremd")
    response = api_as(consultant).post(
        f"/api/v1/dialogues/{dialogue.pk}/actors/", {"name": "X", "perspective": foreign.pk}
    )
    assert response.status_code == 422 and list(response.json()["errors"]) == ["perspective"]
    assert not Actor.objects.exists()


def test_a_steering_member_reads_but_may_not_change(api_as, steering_member, dialogue, perspective):
    api = api_as(steering_member)
    assert api.get(f"/api/v1/dialogues/{dialogue.pk}/actors/").status_code == 200
    assert (
        api.post(f"/api/v1/dialogues/{dialogue.pk}/actors/", {"name": "X", "perspective": perspective.pk}).status_code
        == 403
    )
    assert api.patch(f"/api/v1/dialogues/{dialogue.pk}/needs-analysis", {"situation": "Nein"}).status_code == 403


def test_the_needs_analysis_is_completed_only_with_every_answer(api_as, consultant, dialogue):
    api = api_as(consultant)
    response = api.patch(f"/api/v1/dialogues/{dialogue.pk}/needs-analysis", {"situation": "Gut", "complete": True})
    assert response.status_code == 422 and "measures_summary" in response.json()["errors"]
    response = api.patch(f"/api/v1/dialogues/{dialogue.pk}/needs-analysis", {"situation": "Gut"})
    assert (
        response.status_code == 200 and response.json()["situation"] == "Gut" and response.json()["status"] == "draft"
    )


def test_tasks_with_dependencies_and_invitations_are_read(api_as, consultant, dialogue, perspective):
    api = api_as(consultant)
    first = api.post(f"/api/v1/dialogues/{dialogue.pk}/tasks/", {"title": "Saal buchen", "due_on": "2026-11-01"}).json()
    second = api.post(
        f"/api/v1/dialogues/{dialogue.pk}/tasks/",
        {"title": "Einladen", "due_on": "2026-11-10", "depends_on": [first["id"]]},
    )
    assert second.status_code == 201 and second.json()["depends_on"] == [first["id"]]
    late = api.patch(f"/api/v1/dialogues/{dialogue.pk}/tasks/{first['id']}", {"starts_on": "2026-12-01"})
    assert late.status_code == 422 and "starts_on" in late.json()["errors"]
    assert ProjectTask.objects.get(pk=first["id"]).starts_on is None
    api.patch(f"/api/v1/dialogues/{dialogue.pk}/tasks/{first['id']}", {"status": "done"})
    assert [row["id"] for row in api.get(f"/api/v1/dialogues/{dialogue.pk}/tasks/", status="open").json()["items"]] == [
        second.json()["id"]
    ]
    assert api.get(f"/api/v1/dialogues/{dialogue.pk}/tasks/", milestone="true").json()["count"] == 0
    assert api.get(f"/api/v1/dialogues/{dialogue.pk}/tasks/", status="fertig").status_code == 422
    actor = Actor.objects.create(dialogue=dialogue, name="Verein", perspective=perspective)
    Invitation.objects.create(dialogue=dialogue, actor=actor, expires_on=datetime.date(2027, 1, 1), status="accepted")
    invitations = api.get(f"/api/v1/dialogues/{dialogue.pk}/invitations/").json()
    assert invitations["count"] == 1 and invitations["items"][0]["status"] == "accepted"


def test_a_task_id_beyond_what_the_database_stores_is_refused_on_its_field(api_as, consultant, dialogue):
    # Found by the schema fuzzer: an id of 2**70 overflowed the database driver (a 500) instead of a 422.
    api = api_as(consultant)
    answer = api.post(f"/api/v1/dialogues/{dialogue.pk}/tasks/", {"title": "Saal buchen", "depends_on": [2**70]})
    assert answer.status_code == 422 and "depends_on" in str(answer.json())
    assert not ProjectTask.objects.filter(dialogue=dialogue, title="Saal buchen").exists()
