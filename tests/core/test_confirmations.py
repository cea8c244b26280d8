"""Ending the event and closing the survey ask first: the button carries data-confirm, which the shared
script (static/js/forms.js) turns into window.confirm. Without JavaScript the button still submits."""

import lxml.html
import pytest

from dialogwerk.live import services as live_services
from dialogwerk.live.models import Method, Session
from dialogwerk.survey import services as survey_services
from dialogwerk.survey.models import Survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(dialogue, moderator):
    session = live_services.session_create(
        actor=moderator, dialogue=dialogue, title="Abend im Rathaus", method=Method.WORLD_CAFE
    )
    live_services.session_control(actor=moderator, session=session, action="start")
    return session


def button(html: str, name: str, value: str):
    (element,) = lxml.html.fromstring(html).xpath(f"//button[@name='{name}'][@value='{value}']")
    return element


def test_the_end_button_of_the_console_asks_first(client_for, moderator, session):
    end = button(client_for(moderator).get(f"/veranstaltungen/{session.pk}/").content.decode(), "action", "close")
    assert end.get("data-confirm", "").strip()
    assert "?" in end.get("data-confirm")


def test_the_other_console_buttons_do_not_ask(client_for, moderator, session):
    html = client_for(moderator).get(f"/veranstaltungen/{session.pk}/").content.decode()
    assert button(html, "action", "pause").get("data-confirm") is None
    assert button(html, "action", "next").get("data-confirm") is None


def test_without_javascript_the_end_button_still_ends_the_event(client_for, moderator, session):
    assert client_for(moderator).post(f"/veranstaltungen/{session.pk}/steuern/", {"action": "close"}).status_code == 302
    assert Session.objects.get(pk=session.pk).status == "closed"


def test_the_close_button_of_the_survey_asks_in_german(client_for, moderator, session):
    survey_services.survey_open(actor=moderator, session=session)
    html = client_for(moderator).get(f"/veranstaltungen/{session.pk}/umfrage/").content.decode()
    question = button(html, "action", "close").get("data-confirm")
    assert question == (
        "Befragung jetzt schließen? Das ist endgültig: Danach kann niemand mehr antworten oder eine Antwort ändern."
    )


def test_without_javascript_the_survey_still_closes(client_for, moderator, session):
    survey_services.survey_open(actor=moderator, session=session)
    assert (
        client_for(moderator).post(f"/veranstaltungen/{session.pk}/umfrage/steuern/", {"action": "close"}).status_code
        == 302
    )
    assert not Survey.objects.get(session=session).is_open
