"""The Steckbrief's satisfaction section takes the participants' answers when there are any, with a chart,
and says so; without answers it falls back to the organisers' estimate, and says that."""

import io

import pytest
from docx import Document

from dialogwerk.funding import documents
from dialogwerk.funding import services as funding_services
from dialogwerk.survey import services


@pytest.fixture
def survey(session, moderator):
    return services.survey_open(actor=moderator, session=session)


def _steckbrief_text(dialogue) -> tuple[str, int]:
    content = documents.render(documents.build("steckbrief", dialogue), "docx")
    docx = Document(io.BytesIO(content))
    text = (
        "\n".join(p.text for p in docx.paragraphs)
        + "\n"
        + "\n".join(cell.text for table in docx.tables for row in table.rows for cell in row.cells)
    )
    return text, len(docx.inline_shapes)


def test_the_steckbrief_uses_the_survey_when_there_are_answers(dialogue, consultant, session, survey, join):
    funding_services.steckbrief_save(
        actor=consultant, dialogue=dialogue, satisfaction_process=2, satisfaction_results=2
    )
    for process, results in ((5, 4), (4, 4), (3, 2)):
        participant, _token = join(session)
        services.answer_submit(survey=survey, participant=participant, process=process, results=results, again=5)
    text, images = _steckbrief_text(dialogue)
    assert "Aus der Kurzbefragung der Teilnehmenden" in text
    assert "4,0" in text and "3,3" in text and "5,0" in text  # means: process, results, would take part again
    assert images >= 1  # the chart


def test_without_answers_the_steckbrief_falls_back_to_the_estimate(dialogue, consultant, session, survey):
    funding_services.steckbrief_save(
        actor=consultant, dialogue=dialogue, satisfaction_process=4, satisfaction_results=3
    )
    text, images = _steckbrief_text(dialogue)
    assert "Einschätzung der Veranstalter (keine Befragung der Teilnehmenden)" in text and images >= 1


def test_answers_still_count_after_the_survey_closed(dialogue, session, survey, join, moderator):
    participant, _token = join(session)
    services.answer_submit(survey=survey, participant=participant, process=5, results=5, again=5)
    services.survey_close(actor=moderator, survey=survey)
    text, _images = _steckbrief_text(dialogue)
    assert "Aus der Kurzbefragung der Teilnehmenden" in text


def test_the_steckbrief_page_says_which_source_it_uses(client_for, consultant, dialogue, session, survey, join):
    url = f"/dialoge/{dialogue.pk}/foerderung/steckbrief/"
    client = client_for(consultant)
    assert "noch niemand die Kurzbefragung beantwortet" in client.get(url).content.decode()
    participant, _token = join(session)
    services.answer_submit(survey=survey, participant=participant, process=4, results=4, again=4)
    assert "die Befragung der Teilnehmenden hat 1 Antwort" in client.get(url).content.decode()
