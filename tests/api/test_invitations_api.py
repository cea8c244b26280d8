"""Invitations over the API as on the page: planners send them to chosen actors and remind those who have
not answered; members read them, filtered by answer; bad input changes nothing."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from dialogwerk.apitokens.models import Scope
from dialogwerk.dialogues.models import Dialogue
from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.preparation import tasks
from dialogwerk.preparation.models import Actor, Invitation
from tests.preparation.helpers import ready

pytestmark = pytest.mark.django_db


@pytest.fixture
def actors(dialogue):
    """(may be invited, no consent to be contacted); the event is a month ahead."""
    ahead = timezone.localdate() + datetime.timedelta(days=30)
    Dialogue.objects.filter(pk=dialogue.pk).update(starts_on=ahead, ends_on=ahead)
    ready(dialogue)
    refugees = dialogue.perspectives.get(name="Geflüchtete")
    invited = Actor.objects.create(
        dialogue=dialogue, name="Geflüchtetenrat", perspective=refugees, email="rat@example.org", consent=True
    )
    without = Actor.objects.create(
        dialogue=dialogue, name="Ohne Einwilligung", perspective=refugees, email="x@example.org", consent=False
    )
    return invited, without


def url(dialogue, rest: str = "") -> str:
    return f"/api/v1/dialogues/{dialogue.pk}/invitations/{rest}"


def test_a_planner_sends_invitations_and_actors_without_consent_are_skipped(
    api_as, consultant, dialogue, actors, django_capture_on_commit_callbacks
):
    invited, without = actors
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(consultant).post(url(dialogue), {"actors": [invited.pk, without.pk]})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["sent"] == 1 and body["skipped"] == [without.pk]
    assert [row["actor_name"] for row in body["invitations"]] == ["Geflüchtetenrat"]
    assert [(row["channel"], row["answered_via"]) for row in body["invitations"]] == [("email", "")]
    assert [message.to for message in mail.outbox] == [["rat@example.org"]]
    assert "/antwort/" in mail.outbox[0].body
    # Sending again invites nobody twice.
    again = api_as(consultant).post(url(dialogue), {"actors": [invited.pk]})
    assert again.status_code == 201 and again.json()["sent"] == 0 and again.json()["skipped"] == [invited.pk]
    assert Invitation.objects.count() == 1


def test_members_list_invitations_filtered_by_answer(api_as, consultant, moderator, dialogue, actors):
    invited, _without = actors
    api_as(consultant).post(url(dialogue), {"actors": [invited.pk]})
    reader = api_as(moderator)
    assert reader.get(url(dialogue), status="pending").json()["count"] == 1
    Invitation.objects.update(status="accepted")
    assert reader.get(url(dialogue), status="pending").json()["count"] == 0
    assert [row["status"] for row in reader.get(url(dialogue), status="accepted").json()["items"]] == ["accepted"]
    bad = reader.get(url(dialogue), status="vielleicht")
    assert bad.status_code == 422 and list(bad.json()["errors"]) == ["status"]


def test_a_moderator_may_not_send_or_remind(api_as, moderator, dialogue, actors):
    invited, _without = actors
    api = api_as(moderator)
    assert api.post(url(dialogue), {"actors": [invited.pk]}).status_code == 403
    assert api.post(url(dialogue, "remind")).status_code == 403
    assert not Invitation.objects.exists() and not mail.outbox


def test_a_read_only_token_may_not_send(api_as, consultant, dialogue, actors):
    response = api_as(consultant, Scope.READ).post(url(dialogue), {"actors": [actors[0].pk]})
    assert response.status_code == 403 and "darf nur lesen" in response.json()["detail"]
    assert not Invitation.objects.exists()


def test_actors_of_another_dialogue_or_none_at_all_are_bad_input(api_as, consultant, municipality, dialogue, actors):
    other = ready(dialogue_create(actor=consultant, municipality=municipality, title="Anderer Dialog"))
    foreign = Actor.objects.create(
        dialogue=other, name="Fremd", perspective=other.perspectives.first(), email="f@example.org", consent=True
    )
    api = api_as(consultant)
    for body in ({"actors": [actors[0].pk, foreign.pk]}, {"actors": []}, {"actors": ["eins"]}, {}):
        response = api.post(url(dialogue), body)
        assert response.status_code == 422, body
        assert [field.split(".")[0] for field in response.json()["errors"]] == ["actors"], response.json()
    assert not Invitation.objects.exists() and not mail.outbox


def test_after_the_event_invitations_are_refused_with_a_message(api_as, consultant, dialogue, actors):
    past = timezone.localdate() - datetime.timedelta(days=1)
    Dialogue.objects.filter(pk=dialogue.pk).update(starts_on=past, ends_on=past)
    response = api_as(consultant).post(url(dialogue), {"actors": [actors[0].pk]})
    assert (
        response.status_code == 422
        and "es können keine Einladungen mehr verschickt werden" in response.json()["detail"]
    )
    assert not Invitation.objects.exists()


def test_a_planner_reminds_those_who_have_not_answered(api_as, consultant, dialogue, actors):
    from django_tasks_db.models import DBTaskResult

    api = api_as(consultant)
    api.post(url(dialogue), {"actors": [actors[0].pk]})
    mail.outbox.clear()
    response = api.post(url(dialogue, "remind"))
    assert response.status_code == 202 and response.json()["detail"]
    assert DBTaskResult.objects.filter(task_path="dialogwerk.preparation.tasks.send_reminders").exists()
    assert tasks.send_reminders.call(dialogue.pk) == 1  # what the worker runs
    assert mail.outbox[0].subject.startswith("Erinnerung:")
