"""Funding: the programme (its limits as data), the application with its cost plan and deadlines, the
report on the use of funds (Verwendungsnachweis), the experience report (Steckbrief), and the funding
body that sees aggregate figures of the municipalities it covers."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dialogwerk.core.encrypted import EncryptedCharField
from dialogwerk.dialogues.models import Dialogue
from dialogwerk.tenancy.models import Municipality, State

from . import calc, iban

PROGRAMME_NAME = "Flüchtlingshilfe durch Bürgerschaftliches Engagement und Zivilgesellschaft"
FUNDER_NAME = "Landeszentrale für politische Bildung Baden-Württemberg"


def default_cap() -> Decimal:
    # The seed's programme paid up to 3,000 EUR per municipality; an operator may set another default.
    return Decimal(str(getattr(settings, "DIALOGWERK_FUNDING_CAP_DEFAULT", "3000.00")))


def _money(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name, max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))], **kwargs
    )


def _percent(verbose_name, default):
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=2,
        default=Decimal(default),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )


class FundingBody(models.Model):
    """A Förderstelle: sees aggregate figures of the municipalities it covers, never personal data."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    covers_state = models.CharField(
        _("covers every municipality of"),
        max_length=2,
        choices=State.choices,
        blank=True,
        help_text=_("Leave empty to cover only the municipalities listed."),
    )
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="funding_bodies", verbose_name=_("municipalities covered")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("funding body")
        verbose_name_plural = _("funding bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def covered_municipalities(self):
        query = models.Q(pk__in=self.municipalities.values("pk"))
        if self.covers_state:
            query |= models.Q(state=self.covers_state)
        return Municipality.objects.filter(query)


class FundingBodyMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="funding_body_memberships"
    )
    funding_body = models.ForeignKey(FundingBody, on_delete=models.CASCADE, related_name="memberships")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("funding-body membership")
        verbose_name_plural = _("funding-body memberships")
        constraints = [models.UniqueConstraint(fields=["user", "funding_body"], name="one_membership_per_funding_body")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.funding_body}"


class FundingProgramme(models.Model):
    """A funding programme with its limits. Settings as data: programmes change from year to year."""

    name = models.CharField(_("name"), max_length=200, default=PROGRAMME_NAME)
    funder = models.CharField(_("funded by"), max_length=200, default=FUNDER_NAME)
    funding_body = models.ForeignKey(
        FundingBody,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("funding body"),
    )
    state = models.CharField(_("state"), max_length=2, choices=State.choices, default=State.BW)
    cap_amount = _money(_("maximum amount per municipality (EUR)"), default=default_cap)
    min_own_share_percent = _percent(_("minimum own share (% of the costs)"), "0")
    max_funding_rate_percent = _percent(_("maximum funding rate (% of the costs)"), "100")
    deviation_threshold_percent = _percent(_("deviations above this percentage need an explanation"), "20")
    application_deadline = models.DateField(_("application deadline"), null=True, blank=True)
    report_due_weeks = models.PositiveIntegerField(
        _("report on the use of funds due (weeks after the dialogue)"),
        default=12,
        validators=[MaxValueValidator(104)],
    )
    review_due_weeks = models.PositiveIntegerField(
        _("the funding body answers an application or a report within (weeks)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    is_active = models.BooleanField(_("open for applications"), default=True)

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["-is_active", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def limits(self) -> calc.Limits:
        return calc.Limits(self.cap_amount, self.min_own_share_percent, self.max_funding_rate_percent)


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class FundingApplication(models.Model):
    """The Förderantrag of one dialogue."""

    dialogue = models.OneToOneField(Dialogue, on_delete=models.CASCADE, related_name="funding_application")
    programme = models.ForeignKey(
        FundingProgramme, on_delete=models.PROTECT, related_name="applications", verbose_name=_("funding programme")
    )
    # Applicant
    applicant = models.CharField(_("applicant (municipality)"), max_length=200)
    address = models.TextField(_("postal address"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    # Bank details: encrypted at rest (core/encrypted.py).
    account_holder = EncryptedCharField(_("account holder"), max_length=200, blank=True)
    iban = EncryptedCharField(_("IBAN"), max_length=34, blank=True)
    bic = EncryptedCharField(_("BIC"), max_length=11, blank=True)
    bank_name = EncryptedCharField(_("bank"), max_length=200, blank=True)
    # Project
    project_title = models.CharField(_("project title"), max_length=200)
    goals = models.TextField(_("goals"), blank=True)
    themes_text = models.TextField(_("themes"), blank=True)
    method = models.TextField(_("method and format"), blank=True)
    starts_on = models.DateField(_("project start"), null=True, blank=True)
    ends_on = models.DateField(_("project end"), null=True, blank=True)
    expected_participants = models.PositiveIntegerField(_("expected participants"), null=True, blank=True)
    partners = models.TextField(_("partners"), blank=True)
    # Money and decision
    own_share = _money(_("own share (EUR)"), default=Decimal("0"))
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    approved_amount = _money(_("approved amount (EUR)"), null=True, blank=True)
    decision_note = models.TextField(_("note on the decision"), blank=True)
    # The funding body that reviews the application in Dialogwerk, set when it is submitted here. Without
    # one (the funder does not use Dialogwerk) the municipality records the decision from the letter.
    funding_body = models.ForeignKey(
        FundingBody,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("reviewed by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("funding application")
        verbose_name_plural = _("funding applications")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="approved") | models.Q(approved_amount__isnull=False),
                name="funding_approved_has_amount",
            )
        ]

    def __str__(self) -> str:
        return self.project_title

    def clean(self) -> None:
        errors = {}
        if self.iban:
            self.iban = iban.normalise(self.iban)
            if not iban.is_valid(self.iban):
                errors["iban"] = _("This IBAN is not valid: please check it (the checksum does not match).")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The project cannot end before it starts.")
        if self.status == ApplicationStatus.APPROVED and self.approved_amount is None:
            errors["approved_amount"] = _("Enter the approved amount.")
        if errors:
            raise ValidationError(errors)

    @property
    def iban_masked(self) -> str:
        return iban.masked(self.iban) if self.iban else ""

    @property
    def iban_formatted(self) -> str:
        return iban.formatted(self.iban) if self.iban else ""

    def plan(self) -> calc.CostPlan:
        return calc.cost_plan(
            (line.planned_amount for line in self.cost_lines.all()),
            own_share=self.own_share,
            limits=self.programme.limits,
        )


class CostCategory(models.TextChoices):
    MODERATION = "moderation", _("Fees for moderation")
    CONSULTING = "consulting", _("Fees for consulting")
    VENUE = "venue", _("Venue")
    CATERING = "catering", _("Catering")
    INTERPRETERS = "interpreters", _("Interpreters")
    CHILDCARE = "childcare", _("Childcare")
    MATERIALS = "materials", _("Materials")
    DOCUMENTATION = "documentation", _("Documentation")
    OTHER = "other", _("Other costs")


class CostLine(models.Model):
    """One line of the cost plan, with what was actually spent once the dialogue is over."""

    application = models.ForeignKey(FundingApplication, on_delete=models.CASCADE, related_name="cost_lines")
    category = models.CharField(_("category"), max_length=20, choices=CostCategory.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    planned_amount = _money(_("planned (EUR)"))
    actual_amount = _money(_("actual (EUR)"), null=True, blank=True)
    deviation_note = models.TextField(_("reason for the deviation"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.description or self.get_category_display()

    @property
    def label(self) -> str:
        category = str(self.get_category_display())
        # "Dolmetschen: Dolmetschen Arabisch" reads as a stutter: a description that names its category stands alone.
        if not self.description or self.description.casefold().startswith(category.casefold()):
            return self.description or category
        return f"{category}: {self.description}"


def receipt_path(instance: "Receipt", filename: str) -> str:
    return f"funding/{instance.application_id}/receipts/{filename}"


class Receipt(models.Model):
    """A Beleg: proof of one payment, filed against a line of the cost plan for the Verwendungsnachweis."""

    application = models.ForeignKey(FundingApplication, on_delete=models.CASCADE, related_name="receipts")
    cost_line = models.ForeignKey(
        CostLine, on_delete=models.PROTECT, related_name="receipts", verbose_name=_("cost item")
    )
    description = models.CharField(_("what was paid"), max_length=200)
    amount = _money(_("amount (EUR)"))
    paid_on = models.DateField(_("paid on"))
    file = models.FileField(_("receipt"), upload_to=receipt_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["paid_on", "id"]

    def __str__(self) -> str:
        return self.description

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class Deadline(models.Model):
    """A date to keep in view: shown as a reminder until it is marked done. Most are the municipality's;
    those `for_funding_body` (decide on the application, check the report) are the funding body's."""

    application = models.ForeignKey(FundingApplication, on_delete=models.CASCADE, related_name="deadlines")
    title = models.CharField(_("what is due"), max_length=200)
    due_on = models.DateField(_("due on"))
    done = models.BooleanField(_("done"), default=False)
    for_funding_body = models.BooleanField(_("the funding body's"), default=False)
    # Set on the deadlines the application's steps bring (submit, decide, revise, report, check): the step
    # that keeps one marks it done. Empty on deadlines added by hand.
    step_key = models.CharField(max_length=20, blank=True, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["done", "due_on", "id"]

    def __str__(self) -> str:
        return self.title


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    CLOSED = "closed", _("Checked and closed")


class FundingReport(models.Model):
    """The Verwendungsnachweis: what was spent against the plan, what came out of it. Who came is the
    dialogue's `people_counted`, the figure every document shows."""

    application = models.OneToOneField(FundingApplication, on_delete=models.CASCADE, related_name="report")
    results_summary = models.TextField(
        _("results in short"), blank=True, help_text=_("Leave empty to use the summary of the documentation.")
    )
    remarks = models.TextField(_("further remarks"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("report on the use of funds")
        verbose_name_plural = _("reports on the use of funds")

    def __str__(self) -> str:
        return str(self.application)


class ReviewAction(models.TextChoices):
    SUBMITTED = "submitted", _("Application submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes to the application requested")
    APPROVED = "approved", _("Application approved")
    REJECTED = "rejected", _("Application rejected")
    REPORT_SUBMITTED = "report_submitted", _("Report on the use of funds submitted")
    REPORT_CHANGES_REQUESTED = "report_changes_requested", _("Changes to the report requested")
    REPORT_CLOSED = "report_closed", _("Report checked and closed")


class ReviewStep(models.Model):
    """One step between municipality and funding body, with its message: the history both sides read."""

    application = models.ForeignKey(FundingApplication, on_delete=models.CASCADE, related_name="review_steps")
    action = models.CharField(_("step"), max_length=30, choices=ReviewAction.choices)
    message = models.TextField(_("message"), blank=True)
    amount = _money(_("approved amount (EUR)"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    reply_by = models.DateField(_("reply by"), null=True, blank=True)
    funding_body = models.ForeignKey(
        FundingBody,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Set when the funding body took the step.",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.get_action_display()


class Steckbrief(models.Model):
    """What the experience report needs beyond the dialogue's data."""

    dialogue = models.OneToOneField(Dialogue, on_delete=models.CASCADE, related_name="steckbrief")
    region = models.CharField(
        _("administrative region"), max_length=200, blank=True, help_text=_("Regierungsbezirk, e.g. Stuttgart.")
    )
    contact = models.CharField(
        _("contact"),
        max_length=300,
        blank=True,
        help_text=_("Office, name and e-mail of the contact for other municipalities."),
    )
    goal = models.TextField(_("goal of the event"), blank=True)
    format = models.CharField(
        _("format"), max_length=200, blank=True, help_text=_("e.g. a full day, an evening, a mobile format.")
    )
    occasion = models.TextField(_("starting situation and occasion"), blank=True)
    consulting = models.TextField(_("consulting and moderation (who, which tasks)"), blank=True)
    satisfaction_process = models.PositiveSmallIntegerField(
        _("satisfaction with the process (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("Only used when there is no participant survey."),
    )
    satisfaction_results = models.PositiveSmallIntegerField(
        _("satisfaction with the results (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    satisfaction_note = models.TextField(_("on satisfaction"), blank=True)
    result_1 = models.TextField(_("important result 1 and next steps"), blank=True)
    result_2 = models.TextField(_("important result 2 and next steps"), blank=True)
    result_3 = models.TextField(_("important result 3 and next steps"), blank=True)
    recommendations = models.TextField(_("recommendations for other municipalities"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("experience report")
        verbose_name_plural = _("experience reports")

    def __str__(self) -> str:
        return str(self.dialogue)
