"""The public event page with open registration (issue #19 item 3): anyone registers in their language,
with capacity and a waiting list that moves up; a confirmation e-mail where an address is given; the
registrations count with the acceptances, stand in the staff's list and are seated in the table plan;
bad input stores nothing; the data can be seen, exported and erased."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from dialogwerk.live import services as live_services
from dialogwerk.preparation.models import Actor, EventDetails, Invitation, Registration
from dialogwerk.privacy import services as privacy_services
from dialogwerk.seating.services import collect_candidates
from tests.preparation.helpers import ready

PAGE = "/anmeldung/{}/"


@pytest.fixture
def published(dialogue):
    ahead = timezone.localdate() + datetime.timedelta(days=20)
    dialogue.starts_on = dialogue.ends_on = ahead
    dialogue.save()
    return EventDetails.objects.create(
        dialogue=dialogue,
        venue="Bürgerhaus am Markt",
        address="Marktplatz 3\n12345 Musterstadt",
        capacity=2,
        step_free="yes",
        registration_open=True,
    )


def register(client, dialogue, **changes):
    data = {
        "name": "Olena Kovalenko",
        "email": "olena@example.org",
        "perspective": "refugee",
        "language": "uk",
        "needs": "Kinderbetreuung",
        "consent": "on",
        **changes,
    }
    return client.post(PAGE.format(dialogue.pk), data)


def test_a_citizen_registers_on_a_phone_in_ukrainian_and_is_seated(
    client, dialogue, published, consultant, django_capture_on_commit_callbacks
):
    client.cookies["dialogwerk_language"] = "uk"
    page = client.get(PAGE.format(dialogue.pk)).content.decode()
    assert '<html lang="uk"' in page and "Bürgerhaus am Markt" in page and "Залишилося 2 місця." in page
    assert "#schritt-vorbereitung" not in page  # no staff navigation on the public page
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, dialogue)
    registration = Registration.objects.get()
    assert response.status_code == 302 and response.url == f"/anmeldung/meine/{registration.token}/"
    assert (registration.status, registration.language, registration.perspective) == ("registered", "uk", "refugee")
    mine = client.get(response.url).content.decode()
    assert "Ви зареєстровані." in mine and "Olena Kovalenko" in mine and "Kinderbetreuung" in mine
    message = mail.outbox[0]
    assert message.to == ["olena@example.org"] and "Ваша реєстрація" in message.subject
    assert f"/anmeldung/meine/{registration.token}/" in message.body and "Ваше місце заброньовано." in message.body
    # The table plan seats her with the accepted invitations.
    session = live_services.session_create(actor=consultant, dialogue=dialogue, title="Abend")
    candidates = collect_candidates(
        session=session, include_participants=False, include_invitations=True, people_text=""
    )
    assert [(c.name, c.perspective, c.source) for c in candidates] == [
        ("Olena Kovalenko", "Geflüchtete", "registration")
    ]


def test_beyond_the_places_people_wait_and_move_up_when_someone_cancels(
    client, dialogue, published, django_capture_on_commit_callbacks
):
    ready(dialogue)
    actor = Actor.objects.create(dialogue=dialogue, name="Sprachpaten", perspective=dialogue.perspectives.first())
    Invitation.objects.create(dialogue=dialogue, actor=actor, expires_on=dialogue.ends_on, status="accepted")
    register(client, dialogue, email="eins@example.org", name="Eins")
    register(client, dialogue, email="zwei@example.org", name="Zwei")
    assert list(Registration.objects.values_list("name", "status")) == [("Eins", "registered"), ("Zwei", "waiting")]
    page = client.get(PAGE.format(dialogue.pk)).content.decode()
    assert "Alle Plätze sind vergeben." in page and "Auf die Warteliste setzen" in page
    first = Registration.objects.get(name="Eins")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/anmeldung/meine/{first.token}/")
    assert "Ihre Anmeldung wurde storniert und gelöscht." in response.content.decode()
    assert list(Registration.objects.values_list("name", "status")) == [("Zwei", "registered")]
    assert mail.outbox[0].to == ["zwei@example.org"] and "У вас є місце" in mail.outbox[0].subject  # in her language


def test_bad_input_gets_a_clear_message_in_the_readers_language_and_stores_nothing(client, dialogue, published):
    register(client, dialogue)
    client.cookies["dialogwerk_language"] = "ar"
    for changes, message in [
        ({"consent": ""}, "يُرجى الموافقة على الإشعار للتسجيل."),
        ({"name": ""}, "يُرجى إدخال اسمك."),
        ({"email": "OLENA@example.org"}, "هذا البريد الإلكتروني مسجَّل بالفعل لهذه الفعالية."),
        ({"email": "kein-at"}, "يرجى إدخال عنوان بريد إلكتروني صالح"),
        ({"language": "xx"}, ""),
        ({"perspective": "spy"}, ""),
    ]:
        response = register(client, dialogue, **changes)
        assert response.status_code == 422, changes
        assert message in response.content.decode(), changes
    assert Registration.objects.count() == 1


def test_without_open_registration_there_is_no_page_and_after_the_event_it_is_closed(client, dialogue, published):
    EventDetails.objects.filter(pk=published.pk).update(registration_open=False)
    assert client.get(PAGE.format(dialogue.pk)).status_code == 404
    assert register(client, dialogue).status_code == 404
    EventDetails.objects.filter(pk=published.pk).update(registration_open=True)
    dialogue.starts_on = dialogue.ends_on = datetime.date(2020, 5, 4)
    dialogue.save()
    page = client.get(PAGE.format(dialogue.pk)).content.decode()
    assert "Die Anmeldung für diese Veranstaltung ist geschlossen." in page and 'name="consent"' not in page
    response = register(client, dialogue)
    assert response.status_code == 422 and not Registration.objects.exists()


def test_staff_see_the_registrations_and_counts_and_remove_one(
    client, client_for, consultant, moderator, outsider, dialogue, published
):
    register(client, dialogue)
    register(client, dialogue, email="b@example.org", name="Bernd")
    register(client, dialogue, email="c@example.org", name="Chen")
    html = client_for(consultant).get(f"/dialoge/{dialogue.pk}/veranstaltungsort/").content.decode()
    assert "Olena Kovalenko" in html and "Auf der Warteliste" in html and f"/anmeldung/{dialogue.pk}/" in html
    overview = client_for(consultant).get(f"/dialoge/{dialogue.pk}/").content.decode()
    assert "2 angemeldet, 1 auf der Warteliste" in overview
    chen = Registration.objects.get(name="Chen")
    url = f"/dialoge/{dialogue.pk}/veranstaltungsort/anmeldungen/{chen.pk}/entfernen/"
    assert client_for(moderator).post(url).status_code == 403
    assert client_for(outsider).post(url).status_code == 404
    assert client_for(consultant).post(url).status_code == 302
    assert not Registration.objects.filter(name="Chen").exists() and Registration.objects.count() == 2


def test_a_registration_is_in_the_contact_export_and_erased_with_the_address(client, dialogue, published, consultant):
    register(client, dialogue)
    exported = privacy_services.contact_export(municipality=dialogue.municipality, email="olena@example.org")
    assert [(r["name"], r["needs"], r["language"]) for r in exported["registrations"]] == [
        ("Olena Kovalenko", "Kinderbetreuung", "uk")
    ]
    privacy_services.contact_erase(actor=consultant, municipality=dialogue.municipality, email="OLENA@example.org")
    assert not Registration.objects.exists()


def test_registrations_go_with_the_retention_period_after_the_dialogue_is_closed(
    client, dialogue, published, consultant, settings
):
    from dialogwerk.dialogues.services import dialogue_set_phase

    register(client, dialogue)
    dialogue_set_phase(actor=consultant, dialogue=dialogue, phase="closed")
    settings.PRIVACY_RETENTION_DAYS = 30
    privacy_services.retention_apply(today=timezone.localdate() + datetime.timedelta(days=10))
    assert Registration.objects.count() == 1
    privacy_services.retention_apply(today=timezone.localdate() + datetime.timedelta(days=31))
    assert not Registration.objects.exists()
