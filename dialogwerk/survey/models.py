"""The participants' short survey at the end of a live session: how satisfied they are with the process
and the results, and whether they would take part again (1–5), plus an optional comment.

Answers are anonymous. An answer keeps only a keyed hash of the participant's token so that each
participant answers once (and may change the answer while the survey is open); closing the survey erases
the hashes, and erasing the session's participants (live_forget) already makes them unlinkable.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dialogwerk.live.models import Session

SCALE = range(1, 6)
COMMENT_MAX_LENGTH = 500


class SurveyStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", pgettext_lazy("survey", "Closed")


class Survey(models.Model):
    """The survey of one live session. Opened by the moderator; closed for good (closing erases the hashes)."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="survey")
    status = models.CharField(_("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.OPEN)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("participant survey")
        verbose_name_plural = _("participant surveys")

    def __str__(self) -> str:
        return str(self.session)

    @property
    def municipality(self):
        return self.session.dialogue.municipality

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN


def _rating(verbose_name):
    return models.PositiveSmallIntegerField(verbose_name, validators=[MinValueValidator(1), MaxValueValidator(5)])


class SurveyAnswer(models.Model):
    """One participant's answer. No link to the participant: only a hash, erased when the survey closes.
    No timestamps either, so an answer cannot be matched to a participant's other activity by time."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="answers")
    respondent_hash = models.CharField(max_length=64, null=True, blank=True, editable=False)
    process = _rating(_("satisfaction with the process"))
    results = _rating(_("satisfaction with the results"))
    again = _rating(_("would take part again"))
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            # NULLs are distinct: erased hashes never collide.
            models.UniqueConstraint(fields=["survey", "respondent_hash"], name="survey_one_answer_per_participant"),
            models.CheckConstraint(
                condition=Q(process__gte=1, process__lte=5, results__gte=1, results__lte=5, again__gte=1, again__lte=5),
                name="survey_ratings_on_the_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"
