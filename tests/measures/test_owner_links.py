"""Owners without an account: a personal link to one small page where they read their measure and post a
progress report without logging in; staff make, hand over and withdraw the links; reminders carry them."""

import datetime
import re

import pytest
from django.core import mail

from dialogwerk.measures import reminders, services
from dialogwerk.measures.models import MeasureChange, OwnerLink, ProgressUpdate
from dialogwerk.tenancy.models import AuditLogEntry
from tests.conftest import EVENT_DAY


@pytest.fixture
def measure(make_measure):
    return make_measure(
        "Sprachcafé im Gemeindehaus",
        responsible_person="Pfarrerin Weber",
        responsible_email="weber@kirche.example",
        status="planned",
        progress=0,
    )


def detail(measure) -> str:
    return f"/dialoge/{measure.dialogue_id}/massnahmen/{measure.pk}/"


def make_link(client_for, consultant, measure, **data) -> OwnerLink:
    response = client_for(consultant).post(detail(measure) + "links/", {"name": "Pfarrerin Weber", "email": "", **data})
    assert response.status_code == 302
    return OwnerLink.objects.latest("id")


def report(client, link, **data):
    form = {
        "status": "in_progress",
        "progress": "40",
        "text": "Der Raum ist gefunden, der erste Termin am 3. März.",
        **data,
    }
    return client.post(f"/sachstand/{link.token}/", form)


def test_staff_send_a_personal_link_by_mail_and_see_it_on_the_measure(
    client_for, consultant, measure, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        link = make_link(client_for, consultant, measure, email="weber@kirche.example")
    assert len(link.token) >= 40 and link.expires_on >= datetime.date.today() + datetime.timedelta(days=364)
    message = mail.outbox[0]
    assert message.to == ["weber@kirche.example"] and "Sprachcafé im Gemeindehaus" in message.subject
    assert f"/sachstand/{link.token}/" in message.body and "Hallo Pfarrerin Weber" in message.body
    page = client_for(consultant).get(detail(measure)).content.decode()
    assert "Berichte ohne Konto" in page and f"/sachstand/{link.token}/" in page
    assert AuditLogEntry.objects.filter(target_type="Persönlicher Link für Verantwortliche", action="create").exists()


def test_without_an_address_the_link_is_shown_to_hand_over_and_nothing_is_sent(client_for, consultant, measure):
    link = make_link(client_for, consultant, measure, email="")
    assert not mail.outbox and link.sent_at is None
    page = client_for(consultant).get(detail(measure)).content.decode()
    assert "ist bereit: Kopieren Sie ihn unten" in page and f"/sachstand/{link.token}/" in page


def test_the_owner_reports_without_logging_in_and_the_steering_group_sees_who_and_when(
    client, client_for, consultant, measure
):
    link = make_link(client_for, consultant, measure)
    client.logout()
    page = client.get(f"/sachstand/{link.token}/")
    assert page.status_code == 200 and "Sprachcafé im Gemeindehaus" in page.content.decode()
    assert "Wie geht es voran" in page.content.decode()
    response = report(client, link)
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.reporter_name, update.owner_link_id, update.author_id, update.progress) == (
        "Pfarrerin Weber",
        link.pk,
        None,
        40,
    )
    measure.refresh_from_db()
    assert (measure.status, measure.progress) == ("in_progress", 40)
    assert MeasureChange.objects.filter(actor_label="Pfarrerin Weber (persönlicher Link)").exists()
    link.refresh_from_db()
    assert link.last_used_at is not None
    assert "Der Raum ist gefunden" in client.get(f"/sachstand/{link.token}/").content.decode()  # the history
    staff = client_for(consultant)
    assert "Pfarrerin Weber (persönlicher Link)" in staff.get(detail(measure)).content.decode()
    assert (
        "Pfarrerin Weber (persönlicher Link)"
        in staff.get(f"/dialoge/{measure.dialogue_id}/begleitkreis/").content.decode()
    )


def test_the_same_report_sent_twice_is_kept_once(client, client_for, consultant, measure):
    link = make_link(client_for, consultant, measure)
    client.logout()
    key = re.search(r'name="key" value="([0-9a-f]+)"', client.get(f"/sachstand/{link.token}/").content.decode()).group(
        1
    )
    assert report(client, link, key=key).status_code == 302
    assert report(client, link, key=key).status_code == 302
    assert ProgressUpdate.objects.count() == 1


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"progress": "150"}, "Bitte geben Sie eine Zahl von 0 bis 100 ein."),
        ({"progress": "viel"}, "Bitte geben Sie eine Zahl von 0 bis 100 ein."),
        ({"text": ""}, "Bitte schreiben Sie kurz, was passiert ist."),
        ({"status": "erledigt?"}, "Bitte wählen Sie, wie der Stand der Maßnahme ist."),
    ],
)
def test_bad_input_is_refused_in_plain_german_and_nothing_is_stored(
    client, client_for, consultant, measure, bad, message
):
    link = make_link(client_for, consultant, measure)
    client.logout()
    response = report(client, link, **bad)
    assert response.status_code == 422 and message in response.content.decode()
    assert not ProgressUpdate.objects.exists()
    measure.refresh_from_db()
    assert measure.progress == 0


def test_a_withdrawn_link_stops_at_once(client, client_for, consultant, measure):
    link = make_link(client_for, consultant, measure)
    staff = client_for(consultant)
    assert staff.post(detail(measure) + f"links/{link.pk}/widerrufen/").status_code == 302
    client.logout()
    assert client.get(f"/sachstand/{link.token}/").status_code == 410
    response = report(client, link)
    assert response.status_code == 410 and "nicht mehr" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_an_expired_link_is_refused(client, client_for, consultant, measure):
    link = make_link(client_for, consultant, measure)
    OwnerLink.objects.filter(pk=link.pk).update(expires_on=datetime.date.today() - datetime.timedelta(days=1))
    client.logout()
    assert client.get(f"/sachstand/{link.token}/").status_code == 410
    assert report(client, link).status_code == 410
    assert not ProgressUpdate.objects.exists()
    with pytest.raises(services.LinkGone):
        services.owner_report_post(link=link, text="x", status="in_progress", progress=1)


def test_unknown_links_and_another_measures_link_are_not_found(client, client_for, consultant, measure, make_measure):
    link = make_link(client_for, consultant, measure)
    other = make_measure("Anderes")
    assert client.get("/sachstand/erfunden/").status_code == 404
    assert client_for(consultant).post(detail(other) + f"links/{link.pk}/widerrufen/").status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def test_only_those_who_edit_measures_make_or_withdraw_links(client_for, consultant, moderator, outsider, measure):
    link = make_link(client_for, consultant, measure)
    for user in (moderator, outsider):
        client = client_for(user)
        assert client.post(detail(measure) + "links/", {"name": "X"}).status_code in (403, 404)
        assert client.post(detail(measure) + f"links/{link.pk}/widerrufen/").status_code in (403, 404)
    assert OwnerLink.objects.count() == 1 and OwnerLink.objects.get().revoked_at is None


def test_a_link_needs_a_name_and_a_valid_address(client_for, consultant, measure):
    client = client_for(consultant)
    response = client.post(detail(measure) + "links/", {"name": "", "email": "kein-at"})
    html = response.content.decode()
    assert response.status_code == 422
    assert "Bitte nennen Sie die Person, für die der Link ist." in html and "gültige E-Mail-Adresse" in html
    assert not OwnerLink.objects.exists()


def test_a_reminder_to_an_owner_without_an_account_carries_one_personal_link(measure):
    today = EVENT_DAY + datetime.timedelta(days=28)  # the check-back four weeks after the event
    assert reminders.send_due_reminders(today=today) == 1
    link = OwnerLink.objects.get()
    assert link.email == "weber@kirche.example" and link.name == "Pfarrerin Weber"
    assert f"/sachstand/{link.token}/" in mail.outbox[0].body and "/dialoge/" not in mail.outbox[0].body
    services.progress_update_create(
        actor=None, measure=measure, reported_on=today, text="x", status="in_progress", progress=5
    )
    reminders.send_due_reminders(today=today + datetime.timedelta(days=80))  # no report for long: reminded again
    assert len(mail.outbox) == 2 and OwnerLink.objects.count() == 1
    assert f"/sachstand/{link.token}/" in mail.outbox[1].body


def test_a_reminder_to_a_member_links_to_the_measure_page(make_measure, consultant):
    make_measure("Patenschaften", responsible_email=consultant.email)
    reminders.send_due_reminders(today=EVENT_DAY + datetime.timedelta(days=28))
    assert "/dialoge/" in mail.outbox[0].body and not OwnerLink.objects.exists()
