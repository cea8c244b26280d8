"""The live event: Session (with its steps and tables), Participant, Contribution (card), DotVoting, Vote.

Every change participants and screens must see is also written as a LiveEvent in the same transaction, so
a screen that lost its connection can ask for everything after the last event it saw.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dialogwerk.dialogues.models import Dialogue, Theme

NOTICE_VERSION = "2026-1"  # bump when the consent notice on the join page changes
TEXT_MAX_LENGTH = 500
DISPLAY_NAME_MAX_LENGTH = 40


class Method(models.TextChoices):
    WORLD_CAFE = "world_cafe", _("World Café")
    FUTURE_WORKSHOP = "future_workshop", _("Future workshop")
    STEPS = "steps", _("List of steps")


class Status(models.TextChoices):
    OPEN = "open", _("Open, not started")
    RUNNING = "running", _("Running")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", pgettext_lazy("live session", "Closed")


class Session(models.Model):
    """A live event (Veranstaltung) of a dialogue, joined with a short code."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    code = models.CharField(_("join code"), max_length=12, unique=True)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices, default=Method.STEPS)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    current_step = models.PositiveIntegerField(default=0)
    # The timer: while running it ends at timer_ends_at; while paused, timer_remaining seconds are left.
    timer_ends_at = models.DateTimeField(null=True, blank=True)
    timer_remaining = models.PositiveIntegerField(null=True, blank=True)
    notice_version = models.CharField(max_length=20, default=NOTICE_VERSION)
    # The number of the session's last event. Raised inside each writing transaction, so that event numbers
    # are contiguous per session and a screen can tell that it missed one (see events.py).
    event_seq = models.PositiveBigIntegerField(default=0)
    # Phones get only some events (the step, votes opening and closing). The number of the last of those,
    # and the one before it (set by the same UPDATE): each phone event names its predecessor, so a phone can
    # tell a gap in its own stream from events that were never meant for it.
    phone_event_seq = models.PositiveBigIntegerField(default=0)
    phone_event_prev = models.PositiveBigIntegerField(default=0)
    # The languages the wall prints under each card that was written in another one ("de" by default: the
    # German translation under an Arabic card). Comma-separated codes of settings.LANGUAGES.
    wall_languages = models.CharField(_("languages on the wall"), max_length=40, default="de")
    # The door: the moderator can pause joining, and joins stop at a ceiling near the expected size (a
    # script with the join code cannot fill the room with fake participants). Empty: see join_ceiling.
    joining_paused = models.BooleanField(_("joining paused"), default=False)
    join_limit = models.PositiveIntegerField(_("at most this many participants"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.code})"

    @property
    def municipality(self):
        return self.dialogue.municipality

    @property
    def accepts_writes(self) -> bool:
        return self.status != Status.CLOSED

    @property
    def join_ceiling(self) -> int:
        """How many may join: the moderator's limit, or twice the dialogue's expected participants (at least
        100, so that a town hall fuller than planned is never turned away at the door)."""
        if self.join_limit:
            return self.join_limit
        return max(100, 2 * (self.dialogue.expected_participants or 0))

    @property
    def wall_language_codes(self) -> list[str]:
        return [code for code in self.wall_languages.split(",") if code]

    def remaining_seconds(self, now: datetime.datetime | None = None) -> int | None:
        if self.status == Status.PAUSED:
            return self.timer_remaining
        if self.timer_ends_at is None:
            return None
        return max(0, int((self.timer_ends_at - (now or timezone.now())).total_seconds()))


class StepKind(models.TextChoices):
    ROUND = "round", _("Round")
    PHASE = "phase", _("Phase")
    STEP = "step", _("Step")


class Step(models.Model):
    """A round (World Café), a phase (Zukunftswerkstatt) or an agenda step, in order."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=StepKind.choices, default=StepKind.STEP)
    title = models.CharField(_("title"), max_length=200)
    prompt = models.TextField(_("prompt"), blank=True)
    duration_minutes = models.PositiveIntegerField(_("minutes"), null=True, blank=True)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["session", "position"], name="live_step_position_unique")]

    def __str__(self) -> str:
        return self.title


class Table(models.Model):
    """A table of a World Café with its theme; flipchart photos and captured cards hang on it."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="tables")
    number = models.PositiveIntegerField()
    theme = models.ForeignKey(Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    host_name = models.CharField(_("table host"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["session", "number"], name="live_table_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}: {self.theme}" if self.theme else str(self.number)


class Participant(models.Model):
    """Someone in the room, without an account: known by a random token (stored hashed) in a cookie."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participants")
    token_hash = models.CharField(max_length=64, unique=True)
    display_name = models.CharField(_("display name"), max_length=DISPLAY_NAME_MAX_LENGTH, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="de")
    perspective = models.CharField(_("perspective"), max_length=80, blank=True)
    # The join page promises that the wall shows no name: only the participant's own choice lifts that.
    name_on_wall = models.BooleanField(_("name shown on the wall"), default=False)
    consented_at = models.DateTimeField()
    notice_version = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.display_name or f"#{self.pk}"


class Kind(models.TextChoices):
    SITUATION = "situation", _("Situation")
    FIELD_OF_ACTION = "field_of_action", _("Field of action")
    CONFLICT = "conflict", _("Field of conflict")
    IDEA = "idea", _("Idea")


class Contribution(models.Model):
    """A card: what someone said, of one kind and under one theme."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("theme"))
    table = models.ForeignKey(Table, on_delete=models.SET_NULL, null=True, blank=True, related_name="contributions")
    text = models.TextField(_("text"), max_length=TEXT_MAX_LENGTH)
    language = models.CharField(_("language"), max_length=8, blank=True)
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="contributions"
    )
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Made in the browser; a replay of the same write finds the card instead of making a second one.
    idempotency_key = models.CharField(max_length=64, blank=True)
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(_("reason"), max_length=300, blank=True)
    merged_into = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "idempotency_key"],
                condition=models.Q(participant__isnull=False) & ~models.Q(idempotency_key=""),
                name="live_contribution_key_unique_per_participant",
            ),
            models.UniqueConstraint(
                fields=["session", "author_user", "idempotency_key"],
                condition=models.Q(author_user__isnull=False) & ~models.Q(idempotency_key=""),
                name="live_contribution_key_unique_per_staff_author",
            ),
        ]
        indexes = [models.Index(fields=["session", "hidden"])]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def visible(self) -> bool:
        return not self.hidden and self.merged_into_id is None


class TranslationStatus(models.TextChoices):
    MACHINE = "machine", _("machine-translated")
    CHECKED = "checked", _("checked")
    # The card's original was edited after this translation was made: it waits to be checked again.
    OUTDATED = "outdated", _("original changed")


class ContributionTranslation(models.Model):
    """A card's text in another language, by an interpreter (Sprachmittlung) or by machine.

    The card keeps its own text and language; a translation never overwrites them. One per card and language.
    """

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    text = models.TextField(_("translation"), max_length=TEXT_MAX_LENGTH)
    status = models.CharField(_("status"), max_length=10, choices=TranslationStatus.choices)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("card translation")
        verbose_name_plural = _("card translations")
        ordering = ["contribution_id", "language"]
        constraints = [
            models.UniqueConstraint(fields=["contribution", "language"], name="live_translation_one_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.text[:60]}"

    @property
    def is_machine(self) -> bool:
        return self.status == TranslationStatus.MACHINE


class ContributionRevision(models.Model):
    """The card as it was before a moderator edited it."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="revisions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    theme = models.ForeignKey(Theme, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField()
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    edited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-edited_at", "-id"]


def photo_path(instance: "FlipchartPhoto", filename: str) -> str:
    return f"live/{instance.session_id}/flipcharts/{filename}"


class FlipchartPhoto(models.Model):
    """A photo of a table's flipchart, kept with the table's record."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="photos")
    table = models.ForeignKey(Table, on_delete=models.SET_NULL, null=True, blank=True, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=photo_path)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("flipchart photo")
        verbose_name_plural = _("flipchart photos")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.caption or self.image.name


class Visibility(models.TextChoices):
    LIVE = "live", _("Show the ranking live")
    AFTER_CLOSE = "after_close", _("Hide the ranking until the vote closes")


class Subject(models.TextChoices):
    CARDS = "cards", _("Cards")
    CLUSTERS = "clusters", _("Clusters")


class DotVoting(models.Model):
    """A Punktabfrage over chosen cards, or over all of the session's cards (cards added later join) — or
    over clusters (Bündel) of the dialogue: chosen ones, or all of them (`all_cards` then means all clusters)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="votings")
    title = models.CharField(_("question"), max_length=200)
    subject = models.CharField(_("vote on"), max_length=10, choices=Subject.choices, default=Subject.CARDS)
    all_cards = models.BooleanField(_("all cards of the session"), default=False)
    options = models.ManyToManyField(Contribution, blank=True, related_name="+")
    cluster_options = models.ManyToManyField("synthesis.Cluster", blank=True, related_name="+")
    budget = models.PositiveIntegerField(_("dots per participant"))
    stacking = models.BooleanField(_("several dots on one card"), default=False)
    visibility = models.CharField(max_length=12, choices=Visibility.choices, default=Visibility.LIVE)
    is_open = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("dot vote")
        verbose_name_plural = _("dot votes")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(budget__gte=1), name="live_dotvoting_budget_positive"),
            # One open vote per session: participants always know which vote their dots go to.
            models.UniqueConstraint(
                fields=["session"], condition=models.Q(is_open=True), name="live_one_open_vote_per_session"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def ranking_visible(self) -> bool:
        return self.visibility == Visibility.LIVE or not self.is_open

    @property
    def over_clusters(self) -> bool:
        return self.subject == Subject.CLUSTERS


class Vote(models.Model):
    """One dot. Taking it back marks it withdrawn (kept for the record).

    The budget is guarded by the database: an active dot occupies one of the participant's numbered slots
    (0 … budget-1, unique), so two racing requests cannot both take the last dot. Without stacking,
    `stack` is always 0 and (participant, card, stack) is unique; with stacking it equals the slot.
    A dot sits on a card, or in a vote over clusters on a cluster: exactly one of the two.
    """

    voting = models.ForeignKey(DotVoting, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, null=True, blank=True, related_name="votes"
    )
    # A dissolved cluster takes its dots with it (the vote over it is then void anyway).
    cluster = models.ForeignKey(
        "synthesis.Cluster", on_delete=models.CASCADE, null=True, blank=True, related_name="votes"
    )
    slot = models.PositiveIntegerField()
    stack = models.PositiveIntegerField(default=0)
    idempotency_key = models.CharField(max_length=64, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdraw_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dot")
        verbose_name_plural = _("dots")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["voting", "participant", "slot"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="live_vote_slot_unique",
            ),
            models.UniqueConstraint(
                fields=["voting", "participant", "contribution", "stack"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="live_vote_stack_unique",
            ),
            models.UniqueConstraint(
                fields=["voting", "participant", "cluster", "stack"],
                condition=models.Q(withdrawn_at__isnull=True, cluster__isnull=False),
                name="live_vote_cluster_stack_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(contribution__isnull=False, cluster__isnull=True)
                | models.Q(contribution__isnull=True, cluster__isnull=False),
                name="live_vote_card_or_cluster",
            ),
            models.UniqueConstraint(
                fields=["participant", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="live_vote_key_unique",
            ),
            models.UniqueConstraint(
                fields=["participant", "withdraw_key"],
                condition=~models.Q(withdraw_key=""),
                name="live_vote_withdraw_key_unique",
            ),
        ]
        indexes = [models.Index(fields=["voting", "withdrawn_at"])]


class LiveEvent(models.Model):
    """What changed in a session, in order: the wall replays these after a reconnect."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=40)
    payload = models.JSONField(default=dict)
    # For events that phones receive too: the number of the phone event before this one. Null: walls only.
    phone_prev = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session", "seq"]
        constraints = [models.UniqueConstraint(fields=["session", "seq"], name="live_event_seq_unique")]
