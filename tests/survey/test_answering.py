"""A participant answers the short survey on the phone: once, changeable until it closes, without an account."""

import pytest
from django.core.exceptions import ValidationError

from dialogwerk.survey import selectors, services
from dialogwerk.survey.models import SurveyAnswer

ANSWER = {"process": "4", "results": "3", "again": "5", "comment": "Mehr Zeit an den Tischen"}


def url(session) -> str:
    return f"/j/{session.code}/umfrage/"


@pytest.fixture
def survey(session, moderator):
    return services.survey_open(actor=moderator, session=session)


def test_a_participant_answers_and_the_answer_counts_once(phone, session, survey):
    client = phone()
    response = client.post(url(session), ANSWER)
    assert response.status_code == 302 and response["Location"] == url(session)
    page = client.get(url(session)).content.decode()
    assert "Danke! Ihre Antwort wurde gespeichert." in page
    assert "Sie haben schon geantwortet." in page and 'value="4" id="id_process_3" required checked' in page
    client.post(url(session), ANSWER)
    assert SurveyAnswer.objects.filter(survey=survey).count() == 1


def test_a_participant_may_change_the_answer_while_the_survey_is_open(phone, session, survey):
    client = phone()
    client.post(url(session), ANSWER)
    client.post(url(session), {**ANSWER, "process": "1", "comment": ""})
    answer = SurveyAnswer.objects.get(survey=survey)
    assert (answer.process, answer.results, answer.again, answer.comment) == (1, 3, 5, "")


def test_two_participants_give_two_answers(phone, session, survey, join):
    phone().post(url(session), ANSWER)
    other, _token = join(session, "ar", "Omid")
    services.answer_submit(survey=survey, participant=other, process=2, results=2, again=2)
    figures = selectors.figures_of(survey=survey)
    assert figures.answers == 2 and figures.process.counts == (0, 1, 0, 1, 0) and figures.process.mean == 3.0


def test_the_answer_keeps_no_link_to_the_participant(phone, session, survey):
    client = phone(name="Amal Haddad")
    client.post(url(session), ANSWER)
    answer = SurveyAnswer.objects.get(survey=survey)
    participant = client.participant
    assert answer.respondent_hash and participant.token_hash not in answer.respondent_hash
    assert {f.name for f in SurveyAnswer._meta.get_fields()} == {
        "id",
        "survey",
        "respondent_hash",
        "process",
        "results",
        "again",
        "comment",
    }


def test_closing_erases_the_hashes_and_refuses_further_answers(phone, session, survey, moderator):
    client = phone()
    client.post(url(session), ANSWER)
    services.survey_close(actor=moderator, survey=survey)
    assert SurveyAnswer.objects.get(survey=survey).respondent_hash is None
    response = client.post(url(session), {**ANSWER, "process": "1"})
    assert response.status_code == 409
    assert "Die Befragung ist geschlossen." in response.content.decode()
    assert SurveyAnswer.objects.get(survey=survey).process == 4


def test_a_closed_survey_cannot_be_opened_again(session, survey, moderator):
    services.survey_close(actor=moderator, survey=survey)
    with pytest.raises(ValidationError):
        services.survey_open(actor=moderator, session=session)


@pytest.mark.parametrize("bad", [{"process": "6"}, {"results": ""}, {"again": "x"}, {"comment": "x" * 501}])
def test_bad_input_is_refused_with_a_message_and_nothing_is_stored(phone, session, survey, bad):
    response = phone().post(url(session), {**ANSWER, **bad})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Bitte wählen Sie eine Zahl von 1 bis 5." in html or "höchstens 500 Zeichen" in html
    assert not SurveyAnswer.objects.exists()


def test_someone_who_did_not_join_is_sent_to_the_join_page(client, session, survey):
    response = client.get(url(session))
    assert response.status_code == 302 and response["Location"] == f"/j/{session.code}/"
    client.cookies[f"dwlive_{session.code}"] = "not-a-token"
    assert client.post(url(session), ANSWER).status_code == 302
    assert not SurveyAnswer.objects.exists()


def test_a_participant_of_another_session_cannot_answer_here(client, session, survey, join, dialogue, moderator):
    from dialogwerk.live import services as live_services
    from dialogwerk.live.views import token_cookie

    other = live_services.session_create(actor=moderator, dialogue=dialogue, title="Zweiter Abend")
    _participant, token = join(other)
    client.cookies[token_cookie(session)] = token  # a token of another session under this session's name
    assert client.post(url(session), ANSWER).status_code == 302
    assert not SurveyAnswer.objects.exists()


def test_without_an_open_survey_the_page_says_so(phone, session):
    response = phone().get(url(session))
    assert (
        response.status_code == 200
        and "Für diese Veranstaltung gibt es noch keine Befragung." in response.content.decode()
    )
    assert phone().post(url(session), ANSWER).status_code == 409


@pytest.mark.parametrize(
    ("language", "text", "direction"),
    [
        ("ar", "استبيان قصير", "rtl"),
        ("fa", "نظرسنجی کوتاه", "rtl"),
        ("uk", "Коротке опитування", "ltr"),
        ("tr", "Kısa anket", "ltr"),
        ("ru", "Короткий опрос", "ltr"),
        ("en", "Short survey", "ltr"),
    ],
)
def test_the_page_speaks_the_participants_language(phone, session, survey, language, text, direction):
    html = phone(language=language).get(url(session)).content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html and text in html


def test_the_participant_page_links_the_open_survey(phone, session, moderator):
    client = phone()
    assert "/umfrage/" not in client.get(f"/j/{session.code}/live/").content.decode()
    services.survey_open(actor=moderator, session=session)
    html = client.get(f"/j/{session.code}/live/").content.decode()
    assert f'href="/j/{session.code}/umfrage/"' in html and "Kurze Befragung: Wie war die Veranstaltung?" in html
