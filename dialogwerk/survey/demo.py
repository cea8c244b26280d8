"""Demo part of the survey: a few answers in Musterstadt's last closed session, or else in DEMO42 (where the
survey stays open, so a visitor can answer too). Idempotent: only a session without a survey gets one."""

from dialogwerk.live.demo import DEMO_CODE
from dialogwerk.live.models import Session, Status

from . import services
from .models import Survey, SurveyAnswer

ANSWERS = [  # process, results, again, comment
    (5, 4, 5, "Gute Moderation, alle kamen zu Wort."),
    (4, 4, 5, ""),
    (4, 3, 4, "Mehr Zeit an den Tischen wäre gut."),
    (5, 5, 5, ""),
    (3, 3, 4, ""),
    (4, 2, 3, "Was passiert jetzt mit den Ergebnissen?"),
    (5, 4, 5, "شكراً على الترجمة"),
]


def load(context: dict) -> None:
    dialogue = context["dialogue"]
    moderator = context["users"]["moderator"]
    session = (
        dialogue.sessions.filter(status=Status.CLOSED).order_by("-created_at").first()
        or Session.objects.filter(code=DEMO_CODE).first()
    )
    if session is None or Survey.objects.filter(session=session).exists():
        return
    survey = services.survey_open(actor=moderator, session=session)
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(survey=survey, process=p, results=r, again=a, comment=c) for p, r, a, c in ANSWERS
    )
    if session.status == Status.CLOSED:
        services.survey_close(actor=moderator, survey=survey)
