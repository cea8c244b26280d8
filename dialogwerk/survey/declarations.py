"""The survey app's part in what spans apps (core/registry.py): the participants' short survey for the
documents."""

from dialogwerk.core import registry
from dialogwerk.core.document_parts import Survey
from dialogwerk.dialogues.models import Dialogue

from .models import SurveyAnswer


def survey(dialogue: Dialogue) -> Survey:
    """Answers of the short survey at the end of the dialogue's live sessions."""
    rows = list(
        SurveyAnswer.objects.filter(survey__session__dialogue=dialogue).values_list("process", "results", "again")
    )
    return Survey([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])


def declare() -> None:
    registry.document_sources.declare(app="survey", name="survey", part=survey)
