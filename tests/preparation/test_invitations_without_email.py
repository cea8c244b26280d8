"""Paper and phone (issue #19 item 2): actors without e-mail (or without consent to e-mail) are invited by a
printed letter in their language, with a QR code and a short code, or in person; answers that come by phone
are entered by staff and count like the others; the checklist counts every channel and says what is missing."""

import datetime

import pytest
from django.core import mail

from dialogwerk.dialogues.services import dialogue_set_languages
from dialogwerk.guide import selectors as guide_selectors
from dialogwerk.guide.checklist import checklist
from dialogwerk.guide.labels import lines
from dialogwerk.preparation import selectors
from dialogwerk.preparation.models import Actor, EventDetails, Invitation
from dialogwerk.translations.services import translations_save
from tests.preparation.helpers import ready
from tests.reports.readback import normal, pdf_pages, pdf_text


@pytest.fixture
def ten_actors(dialogue):
    """Six with e-mail and consent; two with consent but no e-mail; two without consent."""
    ready(dialogue)
    refugees = dialogue.perspectives.get(name="Geflüchtete")
    actors = [
        Actor.objects.create(
            dialogue=dialogue, name=f"Verein {n}", perspective=refugees, email=f"v{n}@example.org", consent=True
        )
        for n in range(6)
    ]
    actors += [
        Actor.objects.create(
            dialogue=dialogue,
            name="Frauentreff",
            perspective=refugees,
            phone="0711 123",
            consent=True,
            contact_name="Frau Haddad",
        ),
        Actor.objects.create(
            dialogue=dialogue, name="Elterngruppe", perspective=refugees, phone="0711 456", consent=True
        ),
        Actor.objects.create(dialogue=dialogue, name="Jugendgruppe", perspective=refugees),
        Actor.objects.create(dialogue=dialogue, name="Moscheeverein", perspective=refugees),
    ]
    return actors


def invitations_url(dialogue) -> str:
    return f"/dialoge/{dialogue.pk}/einladungen/"


def invite_otherwise(client, dialogue, actors, channel="letter", language="ar"):
    return client.post(
        invitations_url(dialogue) + "ohne-e-mail/",
        {"actors": [a.pk for a in actors], "channel": channel, "language": language},
    )


def invitation_status(dialogue) -> str:
    line = {
        line.item.key: line
        for line in lines(checklist(guide_selectors.checklist_counts(dialogue=dialogue)), dialogue.pk)
    }
    return line["invitations"].status, line["invitations"].item.done


def test_ten_actors_four_without_email_are_invited_by_mail_letter_and_in_person(
    client_for, consultant, dialogue, ten_actors, django_capture_on_commit_callbacks
):
    client = client_for(consultant)
    html = client.get(invitations_url(dialogue)).content.decode()
    # The e-mail form offers the six; the other form the four without e-mail or consent.
    for name in ("Frauentreff", "Elterngruppe", "Jugendgruppe", "Moscheeverein"):
        assert f"{name} (Geflüchtete)" in html
    # Two forms on one page: every id once, so that each label ticks its own box.
    assert html.count('id="id_actors_0"') == 1 and html.count('id="otherwise_actors_0"') == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(invitations_url(dialogue), {"actors": [a.pk for a in ten_actors[:6]]}).status_code == 302
    assert invitation_status(dialogue) == ("6 von 10 eingeladen, 0 Zusagen, 4 noch nicht eingeladen", False)

    with django_capture_on_commit_callbacks(execute=True):
        assert invite_otherwise(client, dialogue, ten_actors[6:8], "letter", "ar").status_code == 302
        assert invite_otherwise(client, dialogue, ten_actors[8:], "personal", "").status_code == 302
    letters = Invitation.objects.filter(channel="letter")
    assert sorted(letters.values_list("actor__name", "language")) == [("Elterngruppe", "ar"), ("Frauentreff", "ar")]
    assert all(len(code) == 8 for code in Invitation.objects.values_list("short_code", flat=True))
    assert len(mail.outbox) == 6  # nobody without e-mail got a mail
    status, done = invitation_status(dialogue)
    assert done and status.startswith("10 von 10 eingeladen (6 per E-Mail, 2 per Brief, 2 persönlich oder telefonisch)")
    page = client.get(invitations_url(dialogue)).content.decode()
    assert "Eingeladen per E-Mail: 6 · per Brief: 2 · persönlich oder telefonisch: 2" in page
    assert Invitation.objects.get(actor__name="Frauentreff").short_code_display in page


def test_bad_input_when_inviting_without_email_is_refused_and_nothing_is_stored(
    client_for, consultant, moderator, dialogue, ten_actors, outsider
):
    client = client_for(consultant)
    for data, message in [
        ({"channel": "letter"}, "Bitte wählen Sie mindestens einen Akteur zum Einladen aus."),
        ({"actors": [ten_actors[6].pk], "channel": "telegram"}, "Bitte wählen Sie, wie die Einladung sie erreicht."),
        (
            {"actors": [ten_actors[6].pk], "channel": "letter", "language": "xx"},
            "Bitte wählen Sie eine der angebotenen Sprachen.",
        ),
        # An actor with e-mail and consent is invited by e-mail, not here.
        (
            {"actors": [ten_actors[0].pk], "channel": "letter"},
            "Bitte wählen Sie Akteure, die nicht per E-Mail eingeladen werden können und noch nicht eingeladen sind.",
        ),
    ]:
        response = client.post(invitations_url(dialogue) + "ohne-e-mail/", data)
        assert response.status_code == 422, data
        assert message in response.content.decode(), data
    assert invite_otherwise(client_for(moderator), dialogue, ten_actors[6:7]).status_code == 403
    assert invite_otherwise(client_for(outsider), dialogue, ten_actors[6:7]).status_code == 404
    assert not Invitation.objects.exists()


def test_the_serial_letter_has_one_page_per_letter_in_its_language_with_code_and_qr(
    client_for, consultant, dialogue, ten_actors
):
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["de", "ar"])
    translations_save(
        actor=consultant,
        dialogue=dialogue,
        language="ar",
        items=[(f"dialogue:{dialogue.pk}:title", "العيش معاً في البلدية أ")],
    )
    EventDetails.objects.create(
        dialogue=dialogue, venue="Bürgerhaus am Markt", address="Marktplatz 3\n12345 Musterstadt", step_free="yes"
    )
    client = client_for(consultant)
    invite_otherwise(client, dialogue, ten_actors[6:7], "letter", "ar")
    invite_otherwise(client, dialogue, ten_actors[7:8], "letter", "de")
    invite_otherwise(client, dialogue, ten_actors[8:], "personal", "")
    response = client.get(invitations_url(dialogue) + "briefe.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert pdf_pages(response.content) == 2  # the letters only, not the invitations in person
    text = pdf_text(response.content)
    arabic, german = (Invitation.objects.get(actor=ten_actors[n]) for n in (6, 7))
    assert arabic.short_code_display in text and german.short_code_display in text
    assert normal("العيش معاً في البلدية أ") in text and "Frau Haddad" in text
    assert "Zusammenleben in Kommune A" in text and "Bürgerhaus am Markt" in text
    assert "Der Ort ist durchgehend stufenlos erreichbar." in text and "/antwort/" in text
    assert b"/Subtype /Image" in response.content or b"/Subtype/Image" in response.content  # the QR code
    # Once the German one has answered, "only those without an answer" prints one letter.
    Invitation.objects.filter(pk=german.pk).update(status="accepted")
    assert pdf_pages(client.get(invitations_url(dialogue) + "briefe.pdf?offen").content) == 1


def test_the_letters_need_a_planner_and_stay_in_their_municipality(
    client_for, consultant, moderator, outsider, dialogue, ten_actors
):
    invite_otherwise(client_for(consultant), dialogue, ten_actors[6:7])
    assert client_for(moderator).get(invitations_url(dialogue) + "briefe.pdf").status_code == 403
    assert client_for(outsider).get(invitations_url(dialogue) + "briefe.pdf").status_code == 404


def test_the_code_from_the_letter_leads_to_the_answer_page_as_typed(
    client, client_for, consultant, dialogue, ten_actors
):
    invite_otherwise(client_for(consultant), dialogue, ten_actors[6:7], "letter", "ar")
    invitation = Invitation.objects.get()
    client.logout()
    assert client.get("/antwort/").status_code == 200
    typed = f" {invitation.short_code[:4].lower()} - {invitation.short_code[4:].lower()} "
    response = client.post("/antwort/", {"code": typed})
    assert response.status_code == 302 and response.url == f"/antwort/{invitation.token}/"
    assert client.post(response.url, {"status": "accepted"}).status_code == 302
    assert Invitation.objects.get().answered_via == "link"


def test_a_wrong_code_is_told_in_the_readers_language_and_guessing_is_stopped(client, dialogue, ten_actors):
    client.cookies["dialogwerk_language"] = "uk"
    response = client.post("/antwort/", {"code": "AAAA-AAAA"})
    assert response.status_code == 422
    assert "Ми не знаємо цього коду." in response.content.decode()
    assert client.post("/antwort/", {"code": ""}).status_code == 422
    for _attempt in range(19):
        client.post("/antwort/", {"code": "CCCC-CCCC"})
    response = client.post("/antwort/", {"code": "DDDD-DDDD"})
    assert response.status_code == 429


def test_staff_enter_an_answer_by_phone_and_it_counts_like_the_others(
    client_for, consultant, moderator, outsider, dialogue, ten_actors
):
    client = client_for(consultant)
    invite_otherwise(client, dialogue, ten_actors[8:], "personal", "")
    invitation = Invitation.objects.get(actor__name="Jugendgruppe")
    url = f"{invitations_url(dialogue)}{invitation.pk}/antwort/"
    assert client.get(url).status_code == 200
    missing = client.post(url, {"status": "accepted"})
    assert missing.status_code == 422 and "Bitte wählen Sie, wie die Antwort kam." in missing.content.decode()
    assert client_for(moderator).post(url, {"status": "accepted", "answered_via": "phone"}).status_code == 403
    assert client_for(outsider).post(url, {"status": "accepted", "answered_via": "phone"}).status_code == 404
    assert Invitation.objects.get(pk=invitation.pk).status == "pending"
    client = client_for(consultant)
    assert (
        client.post(url, {"status": "accepted", "answered_via": "phone", "needs": "Dolmetscher Dari"}).status_code
        == 302
    )
    invitation.refresh_from_db()
    assert (invitation.status, invitation.answered_via, invitation.needs) == ("accepted", "phone", "Dolmetscher Dari")
    row = next(
        row
        for row in selectors.rsvp_counts_by_perspective(dialogue=dialogue)
        if row["perspective"].name == "Geflüchtete"
    )
    assert (row["invited"], row["accepted"]) == (2, 1)
    page = client.get(invitations_url(dialogue)).content.decode()
    assert 'Zugesagt</span> <span class="muted">(telefonisch)</span>' in page


def test_an_invitation_of_another_dialogue_cannot_be_answered_through_this_one(
    client_for, consultant, dialogue, ten_actors
):
    from dialogwerk.dialogues.services import dialogue_create

    other = dialogue_create(
        actor=consultant,
        municipality=dialogue.municipality,
        title="Zweiter Dialog",
        starts_on=datetime.date(2099, 1, 1),
        ends_on=datetime.date(2099, 1, 1),
    )
    invite_otherwise(client_for(consultant), dialogue, ten_actors[6:7])
    invitation = Invitation.objects.get()
    response = client_for(consultant).post(
        f"/dialoge/{other.pk}/einladungen/{invitation.pk}/antwort/", {"status": "accepted", "answered_via": "phone"}
    )
    assert response.status_code == 404 and Invitation.objects.get().status == "pending"
