"""Staff see the survey's figures (answers per point, mean, comments) beside the console; runners open and
close it; other roles read; other municipalities learn nothing."""

import pytest

from dialogwerk.survey import services
from dialogwerk.survey.models import Survey, SurveyAnswer


def url(session) -> str:
    return f"/veranstaltungen/{session.pk}/umfrage/"


def control(session) -> str:
    return f"/veranstaltungen/{session.pk}/umfrage/steuern/"


def test_the_moderator_opens_the_survey_and_sees_the_figures(client_for, moderator, session, join):
    client = client_for(moderator)
    assert "Die Befragung ist noch nicht geöffnet." in client.get(url(session)).content.decode()
    assert client.post(control(session), {"action": "open"}).status_code == 302
    survey = Survey.objects.get(session=session)
    for process, comment in ((5, "Sehr gut"), (4, ""), (4, "")):
        participant, _token = join(session)
        services.answer_submit(
            survey=survey, participant=participant, process=process, results=3, again=5, comment=comment
        )
    html = client.get(url(session)).content.decode()
    assert "3 Antworten bisher." in html
    assert "Mittelwert: 4,3 (1 = gar nicht, 5 = sehr)" in html and "Mittelwert: 3,0" in html
    assert "Sehr gut" in html and 'class="guide-help"' in html


def test_the_console_links_the_survey_with_its_state(client_for, moderator, session):
    client = client_for(moderator)
    html = client.get(f"/veranstaltungen/{session.pk}/").content.decode()
    assert f'href="{url(session)}"' in html and "noch nicht geöffnet" in html
    client.post(control(session), {"action": "open"})
    assert "offen, 0 Antworten" in client.get(f"/veranstaltungen/{session.pk}/").content.decode()


def test_closing_says_that_answers_are_no_longer_traceable(client_for, moderator, session, join):
    client = client_for(moderator)
    client.post(control(session), {"action": "open"})
    participant, _token = join(session)
    services.answer_submit(survey=session.survey, participant=participant, process=3, results=3, again=3)
    response = client.post(control(session), {"action": "close"}, follow=True)
    html = response.content.decode()
    assert "Ihre Antworten lassen sich niemandem mehr zuordnen." in html and "Die Befragung wurde am" in html
    assert SurveyAnswer.objects.get().respondent_hash is None


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("explode", "Unbekannte Aktion."),
        ("close", "Diese Veranstaltung hat noch keine Befragung."),
    ],
)
def test_bad_control_input_answers_422_and_changes_nothing(client_for, moderator, session, action, message):
    response = client_for(moderator).post(control(session), {"action": action})
    assert response.status_code == 422 and message in response.content.decode()
    assert not Survey.objects.exists()


def test_reopening_a_closed_survey_is_refused(client_for, moderator, session):
    client = client_for(moderator)
    client.post(control(session), {"action": "open"})
    client.post(control(session), {"action": "close"})
    response = client.post(control(session), {"action": "open"})
    assert response.status_code == 422 and "kann nicht wieder geöffnet werden" in response.content.decode()
    assert Survey.objects.get().status == "closed"


def test_a_steering_member_reads_but_may_not_open(client_for, steering_member, session):
    client = client_for(steering_member)
    html = client.get(url(session)).content.decode()
    assert "Befragung öffnen" not in html
    assert client.post(control(session), {"action": "open"}).status_code == 403
    assert not Survey.objects.exists()


def test_another_municipality_learns_nothing(client_for, outsider, session):
    client = client_for(outsider)
    assert client.get(url(session)).status_code == 404
    assert client.post(control(session), {"action": "open"}).status_code == 404
    assert not Survey.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client, session):
    response = client.get(url(session))
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]
