"""The demo's survey: answers in Musterstadt's closed session, else in DEMO42; loading twice adds nothing."""

from dialogwerk.core.demo import load_demo
from dialogwerk.survey.models import SurveyAnswer


def test_the_demo_has_survey_answers_and_loads_twice_without_duplicates(db):
    load_demo()
    count = SurveyAnswer.objects.count()
    assert count >= 5
    load_demo()
    assert SurveyAnswer.objects.count() == count
    assert SurveyAnswer.objects.first().survey.session.dialogue.municipality.name == "Musterstadt"
