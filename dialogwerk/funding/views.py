"""Funding pages of a dialogue, their documents, and the funding body's overview."""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dialogwerk.core.documents import safe_csv_writer
from dialogwerk.core.forms import add_validation_errors
from dialogwerk.core.pagination import paginate
from dialogwerk.dialogues.access import dialogue_for
from dialogwerk.dialogues.models import Phase
from dialogwerk.measures.models import Status
from dialogwerk.reports import charts
from dialogwerk.reports.services import transliterate
from dialogwerk.tenancy import notifications
from dialogwerk.tenancy.access import authorize

from . import aggregates, calc, documents, policy, review, selectors, services
from .access import funding_body_for
from .forms import (
    ApplicationForm,
    CostLineForm,
    DeadlineForm,
    FundingBodyForm,
    FundingBodyMemberForm,
    OverviewFilterForm,
    ProgrammeForm,
    ReportForm,
    StatusForm,
    SteckbriefForm,
)
from .models import ApplicationStatus, ReportStatus
from .reminders import remind_days_before

MUNICIPALITIES_PER_PAGE = 50
CHART_CACHE_SECONDS = 3600  # the key holds the chart's figures, so a change draws a new one at once
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _status(form) -> int:
    return 422 if form.errors else 200


@login_required
@require_GET
def overview(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_FUNDING)
    application = selectors.application_of(dialogue=dialogue)
    context = {
        "dialogue": dialogue,
        "application": application,
        "may_change": request.user.has_perm(policy.CHANGE_FUNDING, dialogue),
        "show_bank_details": request.user.has_perm(policy.VIEW_BANK_DETAILS, dialogue),
        "lifecycle_step": "funding",
    }
    if application is not None:
        plan = application.plan()
        context.update(
            plan=plan,
            problems=documents.problem_texts(application, plan),
            lines=application.cost_lines.all(),
            deadlines=application.deadlines.all(),
            reminders=selectors.reminders_of(application=application),
            remind_days=remind_days_before(),
            today=timezone.localdate(),
            cost_form=CostLineForm(prefix="cost"),
            deadline_form=DeadlineForm(prefix="deadline"),
            status_form=StatusForm(
                prefix="status",
                initial={
                    "status": application.status,
                    "submitted_on": application.submitted_on,
                    "decided_on": application.decided_on,
                    "approved_amount": application.approved_amount,
                    "decision_note": application.decision_note,
                },
            ),
            report=getattr(application, "report", None),
            **_review_context(application),
        )
    return render(request, "funding/overview.html", context)


def _review_context(application) -> dict:
    """The way to the funding body: who reviews, what was said, what the municipality may do next."""
    report = getattr(application, "report", None)
    return {
        "reviewing_body": review.reviewing_body(application),
        "steps": selectors.review_steps_of(application=application),
        "editable": application.status in review.EDITABLE or not application.funding_body_id,
        "receipt_count": application.receipts.count(),
        "report_submittable": (
            application.funding_body_id
            and application.status == ApplicationStatus.APPROVED
            and report is not None
            and report.status in review.REPORT_EDITABLE
        ),
        "ApplicationStatus": ApplicationStatus,
        "ReportStatus": ReportStatus,
    }


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_FUNDING)
    application = selectors.application_of(dialogue=dialogue)
    programmes = selectors.programmes_for(dialogue=dialogue)
    if application is None:
        form = ApplicationForm(
            request.POST or None, programmes=programmes, initial=services.application_initial(dialogue=dialogue)
        )
    else:
        form = ApplicationForm(request.POST or None, instance=application, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.APPLICATION_FIELDS}
        try:
            if application is None:
                services.application_create(actor=request.user, dialogue=dialogue, **fields)
            else:
                services.application_update(actor=request.user, application=application, **fields)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The funding application was saved."))
            return redirect("funding:overview", dialogue_id=dialogue.pk)
    return render(
        request,
        "funding/application_form.html",
        {"dialogue": dialogue, "form": form, "application": application, "lifecycle_step": "funding"},
        status=_status(form),
    )


def _application_for_change(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_FUNDING)
    return dialogue, selectors.get_application(dialogue=dialogue)


def _overview_with_errors(request, dialogue, **forms):
    application = selectors.get_application(dialogue=dialogue)
    plan = application.plan()
    context = {
        "dialogue": dialogue,
        "application": application,
        "may_change": True,
        "show_bank_details": request.user.has_perm(policy.VIEW_BANK_DETAILS, dialogue),
        "plan": plan,
        "problems": documents.problem_texts(application, plan),
        "lines": application.cost_lines.all(),
        "deadlines": application.deadlines.all(),
        "reminders": selectors.reminders_of(application=application),
        "today": timezone.localdate(),
        "remind_days": remind_days_before(),
        "cost_form": CostLineForm(prefix="cost"),
        "deadline_form": DeadlineForm(prefix="deadline"),
        "status_form": StatusForm(prefix="status", initial={"status": application.status}),
        "report": getattr(application, "report", None),
        "lifecycle_step": "funding",
        **_review_context(application),
    }
    context.update(forms)
    return render(request, "funding/overview.html", context, status=422)


@login_required
@require_POST
def cost_line_add(request, dialogue_id: int):
    dialogue, application = _application_for_change(request, dialogue_id)
    form = CostLineForm(request.POST, prefix="cost")
    if form.is_valid():
        try:
            services.cost_line_create(actor=request.user, application=application, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The cost item was added."))
            return redirect(f"{reverse('funding:overview', args=[dialogue.pk])}#kostenplan")
    return _overview_with_errors(request, dialogue, cost_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def cost_line_edit(request, dialogue_id: int, line_id: int):
    dialogue, application = _application_for_change(request, dialogue_id)
    line = selectors.get_cost_line(application=application, line_id=line_id)
    form = CostLineForm(request.POST or None, instance=line)
    if request.method == "POST" and form.is_valid():
        try:
            services.cost_line_update(actor=request.user, line=line, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The cost item was saved."))
            return redirect("funding:overview", dialogue_id=dialogue.pk)
    if form.errors:
        line.refresh_from_db()
    return render(
        request,
        "funding/cost_line_form.html",
        {"dialogue": dialogue, "line": line, "form": form, "lifecycle_step": "funding"},
        status=_status(form),
    )


@login_required
@require_POST
def cost_line_delete(request, dialogue_id: int, line_id: int):
    dialogue, application = _application_for_change(request, dialogue_id)
    line = selectors.get_cost_line(application=application, line_id=line_id)
    services.cost_line_delete(actor=request.user, line=line)
    messages.success(request, _("The cost item was removed."))
    return redirect("funding:overview", dialogue_id=dialogue.pk)


@login_required
@require_POST
def status_change(request, dialogue_id: int):
    dialogue, application = _application_for_change(request, dialogue_id)
    form = StatusForm(request.POST, prefix="status")
    if form.is_valid():
        try:
            services.application_set_status(actor=request.user, application=application, **form.cleaned_data)
        except ValidationError as error:
            application.refresh_from_db()
            add_validation_errors(form, error)
        else:
            messages.success(
                request, _("The status is now: %(status)s.") % {"status": application.get_status_display()}
            )
            return redirect("funding:overview", dialogue_id=dialogue.pk)
    return _overview_with_errors(request, dialogue, status_form=form)


@login_required
@require_POST
def deadline_add(request, dialogue_id: int):
    dialogue, application = _application_for_change(request, dialogue_id)
    form = DeadlineForm(request.POST, prefix="deadline")
    if form.is_valid():
        services.deadline_create(actor=request.user, application=application, **form.cleaned_data)
        messages.success(request, _("The deadline was added."))
        return redirect("funding:overview", dialogue_id=dialogue.pk)
    return _overview_with_errors(request, dialogue, deadline_form=form)


@login_required
@require_POST
def deadline_toggle(request, dialogue_id: int, deadline_id: int):
    dialogue, application = _application_for_change(request, dialogue_id)
    deadline = selectors.get_deadline(application=application, deadline_id=deadline_id)
    services.deadline_toggle(actor=request.user, deadline=deadline)
    return redirect("funding:overview", dialogue_id=dialogue.pk)


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_FUNDING)
    application = selectors.get_application(dialogue=dialogue)
    report = getattr(application, "report", None)
    lines = list(application.cost_lines.all())
    initial = {"people_counted": dialogue.people_counted}
    if report is not None:
        initial |= {
            "results_summary": report.results_summary,
            "remarks": report.remarks,
            "submitted": report.status == "submitted",
            "submitted_on": report.submitted_on,
        }
    form = ReportForm(request.POST or None, lines=lines, initial=initial)
    if application.funding_body_id:  # submitted to the funding body with its own button (review.report_submit)
        del form.fields["submitted"], form.fields["submitted_on"]
    if request.method == "POST" and form.is_valid():
        try:
            services.report_save(
                actor=request.user,
                application=application,
                actual_costs=form.actual_costs(),
                people_counted=form.cleaned_data["people_counted"],
                results_summary=form.cleaned_data["results_summary"],
                remarks=form.cleaned_data["remarks"],
                submitted=form.cleaned_data.get("submitted", False),
                submitted_on=form.cleaned_data.get("submitted_on"),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The report on the use of funds was saved."))
            return redirect("funding:overview", dialogue_id=dialogue.pk)
    participation = documents.sources.participation(dialogue)
    return render(
        request,
        "funding/report_form.html",
        {
            "dialogue": dialogue,
            "application": application,
            "form": form,
            "lifecycle_step": "funding",
            "phones": participation.participants if participation else 0,
        },
        status=_status(form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def steckbrief_edit(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_FUNDING)
    may_change = request.user.has_perm(policy.CHANGE_FUNDING, dialogue)
    if request.method == "POST" and not may_change:
        raise PermissionDenied
    steckbrief = selectors.steckbrief_of(dialogue=dialogue)
    form = SteckbriefForm(request.POST or None, instance=steckbrief)
    if request.method == "POST" and form.is_valid():
        try:
            services.steckbrief_save(
                actor=request.user, dialogue=dialogue, **{n: form.cleaned_data[n] for n in services.STECKBRIEF_FIELDS}
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The experience report was saved."))
            return redirect("funding:steckbrief", dialogue_id=dialogue.pk)
    survey = documents.sources.survey(dialogue)
    return render(
        request,
        "funding/steckbrief_form.html",
        {
            "dialogue": dialogue,
            "form": form,
            "may_change": may_change,
            "lifecycle_step": "funding",
            "survey_answers": len(survey.process) if survey else 0,
        },
        status=_status(form),
    )


FILENAMES = {"application": "foerderantrag", "report": "verwendungsnachweis", "steckbrief": "steckbrief"}


@login_required
@require_GET
def download(request, dialogue_id: int, kind: str, format: str):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_FUNDING)
    if kind in {"application", "report"} and selectors.application_of(dialogue=dialogue) is None:
        raise Http404
    document = documents.build(
        kind, dialogue, show_bank_details=request.user.has_perm(policy.VIEW_BANK_DETAILS, dialogue)
    )
    content = documents.render(document, format)
    name = f"{FILENAMES[kind]}-{slugify(transliterate(dialogue.municipality.name))}-{timezone.localdate():%Y-%m-%d}.{format}"
    response = HttpResponse(content, content_type=CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- funding body ---------------------------------------------------------------------------------


@login_required
@require_GET
def funding_bodies(request):
    bodies = list(selectors.funding_bodies_for_user(user=request.user))
    if not bodies:
        raise Http404
    if len(bodies) == 1:
        return redirect("funding:body_overview", funding_body_id=bodies[0].pk)
    return render(request, "funding/funding_bodies.html", {"bodies": bodies})


def _labels(choices, keys):
    labels = dict(choices)
    return [(str(labels.get(k, k)), v) for k, v in keys]


def _district(request, body) -> tuple[OverviewFilterForm, str]:
    """The overview's district filter; an unknown district shows all, with the error above the filter."""
    form = OverviewFilterForm(request.GET or None, districts=selectors.districts_of(funding_body=body))
    return form, (form.cleaned_data["kreis"] if form.is_valid() else "")


@login_required
@require_GET
def body_overview(request, funding_body_id: int):
    body = funding_body_for(request.user, funding_body_id, perm=policy.VIEW_FUNDING_BODY)
    filters, district = _district(request, body)
    rows = selectors.overview_rows(funding_body=body, district=district)
    figures = aggregates.overview(rows)
    by_phase = [(str(label), figures.by_phase.get(value, 0)) for value, label in Phase.choices]
    by_status = [
        (str(label), figures.applications_by_status.get(value, (0, 0, 0))) for value, label in ApplicationStatus.choices
    ]
    measure_status = _measure_status_labels(figures.measures_by_status)
    per_municipality = {}
    for row in rows:
        entry = per_municipality.setdefault(
            row.municipality, {"dialogues": 0, "participants": 0, "approved": 0, "measures": 0}
        )
        entry["dialogues"] += 1
        entry["participants"] += row.participants
        entry["approved"] += row.approved
        entry["measures"] += len(row.measures)
    return render(
        request,
        "funding/body_overview.html",
        {
            "body": body,
            "figures": figures,
            "by_phase": by_phase,
            "by_status": by_status,
            "filters": filters,
            "district": district,
            # A state has some 1,100 municipalities: the table is paged (the figures above count them all).
            "municipality_page": paginate(request, sorted(per_municipality.items()), MUNICIPALITIES_PER_PAGE),
            "measure_status": measure_status,
            "programmes": body.programmes.all(),
            "chart_phase": _chart(
                "horizontal_bars", [l for l, _v in by_phase], [v for _l, v in by_phase], xlabel=_("Dialogues")
            ),
            "chart_periods": _chart(
                "grouped_bars",
                list(figures.by_period),
                {_("Participants"): [p["participants"] for p in figures.by_period.values()]},
                ylabel=_("People"),
            )
            if figures.by_period
            else None,
            "chart_measures": _chart(
                "horizontal_bars",
                [l for l, _v in measure_status],
                [v for _l, v in measure_status],
                xlabel=_("Measures"),
            )
            if measure_status
            else None,
            "format_eur": calc.format_eur,
        },
        status=400 if filters.errors else 200,
    )


def _measure_status_labels(counts: dict) -> list[tuple[str, int]]:
    return _labels(
        Status.choices,
        sorted(counts.items(), key=lambda kv: list(Status.values).index(kv[0]) if kv[0] in Status.values else 99),
    )


def _chart(kind: str, *args, **kwargs) -> str:
    """A chart of reports.charts as a data URI, cached by what it shows: drawing one takes a third of a second."""
    key = "funding:chart:" + hashlib.sha256(repr((kind, args, sorted(kwargs.items()))).encode()).hexdigest()
    uri = cache.get(key)
    if uri is None:
        uri = _chart_uri(getattr(charts, kind)(*args, **kwargs))
        cache.set(key, uri, CHART_CACHE_SECONDS)
    return uri


def _chart_uri(png: bytes) -> str:
    import base64

    return "data:image/png;base64," + base64.b64encode(png).decode()


@login_required
@require_GET
def body_csv(request, funding_body_id: int):
    body = funding_body_for(request.user, funding_body_id, perm=policy.VIEW_FUNDING_BODY)
    _filters, district = _district(request, body)
    rows = selectors.overview_rows(funding_body=body, district=district)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="foerderuebersicht-{timezone.localdate():%Y-%m-%d}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with umlauts correctly only with the BOM
    writer = safe_csv_writer(response, delimiter=";")
    writer.writerow(
        [
            _("Municipality"),
            _("Period"),
            _("Phase"),
            _("Application"),
            _("Requested (EUR)"),
            _("Approved (EUR)"),
            _("Participants"),
            _("Measures"),
            _("Measures done"),
        ]
    )
    phases = dict(Phase.choices)
    statuses = dict(ApplicationStatus.choices)
    for row in rows:
        writer.writerow(
            [
                row.municipality,
                row.period,
                str(phases.get(row.phase, row.phase)),
                str(statuses.get(row.application_status, "")),
                f"{row.requested:.2f}".replace(".", ","),
                f"{row.approved:.2f}".replace(".", ","),
                row.participants,
                len(row.measures),
                sum(1 for status, _t in row.measures if status == "done"),
            ]
        )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request, funding_body_id: int, programme_id: int):
    body = funding_body_for(request.user, funding_body_id, perm=policy.VIEW_FUNDING_BODY)
    programme = selectors.get_programme_for_body(funding_body=body, programme_id=programme_id)
    authorize(request.user, policy.CHANGE_PROGRAMME, programme)
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The programme's settings were saved."))
            return redirect("funding:body_overview", funding_body_id=body.pk)
    if form.errors:
        programme.refresh_from_db()
    return render(
        request,
        "funding/programme_form.html",
        {"body": body, "programme": programme, "form": form},
        status=_status(form),
    )


# --- funding bodies, set up by the platform's operators ------------------------------------------------


def _operator(request):
    """Only platform operators (superusers); everyone else learns nothing (404), like another municipality."""
    if not request.user.has_perm(policy.MANAGE_FUNDING_BODIES):
        raise Http404
    return request.user


def _body_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in ("name", "covers_state", "municipalities")}


@login_required
@require_http_methods(["GET", "POST"])
def operator_bodies(request):
    _operator(request)
    form = FundingBodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            body = services.funding_body_save(actor=request.user, **_body_fields(form))
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request, _("The funding body %(name)s was created. Now invite its staff.") % {"name": body.name}
            )
            return redirect("funding:operator_body", funding_body_id=body.pk)
    return render(
        request,
        "funding/operator_bodies.html",
        {"bodies": selectors.funding_bodies_for_operator(user=request.user), "form": form},
        status=_status(form),
    )


def _operator_body_page(request, body, *, form=None, member_form=None, status=200):
    return render(
        request,
        "funding/operator_body.html",
        {
            "body": body,
            "form": form or FundingBodyForm(instance=body, prefix="body"),
            "member_form": member_form or FundingBodyMemberForm(prefix="member"),
            "memberships": body.memberships.select_related("user").order_by("user__email"),
            "covered": body.covered_municipalities().order_by("name"),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def operator_body(request, funding_body_id: int):
    _operator(request)
    body = selectors.get_funding_body_for_operator(user=request.user, funding_body_id=funding_body_id)
    if request.method == "GET":
        return _operator_body_page(request, body)
    form = FundingBodyForm(request.POST, instance=body, prefix="body")
    if form.is_valid():
        try:
            services.funding_body_save(actor=request.user, funding_body=body, **_body_fields(form))
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The funding body was saved."))
            return redirect("funding:operator_body", funding_body_id=body.pk)
    body.refresh_from_db()
    return _operator_body_page(request, body, form=form, status=422)


@login_required
@require_POST
def operator_member_add(request, funding_body_id: int):
    _operator(request)
    body = selectors.get_funding_body_for_operator(user=request.user, funding_body_id=funding_body_id)
    form = FundingBodyMemberForm(request.POST, prefix="member")
    if form.is_valid():
        try:
            membership, created = services.funding_body_invite(
                actor=request.user, funding_body=body, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            if created:
                notifications.send_welcome(request=request, user=membership.user)
                messages.success(
                    request,
                    _("%(email)s was added and has been sent a link to set a password.")
                    % {"email": membership.user.email},
                )
            else:
                messages.success(request, _("%(email)s was added.") % {"email": membership.user.email})
            return redirect("funding:operator_body", funding_body_id=body.pk)
    return _operator_body_page(request, body, member_form=form, status=422)


@login_required
@require_POST
def operator_member_remove(request, funding_body_id: int, body_membership_id: int):
    _operator(request)
    body = selectors.get_funding_body_for_operator(user=request.user, funding_body_id=funding_body_id)
    membership = selectors.get_body_membership(funding_body=body, membership_id=body_membership_id)
    services.funding_body_remove_member(actor=request.user, membership=membership)
    messages.success(request, _("%(email)s no longer belongs to the funding body.") % {"email": membership.user.email})
    return redirect("funding:operator_body", funding_body_id=body.pk)
