"""The application's way between municipality and funding body, inside Dialogwerk.

municipality submits → funding body requests changes (the municipality revises and submits again),
approves with an amount and a date, or rejects with a reason → after the event the municipality files
receipts against the cost plan and submits the report on the use of funds → the funding body requests
changes to it or checks and closes it. Every step is a `ReviewStep` both sides read, an audit-log entry,
an e-mail to the other side, and a deadline for whoever has to act next (reminded by `reminders.py`).

A funder that does not use Dialogwerk decides by letter: then there is no reviewing funding body and the
municipality records the decision itself (`services.application_set_status`)."""

import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dialogwerk.tenancy import audit
from dialogwerk.tenancy.models import AuditAction

from . import calc, documents
from .models import (
    ApplicationStatus,
    Deadline,
    FundingApplication,
    FundingBody,
    FundingReport,
    Receipt,
    ReportStatus,
    ReviewAction,
    ReviewStep,
)
from .reminders import body_recipients, recipients_for

logger = logging.getLogger(__name__)

EDITABLE = {ApplicationStatus.DRAFT, ApplicationStatus.CHANGES_REQUESTED}
REPORT_EDITABLE = {ReportStatus.DRAFT, ReportStatus.CHANGES_REQUESTED}
REVISE_WEEKS = 4  # the municipality's time to revise, unless the funding body names a date


def reviewing_body(application: FundingApplication) -> FundingBody | None:
    """Who decides in Dialogwerk: the body it was submitted to; before that the programme's funding body, else
    a funding body that covers the municipality; None when the funder does not use Dialogwerk."""
    if application.funding_body_id:
        return application.funding_body
    if application.programme.funding_body_id:
        return application.programme.funding_body
    municipality = application.dialogue.municipality
    covering = Q(municipalities=municipality)
    if municipality.state:
        covering |= Q(covers_state=municipality.state)
    return FundingBody.objects.filter(covering).order_by("name", "pk").first()


def ensure_editable(application: FundingApplication) -> None:
    """The application and its cost plan change only while the municipality holds it (draft, changes
    requested) — or always when no funding body reviews it in Dialogwerk."""
    if application.status not in EDITABLE and application.funding_body_id:
        raise ValidationError(
            _("The application was submitted to %(body)s and can no longer be changed (status: %(status)s).")
            % {"body": application.funding_body.name, "status": application.get_status_display()}
        )


def _today() -> datetime.date:
    return timezone.localdate()


def _step(application, action, *, actor, message="", body=None, **fields) -> ReviewStep:
    step = ReviewStep.objects.create(
        application=application, action=action, message=message, actor=actor, funding_body=body, **fields
    )
    audit.record(
        municipality=application.dialogue.municipality,
        actor=actor,
        action=AuditAction.UPDATE,
        target=application,
        changes={"review": ["", str(step.get_action_display())]},
    )
    return step


def _keep(application, *keys: str) -> None:
    """Mark the deadlines that a step keeps as done."""
    application.deadlines.filter(step_key__in=keys, done=False).update(done=True)


def _deadline(application, *, title: str, due_on: datetime.date, for_funding_body: bool, key: str) -> None:
    Deadline.objects.create(
        application=application, title=title, due_on=due_on, for_funding_body=for_funding_body, step_key=key
    )


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValidationError(message)


def _change_request(message: str, reply_by: datetime.date | None) -> tuple[str, datetime.date]:
    """A funding body's request for changes: its message (required) and the date to reply by (default four weeks)."""
    message = (message or "").strip()
    _require(bool(message), _("Say what the municipality should change."))
    _require(reply_by is None or reply_by >= _today(), _("The date to reply by lies in the past."))
    return message, reply_by or _today() + datetime.timedelta(weeks=REVISE_WEEKS)


# --- the municipality's steps ---------------------------------------------------------------------------


@transaction.atomic
def application_submit(*, actor, application: FundingApplication) -> FundingApplication:
    application = FundingApplication.objects.select_for_update().get(pk=application.pk)
    _require(
        application.status in EDITABLE,
        _("Only a draft or an application with requested changes can be submitted (status: %(status)s).")
        % {"status": application.get_status_display()},
    )
    body = reviewing_body(application)
    _require(
        body is not None,
        _(
            "No funding body reviews this programme in Dialogwerk: send the application "
            "as PDF and record the decision from the letter below."
        ),
    )
    _require(application.cost_lines.exists(), _("Add at least one cost item before submitting."))
    plan = application.plan()
    _require(
        not plan.problems,
        " ".join(
            [_("The cost plan does not meet the programme's limits:"), *documents.problem_texts(application, plan)]
        ),
    )
    resubmission = application.status == ApplicationStatus.CHANGES_REQUESTED
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_on = _today()
    application.funding_body = body
    application.save(update_fields=["status", "submitted_on", "funding_body", "updated_at"])
    _keep(application, "submit", "revise")
    _deadline(
        application,
        title=_("Decide on the application"),
        for_funding_body=True,
        key="decide",
        due_on=_today() + datetime.timedelta(weeks=application.programme.review_due_weeks),
    )
    _step(
        application,
        ReviewAction.SUBMITTED,
        actor=actor,
        message=_("Submitted again with the requested changes.") if resubmission else "",
    )
    _notify(application, to_funding_body=True, action=ReviewAction.SUBMITTED)
    return application


# --- the funding body's steps ---------------------------------------------------------------------------


def _for_review(application: FundingApplication, body: FundingBody) -> FundingApplication:
    application = (
        FundingApplication.objects.select_for_update()
        .select_related("programme", "dialogue__municipality")
        .get(pk=application.pk)
    )
    if application.funding_body_id != body.pk:
        raise ValidationError(_("This application was not submitted to your funding body."))
    return application


@transaction.atomic
def application_request_changes(
    *, actor, body: FundingBody, application: FundingApplication, message: str, reply_by: datetime.date | None = None
) -> FundingApplication:
    application = _for_review(application, body)
    _require(
        application.status == ApplicationStatus.SUBMITTED,
        _("Changes can only be requested while the application is submitted (status: %(status)s).")
        % {"status": application.get_status_display()},
    )
    message, reply_by = _change_request(message, reply_by)
    application.status = ApplicationStatus.CHANGES_REQUESTED
    application.save(update_fields=["status", "updated_at"])
    _keep(application, "decide")
    _deadline(
        application,
        title=_("Revise the application and submit it again"),
        due_on=reply_by,
        for_funding_body=False,
        key="revise",
    )
    _step(application, ReviewAction.CHANGES_REQUESTED, actor=actor, body=body, message=message, reply_by=reply_by)
    _notify(application, to_funding_body=False, action=ReviewAction.CHANGES_REQUESTED)
    return application


@transaction.atomic
def application_approve(
    *,
    actor,
    body: FundingBody,
    application: FundingApplication,
    amount: Decimal,
    decided_on: datetime.date,
    message: str = "",
) -> FundingApplication:
    application = _for_review(application, body)
    _require(
        application.status == ApplicationStatus.SUBMITTED,
        _("Only a submitted application can be approved (status: %(status)s).")
        % {"status": application.get_status_display()},
    )
    cap = application.programme.cap_amount
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Enter the approved amount.")})
    if amount > cap:
        raise ValidationError({"amount": _("The programme pays at most %(cap)s.") % {"cap": calc.format_eur(cap)}})
    if decided_on is None or decided_on > _today():
        raise ValidationError({"decided_on": _("Enter the date of the decision (today or earlier).")})
    application.status = ApplicationStatus.APPROVED
    application.approved_amount = amount
    application.decided_on = decided_on
    application.decision_note = (message or "").strip()
    application.full_clean()
    application.save()
    _keep(application, "decide")
    _step(
        application,
        ReviewAction.APPROVED,
        actor=actor,
        body=body,
        message=application.decision_note,
        amount=amount,
        decided_on=decided_on,
    )
    _notify(application, to_funding_body=False, action=ReviewAction.APPROVED)
    return application


@transaction.atomic
def application_reject(
    *, actor, body: FundingBody, application: FundingApplication, reason: str, decided_on: datetime.date | None = None
) -> FundingApplication:
    application = _for_review(application, body)
    _require(
        application.status == ApplicationStatus.SUBMITTED,
        _("Only a submitted application can be rejected (status: %(status)s).")
        % {"status": application.get_status_display()},
    )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the rejection: the municipality reads it.")})
    decided_on = decided_on or _today()
    if decided_on > _today():
        raise ValidationError({"decided_on": _("Enter the date of the decision (today or earlier).")})
    application.status = ApplicationStatus.REJECTED
    application.approved_amount = None
    application.decided_on = decided_on
    application.decision_note = reason
    application.save(update_fields=["status", "approved_amount", "decided_on", "decision_note", "updated_at"])
    _keep(application, "decide")
    _step(application, ReviewAction.REJECTED, actor=actor, body=body, message=reason, decided_on=decided_on)
    _notify(application, to_funding_body=False, action=ReviewAction.REJECTED)
    return application


# --- receipts and the report on the use of funds ---------------------------------------------------------


def ensure_report_editable(application: FundingApplication) -> None:
    report = FundingReport.objects.filter(application=application).first()
    if report is not None and report.status not in REPORT_EDITABLE:
        raise ValidationError(
            _("The report on the use of funds was submitted and can no longer be changed (status: %(status)s).")
            % {"status": report.get_status_display()}
        )


@transaction.atomic
def receipt_add(
    *,
    actor,
    application: FundingApplication,
    cost_line,
    description: str,
    amount: Decimal,
    paid_on: datetime.date,
    file,
) -> Receipt:
    ensure_report_editable(application)
    if cost_line.application_id != application.pk:
        raise ValidationError({"cost_line": _("A cost line of another application was sent.")})
    receipt = Receipt(
        application=application,
        cost_line=cost_line,
        description=(description or "").strip(),
        amount=amount,
        paid_on=paid_on,
        file=file,
        uploaded_by=actor,
    )
    receipt.full_clean()
    receipt.save()
    audit.record(
        municipality=application.dialogue.municipality,
        actor=actor,
        action=AuditAction.CREATE,
        target=receipt,
        changes={"amount": ["", str(amount)]},
    )
    return receipt


@transaction.atomic
def receipt_delete(*, actor, receipt: Receipt) -> None:
    application = receipt.application
    ensure_report_editable(application)
    audit.record(municipality=application.dialogue.municipality, actor=actor, action=AuditAction.DELETE, target=receipt)
    receipt.file.delete(save=False)
    receipt.delete()


@transaction.atomic
def report_submit(*, actor, application: FundingApplication) -> FundingReport:
    """Hand the report on the use of funds to the funding body, which checks and closes it."""
    application = FundingApplication.objects.select_for_update().get(pk=application.pk)
    _require(
        application.funding_body_id is not None and application.status == ApplicationStatus.APPROVED,
        _("Only the report of an application approved in Dialogwerk is submitted here."),
    )
    report = FundingReport.objects.select_for_update().filter(application=application).first()
    _require(report is not None, _("Fill in the report on the use of funds first."))
    _require(
        report.status in REPORT_EDITABLE,
        _("The report was already submitted (status: %(status)s).") % {"status": report.get_status_display()},
    )
    _require(
        application.cost_lines.filter(actual_amount__isnull=False).exists(),
        _("Enter what was actually spent before submitting the report."),
    )
    report.status = ReportStatus.SUBMITTED
    report.submitted_on = _today()
    report.save(update_fields=["status", "submitted_on", "updated_at"])
    _keep(application, "report", "revise_report")
    _deadline(
        application,
        title=_("Check the report on the use of funds"),
        for_funding_body=True,
        key="check",
        due_on=_today() + datetime.timedelta(weeks=application.programme.review_due_weeks),
    )
    _step(application, ReviewAction.REPORT_SUBMITTED, actor=actor)
    _notify(application, to_funding_body=True, action=ReviewAction.REPORT_SUBMITTED)
    return report


def _report_for_review(application, body) -> FundingReport:
    application = _for_review(application, body)
    report = FundingReport.objects.select_for_update().filter(application=application).first()
    _require(
        report is not None and report.status == ReportStatus.SUBMITTED,
        _("The report on the use of funds is not submitted."),
    )
    return report


@transaction.atomic
def report_request_changes(
    *, actor, body: FundingBody, application: FundingApplication, message: str, reply_by: datetime.date | None = None
) -> FundingReport:
    report = _report_for_review(application, body)
    message, reply_by = _change_request(message, reply_by)
    report.status = ReportStatus.CHANGES_REQUESTED
    report.save(update_fields=["status", "updated_at"])
    _keep(application, "check")
    _deadline(
        application,
        title=_("Revise the report on the use of funds and submit it again"),
        due_on=reply_by,
        for_funding_body=False,
        key="revise_report",
    )
    _step(
        application, ReviewAction.REPORT_CHANGES_REQUESTED, actor=actor, body=body, message=message, reply_by=reply_by
    )
    _notify(application, to_funding_body=False, action=ReviewAction.REPORT_CHANGES_REQUESTED)
    return report


@transaction.atomic
def report_close(*, actor, body: FundingBody, application: FundingApplication, message: str = "") -> FundingReport:
    report = _report_for_review(application, body)
    report.status = ReportStatus.CLOSED
    report.save(update_fields=["status", "updated_at"])
    _keep(application, "check")
    _step(application, ReviewAction.REPORT_CLOSED, actor=actor, body=body, message=(message or "").strip())
    _notify(application, to_funding_body=False, action=ReviewAction.REPORT_CLOSED)
    return report


# --- telling the other side -------------------------------------------------------------------------------


def _notify(application: FundingApplication, *, to_funding_body: bool, action: str) -> None:
    """An e-mail to the side that acts next, sent after the step is stored; a mail server that fails loses
    no step (the page and the deadline show it), it is logged."""
    dialogue = application.dialogue
    if to_funding_body:
        recipients = body_recipients(application.funding_body)
        path = reverse("funding:review", args=[application.funding_body_id, application.pk])
    else:
        recipients = recipients_for(dialogue.municipality)
        path = reverse("funding:overview", args=[dialogue.pk])
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "application": application,
            "dialogue": dialogue,
            "action": str(ReviewAction(action).label),
            "step": application.review_steps.last(),
            "to_funding_body": to_funding_body,
            "url": settings.SITE_URL.rstrip("/") + path,
        }
        subject = " ".join(render_to_string("funding/email/review_subject.txt", context).split())
        body = render_to_string("funding/email/review.txt", context)
    messages = [EmailMessage(subject, body, None, [recipient]) for recipient in recipients]

    def send():
        try:
            get_connection(fail_silently=False).send_messages(messages)
        except Exception:  # the mail server is outside our control; the step itself is stored
            logger.exception("funding review e-mail for application %s not sent", application.pk)

    transaction.on_commit(send)
