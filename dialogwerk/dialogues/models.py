"""A Flüchtlingsdialog (Dialogue), its phase, its languages and its themes (Themenfelder)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dialogwerk.tenancy.models import Municipality

from . import languages


class Phase(models.TextChoices):
    PREPARATION = "preparation", _("Preparation")
    DIALOGUE = "dialogue", _("Dialogue")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Closed")


# The seed says themes vary with local conditions; every new dialogue starts with these. They are data in
# the dialogue's language (German), not UI text: stored as written, whatever the creator's UI language.
DEFAULT_THEMES = [
    ("Bauen & Wohnen", "Wo und wie werden die Neuankommenden wohnen, und was bedeutet das für die Nachbarschaft?"),
    ("Kindergarten & Schule", "Gibt es genug Plätze, und wie lernen Kinder gemeinsam?"),
    ("Ausbildung & Arbeit", "Wie finden Geflüchtete hier Ausbildung und Arbeit?"),
    ("Gemeinschaft & Nachbarschaft", "Wie lernen sich alte und neue Einwohnerinnen und Einwohner kennen?"),
    ("Infrastruktur & Sicherheit", "Was brauchen Verkehr, Versorgung und Sicherheit, damit sich alle zu Hause fühlen?"),
]


def validate_language_text(value: str) -> None:
    """The stored languages: offered codes, each once, German first (`languages.to_text` writes this form)."""
    codes = value.split(languages.SEPARATOR) if value else []
    unknown = languages.unknown_codes(codes)
    if unknown:
        raise ValidationError(
            _("“%(code)s” is not one of the offered languages."), code="unknown_language", params={"code": unknown[0]}
        )
    if not codes or codes[0] != languages.WORKING_LANGUAGE:
        raise ValidationError(
            _("German is the dialogue's working language and cannot be removed."), code="working_language"
        )
    if len(set(codes)) != len(codes):
        raise ValidationError(_("Each language may be chosen only once."), code="duplicate_language")


class Dialogue(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="dialogues")
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(
        _("purpose"),
        blank=True,
        help_text=_("In two or three sentences: why this dialogue, and what will happen to its results."),
    )
    starts_on = models.DateField(_("first event day"), null=True, blank=True)
    ends_on = models.DateField(_("last event day"), null=True, blank=True)
    expected_participants = models.PositiveIntegerField(_("expected participants"), null=True, blank=True)
    # The one attendance figure of every document: the people counted at the event (at the door, by the
    # table hosts). Phones registered in the live session are a separate figure (reports.sources).
    people_counted = models.PositiveIntegerField(
        _("people counted at the event"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100_000)],
        help_text=_("Everyone who came, with or without a phone. Leave empty until the event."),
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.PREPARATION)
    # Codes separated by commas ("de,ar,uk"): a CharField validates and filters the same on SQLite and
    # PostgreSQL (`languages_csv__contains="ar"`; every code has two letters). Read `language_codes`;
    # write with services.dialogue_set_languages.
    languages_csv = models.CharField(
        _("languages"), max_length=100, default=languages.WORKING_LANGUAGE, validators=[validate_language_text]
    )
    # Archived: kept with all its records, but out of the dashboards, the funding body's figures and the
    # reminders. Set and cleared with services.dialogue_archive / dialogue_unarchive.
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="dialogue_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(languages_csv=languages.WORKING_LANGUAGE)
                | models.Q(languages_csv__startswith=languages.WORKING_LANGUAGE + languages.SEPARATOR),
                name="dialogue_languages_start_with_german",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last event day cannot be before the first.")})

    @property
    def phase_index(self) -> int:
        return list(Phase.values).index(self.phase)

    @property
    def last_day(self) -> datetime.date | None:
        """The last event day (the first when the event is one day); None while the date is not fixed."""
        return self.ends_on or self.starts_on

    def date_passed_in_preparation(self, today: datetime.date) -> bool:
        """Still preparing, but the last event day is over: the date is wrong or the phase is behind."""
        return self.phase == Phase.PREPARATION and self.last_day is not None and self.last_day < today

    @property
    def language_codes(self) -> list[str]:
        """The dialogue's languages: "de" first, then the chosen others in the order of settings.LANGUAGES."""
        return languages.from_text(self.languages_csv)


class Theme(models.Model):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("name"), max_length=120)
    key_question = models.TextField(_("key question"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "name"], name="theme_name_unique_per_dialogue"),
        ]

    def __str__(self) -> str:
        return self.name
