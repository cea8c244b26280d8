"""A working group's convenor without an account: a personal link to one page where they hand in the minutes of
its meetings and report back with its proposals, which then go to the decision like any cluster; staff make,
hand over and withdraw the links. Every denial: withdrawn, expired, a closed group, a made-up token."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from dialogwerk.synthesis import convenor_links, services
from dialogwerk.synthesis.models import ConvenorLink, Decision, WorkingGroupMeeting, WorkingGroupProposal
from dialogwerk.tenancy.models import AuditLogEntry
from tests.privacy.stored import every_stored_text

pytestmark = pytest.mark.django_db

EMAIL = "yilmaz@caritas.example"


@pytest.fixture
def group(consultant, dialogue):
    return services.working_group_create(
        actor=consultant,
        dialogue=dialogue,
        name="AG Wohnen",
        mandate="Wohnraum für Familien finden.",
        proposal_due_on=datetime.date(2027, 3, 31),
        convenor_name="Frau Yilmaz (Caritas)",
    )


def group_url(group) -> str:
    return f"/dialoge/{group.dialogue_id}/arbeitsgruppen/{group.pk}/"


def make_link(client, group, **data) -> ConvenorLink:
    response = client.post(
        group_url(group) + "links/", {"link-name": "Frau Yilmaz (Caritas)", "link-email": "", **data}
    )
    assert response.status_code == 302
    return ConvenorLink.objects.latest("id")


def page(link) -> str:
    return f"/arbeitsgruppe/{link.token}/"


def test_staff_send_the_convenor_a_link_and_see_it_on_the_group(
    client_for, consultant, group, django_capture_on_commit_callbacks
):
    staff = client_for(consultant)
    with django_capture_on_commit_callbacks(execute=True):
        link = make_link(staff, group, **{"link-email": EMAIL})
    (message,) = mail.outbox
    assert message.to == [EMAIL] and "AG Wohnen" in message.subject and page(link) in message.body
    assert "Hallo Frau Yilmaz (Caritas)" in message.body and link.expires_on >= datetime.date(2027, 6, 29)
    html = staff.get(group_url(group)).content.decode()
    assert "Protokolle und Bericht ohne Konto" in html and page(link) in html
    assert AuditLogEntry.objects.filter(target_type="Persönlicher Link für die Einberufung", action="create").exists()


def test_a_link_needs_a_name_and_a_real_address_and_keeps_what_was_typed(client_for, consultant, group):
    response = client_for(consultant).post(group_url(group) + "links/", {"link-name": "", "link-email": "kein Mail"})
    html = response.content.decode()
    assert response.status_code == 422 and "Bitte nennen Sie die Person" in html and "gültige E-Mail-Adresse" in html
    assert 'value="kein Mail"' in html and not ConvenorLink.objects.exists()


def test_the_convenor_hands_in_minutes_and_a_report_whose_proposal_is_then_adopted(
    client, client_for, consultant, dialogue, group
):
    link = make_link(client_for(consultant), group)
    client.logout()
    html = client.get(page(link)).content.decode()
    assert "AG Wohnen" in html and "Wohnraum für Familien finden." in html

    response = client.post(
        page(link),
        {
            "action": "meeting",
            "meeting-held_on": "2027-02-10",
            "meeting-attendees": "Caritas, Schule",
            "meeting-minutes": "Drei Wohnungen in Aussicht.",
        },
    )
    assert response.status_code == 302
    meeting = WorkingGroupMeeting.objects.get()
    assert (meeting.held_on, meeting.minutes, meeting.recorded_by) == (
        datetime.date(2027, 2, 10),
        "Drei Wohnungen in Aussicht.",
        None,
    )
    response = client.post(
        page(link),
        {
            "action": "report",
            "report-report": "Wir haben mit der Wohnbau gesprochen.",
            "report-proposals": "Belegungsrechte kaufen\nPatenschaften für Vermieter",
        },
    )
    assert response.status_code == 302
    assert [p.title for p in WorkingGroupProposal.objects.all()] == [
        "Belegungsrechte kaufen",
        "Patenschaften für Vermieter",
    ]
    assert "Danke! Der Bericht wurde gespeichert" in client.get(page(link)).content.decode()

    # Staff see who handed it in, and decide on the proposal with the council's session.
    group.refresh_from_db()
    assert group.report == "Wir haben mit der Wohnbau gesprochen." and group.reported_on == timezone.localdate()
    history = client_for(consultant).get(group_url(group)).content.decode()
    assert "Frau Yilmaz (Caritas) (persönlicher Link)" in history and "Drei Wohnungen in Aussicht." in history
    proposal = WorkingGroupProposal.objects.get(title="Belegungsrechte kaufen")
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/entscheidungen/",
        {
            "subject": f"p{proposal.pk}",
            "outcome": "adopted",
            "title": "Belegungsrechte kaufen",
            "body": "Gemeinderat, Sitzung vom 20. April 2027, TOP 4",
            "body_decided_on": "2027-04-20",
        },
    )
    assert response.status_code == 302 and Decision.objects.get().proposal == proposal
    assert "Belegungsrechte kaufen – Beschlossen" in client.get(page(link)).content.decode()


def test_bad_input_is_named_and_nothing_is_stored(client_for, consultant, group, client):
    link = make_link(client_for(consultant), group)
    response = client.post(page(link), {"action": "meeting", "meeting-held_on": "31.02.2027", "meeting-minutes": ""})
    assert (
        response.status_code == 422
        and "Bitte schreiben Sie auf, was beim Treffen besprochen" in response.content.decode()
    )
    response = client.post(page(link), {"action": "report", "report-report": "  "})
    assert (
        response.status_code == 422
        and "Bitte schreiben Sie, was die Gruppe erarbeitet hat" in response.content.decode()
    )
    assert client.post(page(link), {"action": "alles"}).status_code == 400
    assert not WorkingGroupMeeting.objects.exists() and not WorkingGroupProposal.objects.exists()


def test_withdrawn_expired_closed_and_made_up_links_open_nothing(client_for, consultant, group, client):
    staff = client_for(consultant)
    withdrawn = make_link(staff, group)
    assert staff.post(group_url(group) + f"links/{withdrawn.pk}/widerrufen/").status_code == 302
    assert client.get(page(withdrawn)).status_code == 410
    assert (
        client.post(
            page(withdrawn), {"action": "meeting", "meeting-held_on": "2027-02-10", "meeting-minutes": "x"}
        ).status_code
        == 410
    )

    expired = make_link(staff, group)
    ConvenorLink.objects.filter(pk=expired.pk).update(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    assert client.get(page(expired)).status_code == 410

    open_one = make_link(staff, group)
    services.working_group_close(actor=consultant, working_group=group, closed_on=timezone.localdate())
    assert "abgeschlossen" in client.get(page(open_one)).content.decode()
    assert client.get(page(open_one)).status_code == 410
    assert client.get("/arbeitsgruppe/ausgedacht/").status_code == 404
    assert not WorkingGroupMeeting.objects.exists()


def test_a_link_withdrawn_while_the_page_was_open_takes_nothing(client_for, consultant, group):
    link = make_link(client_for(consultant), group)
    convenor_links.convenor_link_revoke(actor=consultant, link=link)
    with pytest.raises(convenor_links.LinkGone):
        convenor_links.convenor_meeting_post(link=link, held_on=datetime.date(2027, 2, 10), minutes="Zu spät")
    assert not WorkingGroupMeeting.objects.exists()


def test_a_convenor_erased_as_a_contact_leaves_no_trace(
    client_for, admin_user, consultant, municipality, group, client
):
    from dialogwerk.privacy import services as privacy

    link = make_link(client_for(consultant), group, **{"link-email": EMAIL})
    client.post(
        page(link), {"action": "meeting", "meeting-held_on": "2027-02-10", "meeting-minutes": "Erstes Treffen."}
    )
    assert (
        privacy.contact_export(municipality=municipality, email=EMAIL)["working_group_links"][0]["name"]
        == "Frau Yilmaz (Caritas)"
    )
    privacy.contact_erase(actor=admin_user, municipality=municipality, email=EMAIL)
    stored = every_stored_text()
    assert "Yilmaz" not in stored and EMAIL not in stored
    assert client.get(page(link)).status_code == 410
