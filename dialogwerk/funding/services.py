"""Every change to funding: programme, application, cost plan, status, deadlines, report, Steckbrief."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from dialogwerk.dialogues import services as dialogue_services
from dialogwerk.dialogues.models import Dialogue
from dialogwerk.tenancy import audit
from dialogwerk.tenancy.models import AuditAction
from dialogwerk.tenancy.services import user_get_or_create

from . import review
from .models import (
    ApplicationStatus,
    CostLine,
    Deadline,
    FundingApplication,
    FundingBody,
    FundingBodyMembership,
    FundingProgramme,
    FundingReport,
    ReportStatus,
    Steckbrief,
)

APPLICATION_FIELDS = (
    "programme",
    "applicant",
    "address",
    "contact_name",
    "contact_email",
    "contact_phone",
    "account_holder",
    "iban",
    "bic",
    "bank_name",
    "project_title",
    "goals",
    "themes_text",
    "method",
    "starts_on",
    "ends_on",
    "expected_participants",
    "partners",
    "own_share",
)
SENSITIVE = {"iban", "bic", "account_holder", "bank_name"}
PROGRAMME_FIELDS = (
    "name",
    "funder",
    "cap_amount",
    "min_own_share_percent",
    "max_funding_rate_percent",
    "deviation_threshold_percent",
    "application_deadline",
    "report_due_weeks",
    "review_due_weeks",
    "is_active",
)
STECKBRIEF_FIELDS = (
    "region",
    "contact",
    "goal",
    "format",
    "occasion",
    "consulting",
    "satisfaction_process",
    "satisfaction_results",
    "satisfaction_note",
    "result_1",
    "result_2",
    "result_3",
    "recommendations",
)


def bank_details_reencrypt() -> int:
    """Write every application's bank details again, encrypted with the newest key (after a key rotation,
    docs/deployment.md); returns how many applications."""
    count = 0
    for application in FundingApplication.objects.only("pk", *SENSITIVE).iterator():
        application.save(update_fields=sorted(SENSITIVE))
        count += 1
    return count


def _changes(before: dict, after: dict) -> dict:
    """Audit-log changes; bank details are logged as changed, never with their values."""
    changes = audit.diff({k: str(v) for k, v in before.items()}, {k: str(v) for k, v in after.items()})
    return {name: (["•••", "•••"] if name in SENSITIVE else pair) for name, pair in changes.items()}


def programme_default(*, state: str) -> FundingProgramme:
    """The state's active programme; the seed's programme (with the default cap) when there is none yet."""
    programme = FundingProgramme.objects.filter(state=state, is_active=True).order_by("pk").first()
    if programme is None:
        programme = FundingProgramme(state=state)
        programme.full_clean()
        programme.save()
    return programme


@transaction.atomic
def programme_update(*, actor, programme: FundingProgramme, **fields) -> FundingProgramme:
    unknown = set(fields) - set(PROGRAMME_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(programme, name, value)
    programme.full_clean()
    programme.save()
    return programme


def application_initial(*, dialogue: Dialogue) -> dict:
    """What an application can take over from the dialogue and the municipality."""
    municipality = dialogue.municipality
    return {
        "applicant": municipality.name,
        "project_title": dialogue.title,
        "goals": dialogue.purpose,
        "themes_text": "\n".join(dialogue.themes.order_by("position", "id").values_list("name", flat=True)),
        "starts_on": dialogue.starts_on,
        "ends_on": dialogue.ends_on,
        "expected_participants": dialogue.expected_participants,
        "account_holder": municipality.name,
    }


@transaction.atomic
def application_create(*, actor, dialogue: Dialogue, **fields) -> FundingApplication:
    unknown = set(fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    if FundingApplication.objects.filter(dialogue=dialogue).exists():
        raise ValidationError(_("This dialogue already has a funding application."))
    if not fields.get("programme"):
        fields["programme"] = programme_default(state=dialogue.municipality.state)
    application = FundingApplication(dialogue=dialogue, **fields)
    application.full_clean()
    application.save()
    _default_deadlines(application)
    audit.record(municipality=dialogue.municipality, actor=actor, action=AuditAction.CREATE, target=application)
    return application


def _default_deadlines(application: FundingApplication) -> None:
    programme = application.programme
    if programme.application_deadline:
        Deadline.objects.create(
            application=application,
            title=_("Submit the application"),
            due_on=programme.application_deadline,
            step_key="submit",
        )
    end = application.ends_on or application.dialogue.ends_on
    if end:
        Deadline.objects.create(
            application=application,
            title=_("Submit the report on the use of funds"),
            due_on=end + datetime.timedelta(weeks=programme.report_due_weeks),
            step_key="report",
        )


@transaction.atomic
def application_update(*, actor, application: FundingApplication, **fields) -> FundingApplication:
    unknown = set(fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    review.ensure_editable(application)
    before = {name: getattr(FundingApplication.objects.get(pk=application.pk), name) for name in fields}
    for name, value in fields.items():
        setattr(application, name, value)
    application.full_clean()
    application.save()
    changes = _changes(before, {name: getattr(application, name) for name in fields})
    if changes:
        audit.record(
            municipality=application.dialogue.municipality,
            actor=actor,
            action=AuditAction.UPDATE,
            target=application,
            changes=changes,
        )
    return application


@transaction.atomic
def application_set_status(
    *,
    actor,
    application: FundingApplication,
    status: str,
    submitted_on=None,
    decided_on=None,
    approved_amount: Decimal | None = None,
    decision_note: str = "",
) -> FundingApplication:
    body = review.reviewing_body(application)
    if body is not None:
        raise ValidationError(
            _("%(body)s decides on this application in Dialogwerk: submit it there instead of recording a decision.")
            % {"body": body.name}
        )
    if status == ApplicationStatus.CHANGES_REQUESTED:
        raise ValidationError({"status": _("Only the funding body requests changes.")})
    before = application.get_status_display()
    application.status = status
    application.submitted_on = submitted_on or application.submitted_on
    if status in {ApplicationStatus.APPROVED, ApplicationStatus.REJECTED}:
        application.decided_on = decided_on
    application.approved_amount = approved_amount if status == ApplicationStatus.APPROVED else None
    application.decision_note = decision_note
    if status == ApplicationStatus.APPROVED and approved_amount is not None:
        cap = application.programme.cap_amount
        if approved_amount > cap:
            raise ValidationError(
                {"approved_amount": _("The programme pays at most %(cap)s.") % {"cap": f"{cap:.2f} EUR"}}
            )
    application.full_clean()
    application.save()
    audit.record(
        municipality=application.dialogue.municipality,
        actor=actor,
        action=AuditAction.UPDATE,
        target=application,
        changes={"status": [before, application.get_status_display()]},
    )
    return application


@transaction.atomic
def cost_line_create(
    *, actor, application: FundingApplication, category: str, description: str = "", planned_amount: Decimal
) -> CostLine:
    review.ensure_editable(application)
    last = application.cost_lines.aggregate(last=Max("position"))["last"]
    line = CostLine(
        application=application,
        category=category,
        description=description,
        planned_amount=planned_amount,
        position=0 if last is None else last + 1,
    )
    line.full_clean()
    line.save()
    audit.record(
        municipality=application.dialogue.municipality,
        actor=actor,
        action=AuditAction.CREATE,
        target=line,
        changes={"planned_amount": ["", str(planned_amount)]},
    )
    return line


@transaction.atomic
def cost_line_update(*, actor, line: CostLine, **fields) -> CostLine:
    allowed = {"category", "description", "planned_amount", "actual_amount", "deviation_note"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    review.ensure_editable(line.application)
    before = {name: getattr(CostLine.objects.get(pk=line.pk), name) for name in fields}
    for name, value in fields.items():
        setattr(line, name, value)
    line.full_clean()
    line.save()
    changes = _changes(before, fields)
    if changes:
        audit.record(
            municipality=line.application.dialogue.municipality,
            actor=actor,
            action=AuditAction.UPDATE,
            target=line,
            changes=changes,
        )
    return line


@transaction.atomic
def cost_line_delete(*, actor, line: CostLine) -> None:
    review.ensure_editable(line.application)
    if line.receipts.exists():
        raise ValidationError(_("Receipts are filed against this cost item: remove them first."))
    audit.record(
        municipality=line.application.dialogue.municipality, actor=actor, action=AuditAction.DELETE, target=line
    )
    line.delete()


@transaction.atomic
def deadline_create(*, actor, application: FundingApplication, title: str, due_on: datetime.date) -> Deadline:
    deadline = Deadline(application=application, title=title, due_on=due_on)
    deadline.full_clean()
    deadline.save()
    return deadline


@transaction.atomic
def deadline_toggle(*, actor, deadline: Deadline) -> Deadline:
    deadline.done = not deadline.done
    deadline.save(update_fields=["done"])
    return deadline


@transaction.atomic
def report_save(
    *,
    actor,
    application: FundingApplication,
    actual_costs: dict[int, tuple[Decimal | None, str]],
    people_counted: int | None,
    results_summary: str,
    remarks: str,
    submitted: bool = False,
    submitted_on=None,
) -> FundingReport:
    """Save the report, the actual costs per cost line (line id -> (actual amount, reason)) and the people
    counted at the event (kept on the dialogue: every document shows that one figure)."""
    review.ensure_report_editable(application)
    if submitted and application.funding_body is not None:
        raise ValidationError(
            _("Submit the report to %(body)s with the button on the funding page.")
            % {"body": application.funding_body.name}
        )
    report, _created = FundingReport.objects.select_for_update().get_or_create(application=application)
    lines = {line.pk: line for line in application.cost_lines.all()}
    for line_id, (amount, note) in actual_costs.items():
        line = lines.get(line_id)
        if line is None:
            raise ValidationError(_("A cost line of another application was sent."))
        line.actual_amount, line.deviation_note = amount, note
        line.full_clean()
        line.save(update_fields=["actual_amount", "deviation_note"])
    if people_counted != application.dialogue.people_counted:
        dialogue_services.dialogue_count_people(actor=actor, dialogue=application.dialogue, count=people_counted)
    report.results_summary = results_summary
    report.remarks = remarks
    if submitted:
        report.status = ReportStatus.SUBMITTED
        report.submitted_on = submitted_on
    report.full_clean()
    report.save()
    audit.record(
        municipality=application.dialogue.municipality,
        actor=actor,
        action=AuditAction.UPDATE,
        target=report,
        changes={"status": ["", report.get_status_display()]},
    )
    return report


@transaction.atomic
def steckbrief_save(*, actor, dialogue: Dialogue, **fields) -> Steckbrief:
    unknown = set(fields) - set(STECKBRIEF_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    steckbrief, _created = Steckbrief.objects.select_for_update().get_or_create(dialogue=dialogue)
    for name, value in fields.items():
        setattr(steckbrief, name, value)
    steckbrief.full_clean()
    steckbrief.save()
    audit.record(municipality=dialogue.municipality, actor=actor, action=AuditAction.UPDATE, target=steckbrief)
    return steckbrief


@transaction.atomic
def funding_body_add_member(*, funding_body: FundingBody, user) -> FundingBodyMembership:
    membership, _created = FundingBodyMembership.objects.get_or_create(funding_body=funding_body, user=user)
    return membership


# --- funding bodies, set up by the platform's operators -------------------------------------------------


@transaction.atomic
def funding_body_save(
    *, actor, funding_body: FundingBody | None = None, name: str, covers_state: str = "", municipalities=()
) -> FundingBody:
    """Create a funding body or change it: its name and the municipalities it oversees (a state, a list)."""
    funding_body = funding_body or FundingBody()
    funding_body.name = (name or "").strip()
    funding_body.covers_state = covers_state or ""
    funding_body.full_clean()
    funding_body.save()
    funding_body.municipalities.set(municipalities)
    return funding_body


@transaction.atomic
def funding_body_invite(
    *, actor, funding_body: FundingBody, email: str, first_name: str = "", last_name: str = ""
) -> tuple[FundingBodyMembership, bool]:
    """Give a person access to the funding body's overview. Returns the membership and whether the account
    is new (it then needs the e-mail with the link to set a password)."""
    user, created = user_get_or_create(email=email, first_name=first_name, last_name=last_name)
    if FundingBodyMembership.objects.filter(funding_body=funding_body, user=user).exists():
        raise ValidationError({"email": _("This person already belongs to this funding body.")})
    return FundingBodyMembership.objects.create(funding_body=funding_body, user=user), created


@transaction.atomic
def funding_body_remove_member(*, actor, membership: FundingBodyMembership) -> None:
    membership.delete()
