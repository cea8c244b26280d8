"""Working groups: set up with mandate, members and deadline; they report back, their proposals get decided."""

import datetime

from dialogwerk.synthesis import services
from dialogwerk.synthesis.models import Decision, WorkingGroup, WorkingGroupProposal


def test_a_consultant_sets_up_a_working_group_with_members(client_for, consultant, steering_member, dialogue):
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/arbeitsgruppen/",
        {
            "name": "AG Wohnen",
            "mandate": "Wohnraum finden",
            "member_users": [steering_member.pk],
            "member_names": "Caritas, Frau Yilmaz\nBürgerverein",
            "convenor": consultant.pk,
            "proposal_due_on": "2027-02-28",
        },
    )
    assert response.status_code == 302
    group = WorkingGroup.objects.get()
    assert list(group.member_users.all()) == [steering_member]
    assert group.member_name_list == ["Caritas, Frau Yilmaz", "Bürgerverein"] and group.convenor == consultant


def test_a_working_group_needs_a_deadline(client_for, consultant, dialogue):
    response = client_for(consultant).post(f"/dialoge/{dialogue.pk}/arbeitsgruppen/", {"name": "AG", "mandate": "X"})
    assert response.status_code == 422 and not WorkingGroup.objects.exists()


def test_members_of_another_municipality_cannot_join(client_for, consultant, outsider, dialogue):
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/arbeitsgruppen/",
        {"name": "AG", "mandate": "X", "member_users": [outsider.pk], "proposal_due_on": "2027-02-28"},
    )
    assert response.status_code == 422 and not WorkingGroup.objects.exists()


def test_the_report_brings_proposals_back_to_the_decision_step(client_for, consultant, dialogue):
    group = services.working_group_create(
        actor=consultant,
        dialogue=dialogue,
        name="AG Wohnen",
        mandate="Wohnraum",
        proposal_due_on=datetime.date(2027, 2, 28),
    )
    client = client_for(consultant)
    response = client.post(
        f"/dialoge/{dialogue.pk}/arbeitsgruppen/{group.pk}/",
        {
            "reported_on": "2027-02-20",
            "report": "Wir schlagen zwei Dinge vor.",
            "proposals": "Leerstand erfassen\nWohnungsbörse",
        },
    )
    assert response.status_code == 302
    proposal = WorkingGroupProposal.objects.get(title="Leerstand erfassen")
    html = client.get(f"/dialoge/{dialogue.pk}/entscheidungen/").content.decode()
    assert "AG Wohnen: Leerstand erfassen" in html
    client.post(f"/dialoge/{dialogue.pk}/entscheidungen/", {"subject": f"p{proposal.pk}", "outcome": "adopted"})
    assert Decision.objects.get().proposal == proposal


def test_an_empty_report_changes_nothing(client_for, consultant, dialogue):
    group = services.working_group_create(
        actor=consultant, dialogue=dialogue, name="AG", mandate="X", proposal_due_on=datetime.date(2027, 2, 28)
    )
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/arbeitsgruppen/{group.pk}/", {"reported_on": "2027-02-20", "report": ""}
    )
    assert response.status_code == 422
    assert WorkingGroup.objects.get().reported_on is None


def test_a_moderator_may_read_but_not_report(client_for, moderator, consultant, dialogue):
    group = services.working_group_create(
        actor=consultant, dialogue=dialogue, name="AG", mandate="X", proposal_due_on=datetime.date(2027, 2, 28)
    )
    client = client_for(moderator)
    assert client.get(f"/dialoge/{dialogue.pk}/arbeitsgruppen/{group.pk}/").status_code == 200
    assert (
        client.post(
            f"/dialoge/{dialogue.pk}/arbeitsgruppen/{group.pk}/", {"reported_on": "2027-02-20", "report": "X"}
        ).status_code
        == 403
    )


def test_an_outsider_gets_404(client_for, outsider, consultant, dialogue):
    group = services.working_group_create(
        actor=consultant, dialogue=dialogue, name="AG", mandate="X", proposal_due_on=datetime.date(2027, 2, 28)
    )
    assert client_for(outsider).get(f"/dialoge/{dialogue.pk}/arbeitsgruppen/{group.pk}/").status_code == 404
