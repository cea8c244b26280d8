"""The application's way between municipality and funding body: submitting, receipts and the report on
the municipality's side; the list, the check and the decisions on the funding body's (review.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dialogwerk.core.downloads import stored_file_response
from dialogwerk.core.forms import add_validation_errors
from dialogwerk.dialogues.access import dialogue_for
from dialogwerk.reports.services import transliterate
from dialogwerk.tenancy.access import authorize

from . import documents, policy, review, selectors
from .access import funding_body_for
from .forms import ApproveForm, CloseReportForm, ReceiptForm, RejectForm, RequestChangesForm
from .models import ApplicationStatus, ReportStatus
from .views import CONTENT_TYPES, FILENAMES, _application_for_change

# --- the municipality's side ------------------------------------------------------------------------------


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_POST
def submit(request, dialogue_id: int):
    dialogue, application = _application_for_change(request, dialogue_id)
    try:
        application = review.application_submit(actor=request.user, application=application)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request, _("The application was submitted to %(body)s.") % {"body": application.funding_body.name}
        )
    return redirect("funding:overview", dialogue_id=dialogue.pk)


@login_required
@require_POST
def report_submit(request, dialogue_id: int):
    dialogue, application = _application_for_change(request, dialogue_id)
    try:
        review.report_submit(actor=request.user, application=application)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("The report on the use of funds was submitted to %(body)s.") % {"body": application.funding_body.name},
        )
    return redirect("funding:overview", dialogue_id=dialogue.pk)


def _receipts_page(request, dialogue, application, form, *, status=200):
    return render(
        request,
        "funding/receipts.html",
        {
            "dialogue": dialogue,
            "application": application,
            "form": form,
            "lifecycle_step": "funding",
            "by_line": selectors.receipts_by_line(application=application),
            "may_change": request.user.has_perm(policy.CHANGE_FUNDING, dialogue),
            "report": getattr(application, "report", None),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def receipts(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_FUNDING)
    application = selectors.get_application(dialogue=dialogue)
    form = ReceiptForm(request.POST or None, request.FILES or None, lines=application.cost_lines.all())
    if request.method == "GET":
        return _receipts_page(request, dialogue, application, form)
    authorize(request.user, policy.CHANGE_FUNDING, dialogue)
    if form.is_valid():
        try:
            review.receipt_add(actor=request.user, application=application, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The receipt was filed."))
            return redirect("funding:receipts", dialogue_id=dialogue.pk)
    return _receipts_page(request, dialogue, application, form, status=422)


@login_required
@require_GET
def receipt_download(request, dialogue_id: int, receipt_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_FUNDING)
    application = selectors.get_application(dialogue=dialogue)
    receipt = selectors.get_receipt(application=application, receipt_id=receipt_id)
    return stored_file_response(receipt.file, receipt.filename)


@login_required
@require_POST
def receipt_delete(request, dialogue_id: int, receipt_id: int):
    dialogue, application = _application_for_change(request, dialogue_id)
    receipt = selectors.get_receipt(application=application, receipt_id=receipt_id)
    try:
        review.receipt_delete(actor=request.user, receipt=receipt)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The receipt was removed."))
    return redirect("funding:receipts", dialogue_id=dialogue.pk)


# --- the funding body's side ------------------------------------------------------------------------------


@login_required
@require_GET
def review_list(request, funding_body_id: int):
    body = funding_body_for(request.user, funding_body_id, perm=policy.REVIEW_APPLICATIONS)
    status = request.GET.get("status", "")
    if status not in ApplicationStatus.values:
        status = ""
    return render(
        request,
        "funding/review_list.html",
        {
            "body": body,
            "status": status,
            "statuses": ApplicationStatus.choices,
            "applications": selectors.applications_for_review(funding_body=body, status=status),
            "waiting": selectors.waiting_for_body(funding_body=body),
        },
    )


def _review_page(request, body, application, *, status=200, **forms):
    context = {
        "body": body,
        "application": application,  # no `dialogue`: its staff navigation is not the funder's
        "plan": application.plan(),
        "steps": selectors.review_steps_of(application=application),
        "by_line": selectors.receipts_by_line(application=application),
        "report": getattr(application, "report", None),
        "deadlines": [d for d in application.deadlines.all() if d.for_funding_body and not d.done],
        "today": timezone.localdate(),
        "changes_form": RequestChangesForm(prefix="changes"),
        "approve_form": ApproveForm(
            prefix="approve", initial={"amount": application.plan().requested, "decided_on": timezone.localdate()}
        ),
        "reject_form": RejectForm(prefix="reject"),
        "report_changes_form": RequestChangesForm(prefix="report_changes"),
        "close_form": CloseReportForm(prefix="close"),
        "ApplicationStatus": ApplicationStatus,
        "ReportStatus": ReportStatus,
    }
    context.update(forms)
    return render(request, "funding/review.html", context, status=status)


def _reviewed(request, funding_body_id: int, application_id: int):
    body = funding_body_for(request.user, funding_body_id, perm=policy.REVIEW_APPLICATIONS)
    return body, selectors.get_application_for_review(funding_body=body, application_id=application_id)


@login_required
@require_GET
def review_detail(request, funding_body_id: int, application_id: int):
    body, application = _reviewed(request, funding_body_id, application_id)
    return _review_page(request, body, application)


# The funding body's steps: the form (its fields are the service's arguments), the service, the message.
STEPS = {
    "changes": (RequestChangesForm, review.application_request_changes, _("The municipality was asked for changes.")),
    "approve": (ApproveForm, review.application_approve, _("The application was approved.")),
    "reject": (RejectForm, review.application_reject, _("The application was rejected.")),
    "report_changes": (
        RequestChangesForm,
        review.report_request_changes,
        _("The municipality was asked to revise the report."),
    ),
    "close": (CloseReportForm, review.report_close, _("The report on the use of funds was checked and closed.")),
}


@login_required
@require_POST
def review_step(request, funding_body_id: int, application_id: int, step: str):
    body, application = _reviewed(request, funding_body_id, application_id)
    form_class, service, done = STEPS[step]
    form = form_class(request.POST, prefix=step)
    if form.is_valid():
        try:
            service(actor=request.user, body=body, application=application, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, str(done))
            return redirect("funding:review", funding_body_id=body.pk, application_id=application.pk)
    application.refresh_from_db()
    return _review_page(request, body, application, status=422, **{f"{step}_form": form})


@login_required
@require_GET
def review_receipt(request, funding_body_id: int, application_id: int, receipt_id: int):
    _body_, application = _reviewed(request, funding_body_id, application_id)
    receipt = selectors.get_receipt(application=application, receipt_id=receipt_id)
    return stored_file_response(receipt.file, receipt.filename)


@login_required
@require_GET
def review_document(request, funding_body_id: int, application_id: int, kind: str, format: str):
    """The application (with the bank details the funder pays to) and the report, as the municipality prints them."""
    _body_, application = _reviewed(request, funding_body_id, application_id)
    dialogue = application.dialogue
    content = documents.render(documents.build(kind, dialogue, show_bank_details=True), format)
    name = f"{FILENAMES[kind]}-{slugify(transliterate(dialogue.municipality.name))}-{timezone.localdate():%Y-%m-%d}.{format}"
    response = HttpResponse(content, content_type=CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
