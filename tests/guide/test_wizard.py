"""The start wizard: one page, creates the dialogue with themes, analysis, perspectives and project plan."""

import datetime

import pytest

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.preparation.models import AnalysisStatus, NeedsAnalysis

pytestmark = pytest.mark.django_db


def url(municipality) -> str:
    return f"/kommunen/{municipality.pk}/dialoge/assistent/"


def valid(municipality, /, **changes) -> dict:
    data = {
        "municipality": municipality.pk,
        "title": "Zusammenleben in Kommune A",
        "starts_on": (datetime.date.today() + datetime.timedelta(days=70)).isoformat(),
        "expected_participants": "60",
        "purpose": "Wir wollen wissen, was fehlt.",
        "themes": ["Bauen & Wohnen", "Ausbildung & Arbeit"],
        "extra_themes": "Gesundheit & Pflege\n\nGesundheit & Pflege",
    }
    data.update(changes)
    return data


def test_it_shows_the_wizard_to_a_consultant(client_for, consultant, municipality):
    response = client_for(consultant).get(url(municipality))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Neuen Flüchtlingsdialog anlegen" in html and 'name="themes"' in html


def test_it_creates_the_dialogue_with_everything_to_begin(client_for, consultant, municipality):
    response = client_for(consultant).post(url(municipality), valid(municipality))
    dialogue = Dialogue.objects.get(title="Zusammenleben in Kommune A")
    assert response.status_code == 302 and response.url == f"/dialoge/{dialogue.pk}/"
    assert list(dialogue.themes.values_list("name", flat=True)) == [
        "Bauen & Wohnen",
        "Ausbildung & Arbeit",
        "Gesundheit & Pflege",
    ]
    assert dialogue.themes.get(name="Bauen & Wohnen").key_question
    assert NeedsAnalysis.objects.get(dialogue=dialogue).status == AnalysisStatus.DRAFT
    assert dialogue.perspectives.count() == 10
    assert dialogue.project_tasks.count() >= 10
    assert dialogue.expected_participants == 60 and dialogue.ends_on == dialogue.starts_on


def test_it_refuses_a_moderator(client_for, moderator, municipality):
    assert client_for(moderator).get(url(municipality)).status_code == 403
    assert client_for(moderator).post(url(municipality), valid(municipality)).status_code == 403
    assert not Dialogue.objects.exists()


def test_an_outsider_gets_404(client_for, outsider, municipality):
    assert client_for(outsider).get(url(municipality)).status_code == 404


def test_it_refuses_a_municipality_the_user_does_not_plan_for(client_for, consultant, municipality, other_municipality):
    response = client_for(consultant).post(url(municipality), valid(municipality, municipality=other_municipality.pk))
    assert response.status_code == 422
    assert not Dialogue.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"title": ""},
        {"starts_on": ""},
        {"expected_participants": "0"},
        {"themes": [], "extra_themes": ""},
        {"themes": ["Erfundenes Thema"]},
        {"extra_themes": "x" * 121},
    ],
)
def test_bad_input_answers_422_and_stores_nothing(client_for, consultant, municipality, changes):
    response = client_for(consultant).post(url(municipality), valid(municipality, **changes))
    assert response.status_code == 422
    assert not Dialogue.objects.exists()
