"""What happens to what was said: clusters (Bündel) of cards, decisions on them, and working groups."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dialogwerk.dialogues.models import Dialogue, Theme
from dialogwerk.live.models import Contribution, Session


class CardKind(models.TextChoices):
    """The kinds of card (the same values as live.Kind), so a cluster can be bundled per kind."""

    SITUATION = "situation", _("Situation")
    FIELD_OF_ACTION = "field_of_action", _("Field of action")
    CONFLICT = "conflict", _("Field of conflict")
    IDEA = "idea", _("Idea")


class Cluster(models.Model):
    """A Bündel: cards that say nearly the same, under one title, per theme and kind."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="clusters")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, null=True, blank=True, related_name="clusters")
    cards = models.ManyToManyField(Contribution, through="ClusterCard", related_name="clusters", blank=True)
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="clusters", verbose_name=_("theme")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CardKind.choices, blank=True)
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def municipality(self):
        return self.dialogue.municipality


class ClusterCard(models.Model):
    """A card's place in a cluster; a card is in at most one cluster (the database makes sure)."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="placements")
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="cluster_placements")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["contribution"], name="synthesis_card_in_one_cluster")]


class WorkingGroup(models.Model):
    """An Arbeitsgruppe to which a decision was bindingly delegated: mandate, members, deadline."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="working_groups")
    name = models.CharField(_("name"), max_length=200)
    mandate = models.TextField(_("mandate"), help_text=_("What the group is to work out and decide."))
    member_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="working_groups", verbose_name=_("members with an account")
    )
    member_names = models.TextField(
        _("further members"),
        blank=True,
        help_text=_("Actors or people without an account, one per line (e.g. “Caritas, Frau Yilmaz”)."),
    )
    convenor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("convenor"),
    )
    convenor_name = models.CharField(_("convenor (if without an account)"), max_length=200, blank=True)
    proposal_due_on = models.DateField(_("deadline for its proposal"))
    report = models.TextField(_("report"), blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["proposal_due_on", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def convenor_label(self) -> str:
        return str(self.convenor) if self.convenor else self.convenor_name

    @property
    def member_name_list(self) -> list[str]:
        return [line.strip() for line in self.member_names.splitlines() if line.strip()]


class WorkingGroupMeeting(models.Model):
    """A meeting of a working group and its minutes (Protokoll), as the convenor hands them in."""

    working_group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("held on"))
    attendees = models.TextField(_("who took part"), blank=True)
    minutes = models.TextField(_("minutes of the meeting"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting of a working group")
        verbose_name_plural = _("meetings of working groups")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.working_group} ({self.held_on:%Y-%m-%d})"


def new_link_token() -> str:
    return secrets.token_urlsafe(32)


class ConvenorLink(models.Model):
    """A personal link for a working group's convenor without an account (a Caritas worker, a teacher): it
    opens one page only, where they read the mandate, hand in the minutes of a meeting and report back with
    the group's proposals. It expires; staff can revoke it and make a new one."""

    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, related_name="convenor_links", verbose_name=_("working group")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_link_token, editable=False)
    expires_on = models.DateField(_("valid until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal link for the convenor")
        verbose_name_plural = _("personal links for convenors")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.working_group})"

    def is_active(self, today) -> bool:
        """Not revoked, not expired, and the group still works (a closed group takes no minutes)."""
        return self.revoked_at is None and today <= self.expires_on and self.working_group.closed_on is None


class WorkingGroupProposal(models.Model):
    """What a working group proposes when it reports back; it then goes through the decision step."""

    working_group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("proposal of a working group")
        verbose_name_plural = _("proposals of working groups")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")
    DELEGATED = "delegated", _("Delegated to a working group")


def decision_document_path(instance: "Decision", filename: str) -> str:
    return f"decisions/{instance.dialogue_id}/{filename}"


class Decision(models.Model):
    """An Entscheidung on a cluster, a single card or a working group's proposal."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="decisions")
    cluster = models.ForeignKey(
        Cluster, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions", verbose_name=_("cluster")
    )
    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("card"),
    )
    proposal = models.ForeignKey(
        WorkingGroupProposal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("proposal of a working group"),
    )
    title = models.CharField(_("what was decided"), max_length=200)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(pgettext_lazy("decision", "reason"), blank=True)
    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("working group"),
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField()
    # The body whose resolution makes it binding, and when it resolved (the record is written by staff).
    body = models.CharField(
        _("decided by which body"),
        max_length=200,
        blank=True,
        help_text=_("For example: “Gemeinderat, Sitzung vom 12. März 2027, TOP 7”."),
    )
    body_decided_on = models.DateField(_("date of the resolution"), null=True, blank=True)
    # The resolution as a file (e.g. the council's minutes): public with the decision on the status page.
    document = models.FileField(
        _("resolution document"),
        upload_to=decision_document_path,
        blank=True,
        help_text=_(
            "Optional: the resolution as PDF (or Word, OpenDocument). It is shown with "
            "the decision, also on the public status page."
        ),
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="rejected") | ~models.Q(reason=""),
                name="synthesis_rejection_has_a_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="delegated") | models.Q(working_group__isnull=False),
                name="synthesis_delegation_names_a_group",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def municipality(self):
        return self.dialogue.municipality

    @property
    def document_filename(self) -> str:
        return self.document.name.rsplit("/", 1)[-1]


class DecisionCorrection(models.Model):
    """A correction of a recorded decision: who changed what, when and why. The decision keeps its outcome
    (a different outcome is a new decision); its words, reason and deciding body can be corrected."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="corrections")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    actor_label = models.CharField(max_length=200, blank=True)
    note = models.TextField(_("why it was corrected"))
    changes = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("correction of a decision")
        verbose_name_plural = _("corrections of decisions")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.decision}: {self.note[:60]}"


class CardVector(models.Model):
    """A card's sentence vector (synthesis/embedding.py), computed once by the task worker after the card
    is written; the bundling suggestions and "cards like this one" read it instead of running the model."""

    contribution = models.OneToOneField(Contribution, on_delete=models.CASCADE, primary_key=True, related_name="vector")
    # Which model made it and of which wording: a vector of another model or of an edited text is not used.
    model = models.CharField(max_length=60)
    text_hash = models.CharField(max_length=16)
    vector = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.model}: {self.contribution_id}"


class SuggestionSet(models.Model):
    """The bundling suggestions the task worker last computed for the board under one set of filters
    (synthesis/suggestions.py): kept in the database, which the worker and every app process share."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=60)  # the board's filters: event, theme, kind
    # Which loose cards (as last changed) they were computed for; the board compares it with its own.
    digest = models.CharField(max_length=32, blank=True)
    # [{"card_ids": [...], "score": 0.5, "title": "...", "terms": [...]}, ...], the best first.
    suggestions = models.JSONField(default=list)
    computed_at = models.DateTimeField(null=True)
    # The last request, so that the board queues each computation once; a request the worker has not answered
    # within REQUEST_SECONDS (it may have been down) is queued again.
    REQUEST_SECONDS = 300
    requested_digest = models.CharField(max_length=32, blank=True)
    requested_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "scope"], name="synthesis_one_suggestion_set_per_scope")
        ]

    def __str__(self) -> str:
        return f"{self.dialogue_id} {self.scope}"
