"""Joining without an account: code, language, consent notice, optional name and perspective."""

from dialogwerk.live.models import Participant


def test_the_code_page_sends_a_typed_code_to_its_session(client, session):
    response = client.get("/j/", {"code": session.code.lower()[:3] + " " + session.code.lower()[3:]})
    assert response.status_code == 302 and response.url == f"/j/{session.code}/"


def test_an_unknown_code_is_explained(client, db):
    response = client.get("/j/", {"code": "XXXXXX"})
    assert response.status_code == 404 and "keine Veranstaltung mit diesem Code" in response.content.decode()


def test_the_join_page_shows_the_purpose_and_what_is_stored(client, session, dialogue):
    dialogue.purpose = "Wir beraten, wie wir gut zusammenleben."
    dialogue.save()
    html = client.get(f"/j/{session.code}/").content.decode()
    assert "Wir beraten, wie wir gut zusammenleben." in html
    assert "Was wir speichern, und wie lange" in html and "spätestens nach 6 Monaten" in html


def test_choosing_a_language_sets_the_language_cookie_and_the_page_direction(client, session):
    response = client.get(f"/j/{session.code}/", {"lang": "fa"})
    assert response.cookies["dialogwerk_language"].value == "fa"
    html = client.get(f"/j/{session.code}/").content.decode()
    assert '<html lang="fa" dir="rtl">' in html and "شرکت کنید" in html


def test_joining_stores_a_pseudonymous_participant_and_opens_the_participant_page(client, session):
    response = client.post(
        f"/j/{session.code}/", {"display_name": "Amal", "language": "ar", "perspective": "refugee", "consent": "on"}
    )
    assert response.status_code == 302 and response.url == f"/j/{session.code}/live/"
    participant = Participant.objects.get()
    assert (participant.display_name, participant.language, participant.perspective) == ("Amal", "ar", "refugee")
    token = response.cookies[f"dwlive_{session.code}"]
    assert token["httponly"] and token.value not in participant.token_hash
    assert response.cookies["dialogwerk_language"].value == "ar"
    page = client.get(f"/j/{session.code}/live/")
    assert page.status_code == 200 and '<html lang="ar" dir="rtl">' in page.content.decode()


def test_joining_anonymously_is_fine(client, session):
    client.post(f"/j/{session.code}/", {"display_name": "", "language": "de", "consent": "on"})
    assert Participant.objects.get().display_name == ""


def test_without_consent_nobody_is_stored_and_the_page_says_why(client, session):
    client.get(f"/j/{session.code}/", {"lang": "uk"})
    response = client.post(f"/j/{session.code}/", {"display_name": "Olena", "language": "uk"})
    assert response.status_code == 422
    assert "погодьтеся з повідомленням" in response.content.decode()
    assert Participant.objects.count() == 0


def test_a_too_long_name_is_refused(client, session):
    response = client.post(f"/j/{session.code}/", {"display_name": "x" * 41, "language": "de", "consent": "on"})
    assert response.status_code == 422 and Participant.objects.count() == 0


def test_a_closed_session_takes_no_new_participants(client, session, moderator):
    from dialogwerk.live import services

    services.session_control(actor=moderator, session=session, action="close")
    response = client.post(f"/j/{session.code}/", {"language": "de", "consent": "on"})
    assert response.status_code == 422 and "beendet" in response.content.decode()
    assert Participant.objects.count() == 0


def test_an_unknown_session_is_404(client, db):
    assert client.get("/j/ZZZZZZ/").status_code == 404


def test_a_join_without_consent_opens_with_an_error_summary_linking_to_the_checkbox(client, session):
    client.get(f"/j/{session.code}/", {"lang": "ar"})
    html = client.post(f"/j/{session.code}/", {"display_name": "Amal", "language": "ar"}).content.decode()
    summary = html.split("data-error-summary")[1].split("</div>")[0]
    assert "يرجى تصحيح البيانات التالية" in summary  # the heading, in Arabic
    assert 'href="#id_consent"' in summary
    assert html.index("data-error-summary") < html.index('name="display_name"')  # at the top of the form
