"""A table plan (Tischplan) of a live session: the people to seat, who sits where in each round, table themes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dialogwerk.dialogues.models import Theme
from dialogwerk.live.models import Participant, Session

MAX_ROUNDS = 8
MAX_TABLES = 60
MAX_PEOPLE = 400
NAME_MAX_LENGTH = 120
PERSPECTIVE_MAX_LENGTH = 80


class PlanStatus(models.TextChoices):
    CURRENT = "current", _("Current")
    SUPERSEDED = "superseded", _("Replaced by a newer plan")


class SeatingPlan(models.Model):
    """Who sits at which table in which round of a session, with the planner's figures."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="seating_plans")
    rounds = models.PositiveSmallIntegerField(_("rounds"))
    table_count = models.PositiveSmallIntegerField(_("tables"))
    table_size = models.PositiveSmallIntegerField(_("people per table"))
    distinct_tables = models.BooleanField(_("each person visits a different table in every round"), default=True)
    seed = models.PositiveIntegerField(_("seed"), default=0)
    repeat_pairs = models.PositiveIntegerField(default=0)
    lower_bound = models.PositiveIntegerField(default=0)
    hard_violations = models.PositiveIntegerField(default=0)
    over_represented_tables = models.PositiveIntegerField(default=0)
    min_distinct_groups = models.PositiveIntegerField(null=True, blank=True)
    # Rounds before this one were kept by the last re-plan (None: never re-planned).
    replanned_from_round = models.PositiveSmallIntegerField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)
    status = models.CharField(_("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.CURRENT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("table plan")
        verbose_name_plural = _("table plans")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session"], condition=models.Q(status="current"), name="seating_one_current_plan_per_session"
            ),
            models.CheckConstraint(condition=models.Q(rounds__gte=1), name="seating_plan_rounds_positive"),
            models.CheckConstraint(condition=models.Q(table_count__gte=1), name="seating_plan_tables_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.session.title} ({self.created_at:%Y-%m-%d %H:%M})" if self.created_at else self.session.title

    @property
    def dialogue(self):
        return self.session.dialogue

    @property
    def municipality(self):
        return self.session.dialogue.municipality

    @property
    def provably_optimal(self) -> bool:
        return self.hard_violations == 0 and self.repeat_pairs == self.lower_bound

    @property
    def round_numbers(self) -> range:
        return range(1, self.rounds + 1)


class Source(models.TextChoices):
    PARTICIPANT = "participant", _("Joined the live session")
    INVITATION = "invitation", _("Accepted the invitation")
    REGISTRATION = "registration", _("Registered on the public page")
    MANUAL = "manual", _("Entered by hand")
    LATE = "late", _("Arrived late")


class SeatingPerson(models.Model):
    """Someone to seat: a joined participant, an invited actor who accepted, or a name typed in."""

    plan = models.ForeignKey(SeatingPlan, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    perspective = models.CharField(_("perspective"), max_length=PERSPECTIVE_MAX_LENGTH, blank=True)
    participant = models.ForeignKey(Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="seats")
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.MANUAL)
    is_host = models.BooleanField(_("table host"), default=False)
    host_table = models.PositiveSmallIntegerField(_("hosts table"), null=True, blank=True)
    present = models.BooleanField(_("present"), default=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("person to seat")
        verbose_name_plural = _("people to seat")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_host=False) | models.Q(host_table__isnull=False), name="seating_host_has_table"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SeatingAssignment(models.Model):
    """One person at one table in one round (round_index from 0, table_number from 1)."""

    plan = models.ForeignKey(SeatingPlan, on_delete=models.CASCADE, related_name="assignments")
    person = models.ForeignKey(SeatingPerson, on_delete=models.CASCADE, related_name="assignments")
    round_index = models.PositiveSmallIntegerField()
    table_number = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["round_index", "table_number", "person__position", "person_id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "round_index"], name="seating_one_seat_per_round"),
        ]
        indexes = [models.Index(fields=["plan", "round_index"])]

    @property
    def round_number(self) -> int:
        return self.round_index + 1


class TableTheme(models.Model):
    """The theme of one table of a plan: from the session's tables (the agenda) or set by hand."""

    plan = models.ForeignKey(SeatingPlan, on_delete=models.CASCADE, related_name="table_themes")
    table_number = models.PositiveSmallIntegerField()
    theme = models.ForeignKey(Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("table theme")
        verbose_name_plural = _("table themes")
        ordering = ["table_number"]
        constraints = [models.UniqueConstraint(fields=["plan", "table_number"], name="seating_one_theme_per_table")]
