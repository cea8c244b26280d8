"""The Begleitkreis: members with roles, the dashboard (overdue, due soon, silent, by owner), settings and
the meeting view."""

import datetime

from django.utils import timezone

from dialogwerk.measures.models import SteeringGroup, SteeringMember


def test_the_dashboard_lists_overdue_and_due_soon_measures_by_owner(
    client_for, steering_member, dialogue, make_measure
):
    today = timezone.localdate()
    make_measure("Wohnungsbörse", due_on=today - datetime.timedelta(5), responsible_person="Herr Berg")
    make_measure("Sprachcafé", due_on=today + datetime.timedelta(10), responsible_person="Frau Kaya")
    html = client_for(steering_member).get(f"/dialoge/{dialogue.pk}/begleitkreis/").content.decode()
    overdue = html.split('id="overdue-heading"')[1].split('id="due-heading"')[0]
    due = html.split('id="due-heading"')[1].split('id="stale-heading"')[0]
    assert "Wohnungsbörse" in overdue and "Sprachcafé" not in overdue and "Sprachcafé" in due
    assert "Herr Berg" in html.split('id="owner-heading"')[1]


def test_the_meeting_view_lists_what_to_discuss(client_for, steering_member, dialogue, make_measure):
    make_measure("Wohnungsbörse", due_on=timezone.localdate() - datetime.timedelta(5))
    html = client_for(steering_member).get(f"/dialoge/{dialogue.pk}/begleitkreis/sitzung/").content.decode()
    assert "Überfällige Maßnahmen" in html and "Wohnungsbörse" in html


def test_a_consultant_names_members_with_roles(client_for, consultant, steering_member, dialogue):
    client = client_for(consultant)
    response = client.post(
        f"/dialoge/{dialogue.pk}/begleitkreis/mitglieder/",
        {"user": steering_member.pk, "role": "chair", "organisation": "Rathaus"},
    )
    assert response.status_code == 302
    member = SteeringMember.objects.get()
    assert member.user == steering_member and member.email == steering_member.email and member.role == "chair"
    client.post(f"/dialoge/{dialogue.pk}/begleitkreis/mitglieder/{member.pk}/entfernen/")
    assert not SteeringMember.objects.exists()


def test_a_member_needs_a_name_or_an_account(client_for, consultant, outsider, dialogue):
    client = client_for(consultant)
    assert client.post(f"/dialoge/{dialogue.pk}/begleitkreis/mitglieder/", {"role": "member"}).status_code == 422
    assert (
        client.post(
            f"/dialoge/{dialogue.pk}/begleitkreis/mitglieder/", {"user": outsider.pk, "role": "member"}
        ).status_code
        == 422
    )
    assert not SteeringMember.objects.exists()


def test_reminder_settings_are_validated(client_for, consultant, dialogue):
    client = client_for(consultant)
    url = f"/dialoge/{dialogue.pk}/begleitkreis/einstellungen/"
    data = {
        "name": "Begleitkreis",
        "reminders_enabled": "on",
        "remind_days_before_due": "7",
        "stale_after_days": "0",
        "check_back_after_days": "28",
    }
    assert client.post(url, data).status_code == 422 and not SteeringGroup.objects.exists()
    assert client.post(url, {**data, "stale_after_days": "45"}).status_code == 302
    assert SteeringGroup.objects.get().stale_after_days == 45


def test_steering_members_may_not_manage_the_group(client_for, steering_member, dialogue):
    client = client_for(steering_member)
    assert (
        client.post(f"/dialoge/{dialogue.pk}/begleitkreis/mitglieder/", {"name": "X", "role": "member"}).status_code
        == 403
    )
    assert client.get(f"/dialoge/{dialogue.pk}/begleitkreis/einstellungen/").status_code == 403


def test_an_outsider_gets_404(client_for, outsider, dialogue):
    client = client_for(outsider)
    assert client.get(f"/dialoge/{dialogue.pk}/begleitkreis/").status_code == 404
    assert client.get(f"/dialoge/{dialogue.pk}/begleitkreis/sitzung/").status_code == 404
