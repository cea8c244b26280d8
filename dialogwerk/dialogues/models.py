"""A Flüchtlingsdialog (Dialogue), its phase and its themes (Themenfelder)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dialogwerk.tenancy.models import Municipality


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
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.PREPARATION)
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
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last event day cannot be before the first.")})

    @property
    def phase_index(self) -> int:
        return list(Phase.values).index(self.phase)


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
