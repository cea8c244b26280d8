"""The method library (built-in and each municipality's own), and a dialogue's agenda (Ablaufplan)."""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dialogwerk.dialogues.models import Dialogue, Theme
from dialogwerk.tenancy.models import Municipality


class Goal(models.TextChoices):
    IDEAS = "ideas", _("Develop ideas")
    MANY_VOICES = "many_voices", _("Hear many voices and perspectives")
    CONFLICTS = "conflicts", _("Address worries and conflicts")
    MEASURES = "measures", _("Agree on concrete measures")
    INFORM = "inform", _("Inform and answer questions")
    ENGAGEMENT = "engagement", _("Spark engagement and self-organisation")


class Method(models.Model):
    """A participation method. Built-in ones have no municipality; consultants add their own."""

    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.CASCADE, related_name="methods"
    )
    key = models.SlugField(max_length=50, blank=True, help_text="stable key of a built-in method")
    name = models.CharField(_("name"), max_length=120)
    purpose = models.TextField(pgettext_lazy("method", "purpose"))
    group_size = models.CharField(_("group size"), max_length=200, blank=True)
    min_participants = models.PositiveIntegerField(_("fewest participants"), validators=[MinValueValidator(1)])
    max_participants = models.PositiveIntegerField(_("most participants"), validators=[MinValueValidator(1)])
    min_minutes = models.PositiveIntegerField(_("shortest duration (minutes)"), validators=[MinValueValidator(5)])
    max_minutes = models.PositiveIntegerField(
        _("longest duration (minutes)"), validators=[MaxValueValidator(60 * 24 * 4)]
    )
    steps = models.TextField(_("steps"), help_text=_("One step per line."))
    materials = models.TextField(_("materials"), blank=True)
    goals = models.JSONField(_("goals"), default=list, blank=True)

    class Meta:
        verbose_name = _("method")
        verbose_name_plural = _("methods")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_participants__gte=models.F("min_participants")), name="method_participants_range"
            ),
            models.CheckConstraint(
                condition=models.Q(max_minutes__gte=models.F("min_minutes")), name="method_minutes_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if self.min_participants and self.max_participants and self.max_participants < self.min_participants:
            errors["max_participants"] = _("The largest number cannot be below the smallest.")
        if self.min_minutes and self.max_minutes and self.max_minutes < self.min_minutes:
            errors["max_minutes"] = _("The longest duration cannot be below the shortest.")
        unknown = set(self.goals or []) - set(Goal.values)
        if unknown:
            errors["goals"] = _("Choose goals from the list.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_builtin(self) -> bool:
        return self.municipality_id is None

    @property
    def step_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

    @property
    def goal_labels(self) -> list[str]:
        return [Goal(goal).label for goal in self.goals if goal in Goal.values]


class Agenda(models.Model):
    """The timed plan of the event: when it starts, how long it may last."""

    dialogue = models.OneToOneField(Dialogue, on_delete=models.CASCADE, related_name="agenda")
    starts_at = models.TimeField(_("start"), default=datetime.time(16, 0))
    ends_at = models.TimeField(_("latest end"), default=datetime.time(21, 0))

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")

    def __str__(self) -> str:
        return str(self.dialogue)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be after the start.")})

    @property
    def available_minutes(self) -> int:
        return (self.ends_at.hour * 60 + self.ends_at.minute) - (self.starts_at.hour * 60 + self.starts_at.minute)


class ItemKind(models.TextChoices):
    STEP = "step", _("Step")
    ROUND = "round", _("Round (e.g. World Café)")
    BREAK = "break", _("Break")


class AgendaItem(models.Model):
    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices, default=ItemKind.STEP)
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    method = models.ForeignKey(
        Method, verbose_name=_("method"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    method_step = models.CharField(_("method step"), max_length=200, blank=True)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    room_material = models.CharField(_("room and material"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


MAX_CAFE_TABLES = 60


class CafeTable(models.Model):
    """A table of a World-Café round in the agenda: its number, theme and host (Tischgastgeber/in).

    The table plan (seating) takes the tables, themes and hosts of a dialogue's first round item that has
    tables (see `selectors.cafe_tables`)."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="cafe_tables")
    number = models.PositiveIntegerField(
        _("table"), validators=[MinValueValidator(1), MaxValueValidator(MAX_CAFE_TABLES)]
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    host_name = models.CharField(_("table host"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("World Café table")
        verbose_name_plural = _("World Café tables")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["agenda_item", "number"], name="design_cafe_table_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.theme}" if self.theme_id else str(self.number)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.theme_id and self.agenda_item_id and self.theme.dialogue_id != self.agenda_item.agenda.dialogue_id:
            raise ValidationError({"theme": _("Choose one of the dialogue's themes.")})
