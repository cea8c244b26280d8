"""Reads for the survey: the session's survey, a participant's own answer, and the figures."""

from dataclasses import dataclass

from dialogwerk.live.models import Participant, Session

from . import tally
from .models import Survey, SurveyAnswer
from .services import respondent_hash


def survey_of(*, session: Session) -> Survey | None:
    return Survey.objects.filter(session=session).first()


def open_survey_of(*, session: Session) -> Survey | None:
    survey = survey_of(session=session)
    return survey if survey is not None and survey.is_open else None


def answer_of(*, survey: Survey, participant: Participant) -> SurveyAnswer | None:
    """The participant's own answer, while the survey is open (afterwards nobody can tell which it was)."""
    if not survey.is_open:
        return None
    return SurveyAnswer.objects.filter(
        survey=survey, respondent_hash=respondent_hash(survey=survey, participant=participant)
    ).first()


@dataclass(frozen=True)
class Figures:
    answers: int
    process: tally.Summary
    results: tally.Summary
    again: tally.Summary
    comments: list[str]


def _figures(answers) -> Figures:
    rows = list(answers.values_list("process", "results", "again", "comment"))
    return Figures(
        answers=len(rows),
        process=tally.summarise(r[0] for r in rows),
        results=tally.summarise(r[1] for r in rows),
        again=tally.summarise(r[2] for r in rows),
        comments=sorted(r[3] for r in rows if r[3]),  # sorted: the order of answering says nothing
    )


def figures_of(*, survey: Survey) -> Figures:
    return _figures(survey.answers.all())


def figures_for_dialogue(*, dialogue) -> Figures:
    """All answers of the dialogue's sessions together (the Steckbrief reports per dialogue)."""
    return _figures(SurveyAnswer.objects.filter(survey__session__dialogue=dialogue))
