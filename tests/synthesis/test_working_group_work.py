"""A working group that works: its mandate, deadline, members and convenor can be changed (the history keeps
what they were), it records its meetings with minutes, and it is closed when its work is done."""

import datetime

import pytest

from dialogwerk.synthesis import services
from dialogwerk.synthesis.models import WorkingGroup, WorkingGroupMeeting


@pytest.fixture
def group(dialogue, consultant):
    """Created while delegating: no members, no convenor yet."""
    return services.working_group_create(
        actor=consultant,
        dialogue=dialogue,
        name="AG Wohnen",
        mandate="Wohnraum finden",
        proposal_due_on=datetime.date(2027, 1, 31),
    )


def page(client, dialogue, group) -> str:
    return client.get(f"/dialoge/{dialogue.pk}/arbeitsgruppen/{group.pk}/").content.decode()


def test_a_consultant_gives_the_group_members_a_convenor_and_a_later_deadline(
    client_for, consultant, steering_member, dialogue, group
):
    client = client_for(consultant)
    assert client.get(f"/dialoge/{dialogue.pk}/arbeitsgruppen/{group.pk}/bearbeiten/").status_code == 200
    response = client.post(
        f"/dialoge/{dialogue.pk}/arbeitsgruppen/{group.pk}/bearbeiten/",
        {
            "name": "AG Wohnen",
            "mandate": "Wohnraum für fünf Familien finden",
            "member_users": [steering_member.pk],
            "member_names": "Caritas, Frau Yilmaz",
            "convenor_name": "Pfarrer Berg",
            "proposal_due_on": "2027-04-30",
        },
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.mandate == "Wohnraum für fünf Familien finden" and group.convenor_label == "Pfarrer Berg"
    assert list(group.member_users.all()) == [steering_member] and group.proposal_due_on == datetime.date(2027, 4, 30)
    html = page(client, dialogue, group)
    assert (
        "Frist für ihren Vorschlag" in html and "31. Januar 2027" in html and "30. April 2027" in html
    )  # the history, in words
    assert "Caritas, Frau Yilmaz" in html and "Pfarrer Berg" in html


def test_an_edit_without_a_deadline_is_refused_and_the_group_stays(client_for, consultant, dialogue, group):
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/arbeitsgruppen/{group.pk}/bearbeiten/",
        {"name": "AG Wohnen", "mandate": "Anders", "proposal_due_on": ""},
    )
    assert response.status_code == 422
    group.refresh_from_db()
    assert group.mandate == "Wohnraum finden"


def test_the_group_records_its_meetings_with_minutes(client_for, consultant, dialogue, group):
    client = client_for(consultant)
    url = f"/dialoge/{dialogue.pk}/arbeitsgruppen/{group.pk}/treffen/"
    client.post(
        url,
        {
            "meeting-held_on": "2027-01-12",
            "meeting-attendees": "Caritas, Bürgerverein",
            "meeting-minutes": "Drei Wohnungen besichtigt.\nNächstes Treffen am 26. Januar.",
        },
    )
    client.post(url, {"meeting-held_on": "2027-01-26", "meeting-minutes": "Zwei Mietverträge in Aussicht."})
    html = page(client, dialogue, group)
    assert html.index("Zwei Mietverträge in Aussicht.") < html.index("Drei Wohnungen besichtigt.")  # newest first
    assert "Caritas, Bürgerverein" in html
    refused = client.post(url, {"meeting-held_on": "2027-02-02", "meeting-minutes": ""}, follow=True)
    assert "Bitte" in refused.content.decode() and WorkingGroupMeeting.objects.count() == 2


def test_the_group_is_closed_and_opened_again(client_for, consultant, dialogue, group):
    client = client_for(consultant)
    client.post(f"/dialoge/{dialogue.pk}/arbeitsgruppen/{group.pk}/abschliessen/", {"action": "close"})
    group.refresh_from_db()
    assert group.closed_on is not None and "Abgeschlossen am" in page(client, dialogue, group)
    client.post(f"/dialoge/{dialogue.pk}/arbeitsgruppen/{group.pk}/abschliessen/", {"action": "reopen"})
    group.refresh_from_db()
    assert group.closed_on is None


def test_only_who_decides_changes_the_group(client_for, steering_member, dialogue, group):
    client = client_for(steering_member)
    base = f"/dialoge/{dialogue.pk}/arbeitsgruppen/{group.pk}/"
    assert client.get(base).status_code == 200
    assert client.get(base + "bearbeiten/").status_code == 403
    assert client.post(base + "treffen/", {"meeting-held_on": "2027-01-12", "meeting-minutes": "x"}).status_code == 403
    assert client.post(base + "abschliessen/", {"action": "close"}).status_code == 403
    assert WorkingGroup.objects.get().closed_on is None and not WorkingGroupMeeting.objects.exists()
