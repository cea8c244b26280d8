"""Every change to the survey: open, close (erasing the hashes), and a participant's answer."""

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogwerk.live.models import Participant, Session
from dialogwerk.tenancy import audit
from dialogwerk.tenancy.models import AuditAction

from .models import COMMENT_MAX_LENGTH, SCALE, Survey, SurveyAnswer, SurveyStatus

QUESTIONS = ("process", "results", "again")


class SurveyClosed(Exception):
    """An answer to a survey that is not open (any more): HTTP 409."""


def respondent_hash(*, survey: Survey, participant: Participant) -> str:
    """A keyed hash of the participant's token hash: enough to recognise a second answer, useless once the
    participant is erased (their token hash is gone) and erased itself when the survey closes."""
    message = f"survey:{survey.pk}:{participant.token_hash}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


@transaction.atomic
def survey_open(*, actor, session: Session) -> Survey:
    """Open the session's survey. A closed survey stays closed: its hashes are gone, so it could no longer
    tell a second answer from a first one."""
    survey = Survey.objects.select_for_update().filter(session=session).first()
    if survey is not None:
        if not survey.is_open:
            raise ValidationError(_("This survey was closed. A closed survey cannot be opened again."))
        return survey
    survey = Survey.objects.create(session=session)
    audit.record(municipality=session.dialogue.municipality, actor=actor, action=AuditAction.CREATE, target=survey)
    return survey


@transaction.atomic
def survey_close(*, actor, survey: Survey) -> Survey:
    survey = Survey.objects.select_for_update().select_related("session__dialogue__municipality").get(pk=survey.pk)
    if not survey.is_open:
        return survey
    survey.status = SurveyStatus.CLOSED
    survey.closed_at = timezone.now()
    survey.save(update_fields=["status", "closed_at"])
    survey.answers.update(respondent_hash=None)  # from now on no answer can be told apart from another
    audit.record(
        municipality=survey.municipality,
        actor=actor,
        action=AuditAction.UPDATE,
        target=survey,
        changes={"status": [str(SurveyStatus.OPEN.label), str(SurveyStatus.CLOSED.label)]},
    )
    return survey


def _validated(*, process, results, again, comment: str) -> dict:
    errors = {}
    values = {}
    for name, value in (("process", process), ("results", results), ("again", again)):
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number not in SCALE:
            errors[name] = _("Please choose a number from 1 to 5.")
        values[name] = number
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        errors["comment"] = _("Please write at most %(max)s characters.") % {"max": COMMENT_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)
    return {**values, "comment": comment}


def answer_submit(
    *, survey: Survey, participant: Participant, process, results, again, comment: str = ""
) -> SurveyAnswer:
    """Save the participant's answer, or replace it if they answered before. Idempotent: sending the
    same form twice leaves one answer."""
    fields = _validated(process=process, results=results, again=again, comment=comment)
    if participant.session_id != survey.session_id:
        raise ValidationError(_("This answer belongs to another event."))
    key = respondent_hash(survey=survey, participant=participant)
    for _attempt in range(2):
        try:
            with transaction.atomic():
                locked = Survey.objects.select_for_update().get(pk=survey.pk)
                if not locked.is_open:
                    raise SurveyClosed
                answer = SurveyAnswer.objects.filter(survey=locked, respondent_hash=key).first()
                if answer is None:
                    answer = SurveyAnswer(survey=locked, respondent_hash=key)
                for name, value in fields.items():
                    setattr(answer, name, value)
                answer.full_clean(validate_constraints=False)
                answer.save()
                return answer
        except IntegrityError:
            continue  # a second request of the same participant inserted first: update that answer
    raise SurveyClosed
