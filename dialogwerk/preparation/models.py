"""Preparation of a dialogue: needs analysis with key figures and existing measures, actors and their
perspectives, invitations with RSVP, and the project plan."""

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dialogwerk.core.background_read import BackgroundRead
from dialogwerk.dialogues.models import Dialogue, Theme
from dialogwerk.dialogues.perspectives import ParticipantPerspective

# Defaults from the issue; stored in German (the dialogue's language) when a dialogue first needs them.
DEFAULT_PERSPECTIVES = [
    _("Administration"),
    _("Council & politics"),
    _("Volunteers"),
    _("Refugees"),
    _("Neighbourhood & residents (including sceptical voices)"),
    _("Business & employers"),
    _("Schools & kindergartens"),
    _("Police & safety"),
    _("Churches & religious communities"),
    _("Welfare organisations"),
]


class AnalysisStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COMPLETE = "complete", _("Complete")


class NeedsAnalysis(models.Model):
    """The answers to the seed's five guiding questions for one dialogue."""

    dialogue = models.OneToOneField(Dialogue, on_delete=models.CASCADE, related_name="needs_analysis")
    situation = models.TextField(_("Where do we stand as a municipality on integration?"), blank=True)
    measures_summary = models.TextField(_("Which measures have we already taken?"), blank=True)
    themes_summary = models.TextField(_("Which topics must be discussed with the citizens on site?"), blank=True)
    actors_summary = models.TextField(_("Which actors should be involved?"), blank=True)
    design_summary = models.TextField(_("How can the dialogue be designed?"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=AnalysisStatus.choices, default=AnalysisStatus.DRAFT)
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    ANSWER_FIELDS = ("situation", "measures_summary", "themes_summary", "actors_summary", "design_summary")

    class Meta:
        verbose_name = _("needs analysis")
        verbose_name_plural = _("needs analyses")

    def __str__(self) -> str:
        return str(self.dialogue)

    @property
    def answered_count(self) -> int:
        return sum(1 for name in self.ANSWER_FIELDS if getattr(self, name).strip())


class KeyFigure(models.Model):
    """One dated number about the municipality's situation, with its source."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="key_figures")
    indicator = models.CharField(_("key figure"), max_length=120)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    as_of = models.DateField(_("as of"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["indicator", "-as_of"]
        constraints = [
            models.UniqueConstraint(
                fields=["dialogue", "indicator", "as_of"], name="one_figure_per_indicator_and_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.as_of:%d.%m.%Y})"


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    PAUSED = "paused", _("Paused")


class ExistingMeasure(models.Model):
    """A measure the municipality already takes; shown later beside the catalogue's new measures."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="existing_measures")
    title = models.CharField(_("title"), max_length=200)
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    since = models.DateField(_("since"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.RUNNING)

    class Meta:
        verbose_name = _("existing measure")
        verbose_name_plural = _("existing measures")
        ordering = ["theme__position", "title"]

    def __str__(self) -> str:
        return self.title


class Perspective(models.Model):
    """A Blickwinkel: a group of actors whose view the dialogue needs."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="perspectives")
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("perspective")
        verbose_name_plural = _("perspectives")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "name"], name="perspective_name_unique_per_dialogue"),
        ]

    def __str__(self) -> str:
        return self.name


class ActorKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    PERSON = "person", _("Person")


class Stance(models.TextChoices):
    UNKNOWN = "", _("unknown")
    SUPPORTIVE = "+", _("supportive (+)")
    NEUTRAL = "0", _("neutral (0)")
    CRITICAL = "-", _("critical (−)")


def _one_to_five(label):
    return models.PositiveSmallIntegerField(
        label, default=3, validators=[MinValueValidator(1), MaxValueValidator(5)], help_text=_("1 = low, 5 = high")
    )


class Actor(models.Model):
    """An organisation or person to involve in the dialogue."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="actors")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind.choices, default=ActorKind.ORGANISATION)
    perspective = models.ForeignKey(
        Perspective, verbose_name=_("perspective"), on_delete=models.PROTECT, related_name="actors"
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    consent = models.BooleanField(
        _("consent to be contacted"),
        default=False,
        help_text=_("Only contact details of people who agreed may be used for invitations (GDPR)."),
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes they can speak to"), blank=True, related_name="+")
    influence = _one_to_five(_("influence"))
    interest = _one_to_five(_("interest"))
    stance = models.CharField(_("current stance"), max_length=1, choices=Stance.choices, blank=True, default="")
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["perspective__position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(influence__gte=1, influence__lte=5), name="actor_influence_1_to_5"
            ),
            models.CheckConstraint(condition=models.Q(interest__gte=1, interest__lte=5), name="actor_interest_1_to_5"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def may_be_invited(self) -> bool:
        return bool(self.email) and self.consent


class StepFree(models.TextChoices):
    UNKNOWN = "unknown", _("Not known yet")
    YES = "yes", _("Yes, step-free throughout")
    PARTLY = "partly", _("Partly (see the notes)")
    NO = "no", _("No")


class EventDetails(models.Model):
    """Where the event takes place and what it offers: the facts invitations, the RSVP page and the
    calendar entry give. The date is the dialogue's, the times are the agenda's (one truth each); this page
    writes both through their own services."""

    dialogue = models.OneToOneField(Dialogue, on_delete=models.CASCADE, related_name="event_details")
    venue = models.CharField(_("venue"), max_length=200, help_text=_("E.g. “Bürgerhaus am Markt, großer Saal”."))
    address = models.TextField(
        _("address"), max_length=300, help_text=_("Street, postcode and town, as a navigation app finds it.")
    )
    rooms = models.CharField(
        _("rooms"), max_length=300, blank=True, help_text=_("E.g. “Saal 1 (plenary), rooms 2 and 3 (World Café)”.")
    )
    step_free = models.CharField(
        _("step-free access"), max_length=10, choices=StepFree.choices, default=StepFree.UNKNOWN
    )
    accessibility = models.TextField(
        _("more on accessibility"),
        max_length=1000,
        blank=True,
        help_text=_("E.g. accessible toilet, hearing loop, quiet room, parking for disabled people, nearest bus stop."),
    )
    childcare = models.BooleanField(_("childcare offered"), default=False)
    childcare_notes = models.CharField(
        _("about the childcare"), max_length=300, blank=True, help_text=_("E.g. ages, registration.")
    )
    # Codes of settings.LANGUAGES, comma-separated in their canonical order (languages.to_text without German).
    interpreter_languages = models.CharField(_("interpreters for"), max_length=100, blank=True)
    interpreter_other = models.CharField(
        _("interpreters for other languages"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Dari, Tigrinya, sign language."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_("How many people the venue holds; leave empty if there is no limit."),
    )
    registration_open = models.BooleanField(
        _("open registration on a public page"),
        default=False,
        help_text=_(
            "Anyone can then register on the event's public page, in their language; beyond the places, on a waiting list."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("event venue and details")
        verbose_name_plural = _("event venues and details")

    def __str__(self) -> str:
        return self.venue

    @property
    def interpreter_codes(self) -> list[str]:
        return [code for code in self.interpreter_languages.split(",") if code]


class RSVP(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    MAYBE = "maybe", _("Maybe")


def new_token() -> str:
    return secrets.token_urlsafe(32)


# A short code for letters, typed from paper: no 0/O, 1/I/L, 2/Z, 5/S, 8/B that people mistake for each other.
# 24 ** 8 ≈ 1.1e11 codes; the code page is rate-limited per IP address.
SHORT_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY3479"
SHORT_CODE_LENGTH = 8


def new_short_code() -> str:
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH))


def normalise_short_code(text: str) -> str:
    """As typed ("k7pm-3xc9 ", lower case, spaces, dashes) to the stored form ("K7PM3XC9")."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


class Channel(models.TextChoices):
    EMAIL = "email", _("by e-mail")
    LETTER = "letter", _("by letter")
    PERSONAL = "personal", _("in person or by phone")


class AnsweredVia(models.TextChoices):
    LINK = "link", _("through the personal link")
    PHONE = "phone", _("by phone")
    LETTER = "letter", _("by letter")
    IN_PERSON = "in_person", _("in person")


class Invitation(models.Model):
    """An invitation of one actor to the event, by e-mail, letter or in person; answered through a personal,
    unguessable link (or the short code of a letter), or entered by staff when the answer came by phone."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="invitations")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="invitations")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    status = models.CharField(_("answer"), max_length=20, choices=RSVP.choices, default=RSVP.PENDING)
    channel = models.CharField(_("invited"), max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    # Printed on letters with the QR code; set for every invitation made since letters exist.
    short_code = models.CharField(max_length=12, unique=True, null=True, blank=True, editable=False)
    answered_via = models.CharField(_("answered"), max_length=10, choices=AnsweredVia.choices, blank=True)
    needs = models.TextField(_("dietary or accessibility needs"), blank=True)
    language = models.CharField(_("preferred language"), max_length=10, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    expires_on = models.DateField()
    # Where the link points (scheme and host at sending time), so that reminders sent by the worker
    # carry the same link without a request.
    base_url = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["actor__perspective__position", "actor__name"]
        constraints = [models.UniqueConstraint(fields=["dialogue", "actor"], name="one_invitation_per_actor")]

    def __str__(self) -> str:
        return str(self.actor)

    def is_expired(self, today: datetime.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.expires_on

    @property
    def short_code_display(self) -> str:
        """ "K7PM-3XC9": two groups of four are easier to read out and type."""
        code = self.short_code or ""
        return f"{code[:4]}-{code[4:]}" if len(code) == SHORT_CODE_LENGTH else code


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")


class Registration(models.Model):
    """A citizen's own sign-up on the public event page, without an account: a place, or one on the waiting
    list. Cancelled registrations are deleted, not kept."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="registrations")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"), blank=True)
    perspective = models.CharField(_("perspective"), max_length=20, blank=True, choices=ParticipantPerspective.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="de")
    needs = models.TextField(_("needs"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    consented_at = models.DateTimeField()
    notice_version = models.CharField(max_length=20)
    # The site's address at registration, so that a mail sent later (moving up) carries the same link.
    base_url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), "dialogue", condition=~models.Q(email=""), name="one_registration_per_address"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", pgettext_lazy("task status", "Done")


class ProjectTask(models.Model):
    """A task or milestone of the preparation, with owner, due date and what it waits for."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="project_tasks")
    title = models.CharField(_("title"), max_length=200)
    # The default plan's step ("needs_analysis", "invitations" …): such a milestone ticks itself when the
    # work it stands for is done. Empty for tasks staff added.
    key = models.CharField(max_length=30, blank=True, editable=False)
    is_milestone = models.BooleanField(_("milestone"), default=False)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    depends_on = models.ManyToManyField(
        "self", verbose_name=_("depends on"), symmetrical=False, blank=True, related_name="blocks"
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("project task")
        verbose_name_plural = _("project tasks")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.status != TaskStatus.DONE and self.due_on < (today or timezone.localdate())


class TableKind(models.TextChoices):
    ACTORS = "actors", _("actors")
    FIGURES = "figures", _("key figures")


class TableImport(BackgroundRead):
    """An uploaded list of actors or key figures: read by the worker, then previewed and imported (and
    deleted with it), or not."""

    reader = "dialogwerk.preparation.services.table_import_read"

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="table_imports")
    kind = models.CharField(max_length=10, choices=TableKind.choices)
    table = models.JSONField(default=list)  # the header and the rows, as text

    class Meta:
        ordering = ["-created_at", "-id"]
