"""The catalogue of measures (Maßnahmenkatalog), its history, the Begleitkreis, progress reports,
reminders, public responses (Stellungnahmen) and the translated summary of results."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dialogwerk.core.background_read import BackgroundRead
from dialogwerk.dialogues.models import Dialogue, Theme
from dialogwerk.live.models import Contribution
from dialogwerk.synthesis.models import Cluster, Decision, WorkingGroup


class Status(models.TextChoices):
    # With a context, so that other apps' "In progress" (e.g. a project task's) cannot change our wording.
    PLANNED = "planned", pgettext_lazy("measure status", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("measure status", "In progress")
    DONE = "done", pgettext_lazy("measure status", "Done")
    PAUSED = "paused", pgettext_lazy("measure status", "Paused")
    DROPPED = "dropped", pgettext_lazy("measure status", "Dropped")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


def measure_code(number: int | None) -> str:
    """How a measure is cited: M-01 … M-99, M-100 …"""
    return f"M-{number:02d}" if number else ""


def next_number(dialogue_id: int) -> int:
    """The number the dialogue's next measure gets: one more than the highest it has."""
    from django.db.models import Max

    highest = Measure.objects.filter(dialogue_id=dialogue_id).aggregate(highest=Max("number"))["highest"] or 0
    return highest + 1


class Measure(models.Model):
    """A Maßnahme of the catalogue: what, why, who, until when, how far — and where it came from."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="measures")
    # Its number in the dialogue's catalogue (M-01, M-02 …): given when it is made and never changed, so that a
    # council and its minutes can cite it (only the number of a deleted last measure is given again).
    number = models.PositiveIntegerField(_("number"), blank=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="measures", verbose_name=_("theme")
    )
    goal = models.TextField(
        _("goal"), blank=True, help_text=_("Specific and realistic: what will be different when it is done?")
    )
    indicator = models.CharField(
        _("indicator"), max_length=300, blank=True, help_text=_("Measurable: how will we see that the goal is reached?")
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.SET_NULL, null=True, blank=True, related_name="measures", verbose_name=_("decision")
    )
    clusters = models.ManyToManyField(Cluster, blank=True, related_name="measures", verbose_name=_("clusters"))
    contributions = models.ManyToManyField(Contribution, blank=True, related_name="measures", verbose_name=_("cards"))
    responsible_person = models.CharField(
        _("responsible person"), max_length=200, blank=True, help_text=_("Assignable: one named person.")
    )
    responsible_email = models.EmailField(
        _("e-mail of the responsible person"), blank=True, help_text=_("Reminders go to this address.")
    )
    responsible_organisation = models.CharField(_("responsible organisation"), max_length=200, blank=True)
    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("working group"),
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True, help_text=_("Time-related: by when?"))
    cost_estimate = models.DecimalField(
        _("cost estimate (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    public = models.BooleanField(
        _("show on the public status page"),
        default=False,
        help_text=_("Only the title, theme, organisation, status, progress and last update are shown."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["due_on", "title", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="measures_progress_at_most_100"),
            models.CheckConstraint(
                condition=models.Q(due_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(due_on__gte=models.F("starts_on")),
                name="measures_due_after_start",
            ),
            models.UniqueConstraint(fields=["dialogue", "number"], name="measures_one_number_per_dialogue"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.number is None:
            with transaction.atomic():
                # The dialogue's row is locked, so two measures made at once do not get the same number.
                Dialogue.objects.select_for_update().filter(pk=self.dialogue_id).exists()
                self.number = next_number(self.dialogue_id)
                super().save(*args, **kwargs)
            return
        super().save(*args, **kwargs)

    @property
    def code(self) -> str:
        return measure_code(self.number)

    @property
    def municipality(self):
        return self.dialogue.municipality

    @property
    def owner_label(self) -> str:
        return (
            self.responsible_person
            or self.responsible_organisation
            or (self.working_group.name if self.working_group_id else "")
        )

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.starts_on and self.due_on and self.due_on < self.starts_on:
            raise ValidationError({"due_on": _("The due date cannot be before the start.")})
        if self.theme_id and self.theme.dialogue_id != self.dialogue_id:
            raise ValidationError({"theme": _("Choose a theme of this dialogue.")})


class MeasureChange(models.Model):
    """One entry of a measure's history: who changed which fields from what to what."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    actor_label = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=40, blank=True)  # form, bulk, import, progress
    changes = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class SteeringGroup(models.Model):
    """The Begleitkreis of a dialogue, with its reminder settings."""

    dialogue = models.OneToOneField(Dialogue, on_delete=models.CASCADE, related_name="steering_group")
    name = models.CharField(_("name"), max_length=200, default="Begleitkreis")
    reminders_enabled = models.BooleanField(_("send reminders by e-mail"), default=True)
    remind_days_before_due = models.PositiveSmallIntegerField(
        _("remind this many days before the due date"), default=14, validators=[MaxValueValidator(365)]
    )
    stale_after_days = models.PositiveSmallIntegerField(
        _("remind when there was no progress report for this many days"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    check_back_after_days = models.PositiveSmallIntegerField(
        _("check back with every owner this many days after the event"),
        default=28,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )

    class Meta:
        verbose_name = _("steering group")
        verbose_name_plural = _("steering groups")

    def __str__(self) -> str:
        return self.name


class SteeringRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    COORDINATION = "coordination", _("Coordination")
    MEMBER = "member", _("Member")


class SteeringMember(models.Model):
    steering_group = models.ForeignKey(SteeringGroup, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=SteeringRole.choices, default=SteeringRole.MEMBER)

    class Meta:
        verbose_name = _("steering-group member")
        verbose_name_plural = _("steering-group members")
        ordering = ["role", "name"]

    def __str__(self) -> str:
        return self.name


class ProgressUpdate(models.Model):
    """A Sachstand: a dated report on a measure, with the status and progress it reports."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="updates")
    reported_on = models.DateField(_("date"))
    text = models.TextField(_("what happened"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A report through a personal link (an owner without an account): the link, and the name it was made for.
    owner_link = models.ForeignKey(
        "OwnerLink", on_delete=models.SET_NULL, null=True, blank=True, related_name="updates"
    )
    reporter_name = models.CharField(_("reported by"), max_length=200, blank=True)
    # The form's one-time key on the owner's page: the same report sent twice (a double tap, a reload) is kept once.
    submit_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-reported_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="measures_update_progress_at_most_100"),
            models.UniqueConstraint(
                fields=["owner_link", "submit_key"],
                condition=~models.Q(submit_key=""),
                name="measures_update_once_per_link_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reported_on}: {self.text[:60]}"


def new_owner_token() -> str:
    return secrets.token_urlsafe(32)


class OwnerLink(models.Model):
    """A personal link for a measure's owner who has no account (a church, an association, the Jobcenter):
    it opens one page only, where they read the measure and post a progress report. It expires, and staff
    can revoke it and send a new one. Like the RSVP link, the token is kept so that reminders can carry it."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="owner_links")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_owner_token, editable=False)
    expires_on = models.DateField(_("valid until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("personal link for the owner")
        verbose_name_plural = _("personal links for owners")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.measure})"

    def is_active(self, today) -> bool:
        return self.revoked_at is None and today <= self.expires_on


def attachment_path(instance: "ProgressAttachment", filename: str) -> str:
    return f"measures/{instance.update.measure_id}/{filename}"


class ProgressAttachment(models.Model):
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("attachment"), upload_to=attachment_path)

    def __str__(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("due soon")
    OVERDUE = "overdue", _("overdue")
    STALE = "stale", _("no progress report")
    CHECK_BACK = "check_back", _("check back after the event")


class SentReminder(models.Model):
    """A reminder that was sent; the unique key makes sure two workers never send the same one twice."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    key = models.CharField(max_length=40)  # what the reminder is about, e.g. the due date it reminds of
    recipient = models.EmailField()
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "kind", "key", "recipient"], name="measures_reminder_once"),
        ]


class ReminderRecipient(models.Model):
    """Someone who receives reminders in a municipality, known by address: the token of the link in every
    reminder lets them pause reminders (and switch them on again) without an account."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    token = models.CharField(max_length=64, unique=True, default=new_owner_token, editable=False)
    paused_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reminder recipient")
        verbose_name_plural = _("reminder recipients")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "email"], name="measures_reminder_recipient_once")
        ]

    def __str__(self) -> str:
        return self.email


class Speaker(models.TextChoices):
    MAYOR = "mayor", _("Mayor")
    COUNCIL = "council", _("Municipal council")
    ADMINISTRATION = "administration", _("Administration")


class Statement(models.Model):
    """A Stellungnahme: the municipality's public response to an adopted result."""

    measure = models.OneToOneField(Measure, on_delete=models.CASCADE, related_name="statement")
    speaker = models.CharField(_("who responds"), max_length=20, choices=Speaker.choices, default=Speaker.COUNCIL)
    text = models.TextField(_("response"))
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("public response")
        verbose_name_plural = _("public responses")

    def __str__(self) -> str:
        return self.text[:60]


class ResultSummary(models.Model):
    """The short summary of results in one language; German is the original, others are translations."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="result_summaries")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    text = models.TextField(_("summary"))
    translator = models.CharField(_("translated by"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("summary of results")
        verbose_name_plural = _("summaries of results")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "language"], name="measures_one_summary_per_language"),
        ]


class CatalogueImport(BackgroundRead):
    """An uploaded catalogue: read by the worker, then waiting for its preview to be confirmed; applied all
    at once or not at all."""

    reader = "dialogwerk.measures.tabular.read_upload"

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="catalogue_imports")
    format = models.CharField(max_length=20, blank=True)
    rows = models.JSONField(default=list)  # the raw cells of each row, as text, keyed by our column names
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class ResultsSubscription(models.Model):
    """A participant (or anyone with the event's code) who wants to hear by e-mail when the results of the
    dialogue are published or change: a separate consent, confirmed through a link in a first mail (double
    opt-in), told in their language, and gone for good when they stop it."""

    NOTICE_VERSION = "2026-12"  # of the consent text on the page; bump it when the wording changes

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="results_subscriptions")
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    token = models.CharField(max_length=64, unique=True, default=new_owner_token, editable=False)
    consented_at = models.DateTimeField(_("agreed at"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # The status page's fingerprint when they were last told (or confirmed): a new one means news.
    told_fingerprint = models.CharField(max_length=64, blank=True)
    told_at = models.DateTimeField(_("last told at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("results subscription")
        verbose_name_plural = _("results subscriptions")
        constraints = [models.UniqueConstraint(fields=["dialogue", "email"], name="measures_results_subscription_once")]

    def __str__(self) -> str:
        return self.email
