"""Pages of the preparation: needs analysis, key figures, existing measures, perspectives, actors,
imports and exports, invitations with the public RSVP page, and the project plan."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from dialogwerk.core import ratelimit
from dialogwerk.core.forms import add_validation_errors
from dialogwerk.core.language_links import language_remembered
from dialogwerk.core.pagination import paginate
from dialogwerk.dialogues import languages
from dialogwerk.dialogues.access import dialogue_for
from dialogwerk.dialogues.perspectives import FORM_CHOICES
from dialogwerk.dialogues.selectors import themes_of
from dialogwerk.tenancy.access import authorize
from dialogwerk.translations.selectors import translator_for

from . import exports, figure_import, ics, policy, registrations, selectors, services
from .coverage import quadrant, ranked_gaps
from .event_facts import event_facts
from .forms import (
    ActorForm,
    AnalysisForm,
    ComparisonForm,
    EventDetailsForm,
    ExistingMeasureForm,
    InviteForm,
    InviteOtherwiseForm,
    KeyFigureForm,
    PerspectiveForm,
    ProjectTaskForm,
    StaffAnswerForm,
)
from .letters import letters_pdf
from .models import RSVP, AnsweredVia, Channel, NeedsAnalysis
from .participant_forms import SAVED_MESSAGE, UNKNOWN_CODE_MESSAGE, RegistrationForm, RSVPForm, ShortCodeForm

STEP = "preparation"
DEFAULT_INDICATORS = [
    "Untergebrachte Geflüchtete",
    "davon Kinder und Jugendliche",
    "Freie Kita-Plätze",
    "Plätze in Vorbereitungsklassen",
    "Verfügbare Wohnungen",
    "Aktive Ehrenamtliche",
]


def _page(request, template: str, context: dict, form_errors: bool = False):
    dialogue = context["dialogue"]
    context.setdefault("may_change", request.user.has_perm(policy.CHANGE_PREPARATION, dialogue))
    context.setdefault("lifecycle_step", STEP)
    return render(request, template, context, status=422 if form_errors else 200)


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def gap_sentences(result) -> list[str]:
    """The coverage's gaps in a few ranked sentences (coverage.ranked_gaps), for the page and the documents."""
    return [
        ngettext(
            "The theme “%(theme)s” lacks the perspective %(perspectives)s.",
            "The theme “%(theme)s” lacks the perspectives %(perspectives)s.",
            len(gap.missing),
        )
        % {"theme": gap.theme, "perspectives": ", ".join(f"„{name}“" for name in gap.missing)}
        for gap in ranked_gaps(result)
    ]


# --- Needs analysis -------------------------------------------------------------------------------------


def _analysis_context(dialogue) -> dict:
    analysis = selectors.analysis_of(dialogue=dialogue)
    coverage = selectors.coverage_of(dialogue=dialogue)
    return {
        "dialogue": dialogue,
        "analysis": analysis,
        "answers": [
            (NeedsAnalysis._meta.get_field(name).verbose_name, getattr(analysis, name))
            for name in NeedsAnalysis.ANSWER_FIELDS
        ],
        "figures": list(selectors.key_figures_of(dialogue=dialogue)),
        "measures": list(selectors.existing_measures_of(dialogue=dialogue)),
        "themes": list(themes_of(dialogue=dialogue)),
        "perspective_counts": list(selectors.perspectives_of(dialogue=dialogue)),
        "gap_sentences": gap_sentences(coverage),
        "empty_perspectives": coverage.empty_perspectives,
        "actor_count": dialogue.actors.count(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def analysis(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION)
    context = _analysis_context(dialogue)
    form = AnalysisForm(request.POST or None, instance=context["analysis"])
    if request.method == "POST":
        authorize(request.user, policy.CHANGE_PREPARATION, dialogue)
        if form.is_valid():
            complete = "complete" in request.POST
            try:
                services.analysis_save(actor=request.user, dialogue=dialogue, complete=complete, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(
                    request, _("The analysis is marked as complete.") if complete else _("The draft was saved.")
                )
                return redirect("preparation:analysis", dialogue_id=dialogue.pk)
    context.update(form=form, step_links=True)
    return _page(request, "preparation/analysis.html", context, bool(form.errors))


@login_required
def analysis_pdf(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION)
    context = _analysis_context(dialogue)
    content = exports.pdf_from_template("preparation/analysis_print.html", context, request.build_absolute_uri("/"))
    return _download(content, f"bedarfsanalyse-{dialogue.pk}.pdf", "application/pdf")


@login_required
def analysis_docx(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION)
    content = exports.analysis_docx(_analysis_context(dialogue))
    return _download(
        content,
        f"bedarfsanalyse-{dialogue.pk}.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


# --- Key figures ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def figures(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION)
    form = KeyFigureForm(request.POST or None)
    if request.method == "POST":
        authorize(request.user, policy.CHANGE_PREPARATION, dialogue)
        if form.is_valid():
            try:
                services.key_figure_create(actor=request.user, dialogue=dialogue, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The key figure was added."))
                return redirect("preparation:figures", dialogue_id=dialogue.pk)
    figure_list = list(selectors.key_figures_of(dialogue=dialogue))
    dates = sorted({f.as_of for f in figure_list})
    comparison_form = ComparisonForm(request.GET if "first" in request.GET else None)
    comparison = None
    if comparison_form.is_bound and comparison_form.is_valid():
        first, second = comparison_form.cleaned_data["first"], comparison_form.cleaned_data["second"]
    elif len(dates) >= 2:
        first, second = dates[0], dates[-1]
        comparison_form = ComparisonForm(initial={"first": first, "second": second})
    else:
        first = second = None
    if first and second:
        comparison = {
            "first": first,
            "second": second,
            "rows": figure_import.compare([(f.indicator, f.as_of, f.value) for f in figure_list], first, second),
        }
    return _page(
        request,
        "preparation/figures.html",
        {
            "dialogue": dialogue,
            "form": form,
            "figures": figure_list,
            "comparison": comparison,
            "comparison_form": comparison_form,
            "suggestions": DEFAULT_INDICATORS,
        },
        bool(form.errors),
    )


@login_required
@require_http_methods(["GET", "POST"])
def figure_edit(request, dialogue_id: int, figure_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    figure = selectors.get_key_figure(dialogue=dialogue, figure_id=figure_id)
    form = KeyFigureForm(request.POST or None, instance=figure)
    if request.method == "POST" and form.is_valid():
        try:
            services.key_figure_update(actor=request.user, figure=figure, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The key figure was saved."))
            return redirect("preparation:figures", dialogue_id=dialogue.pk)
    return _page(
        request,
        "preparation/simple_form.html",
        {
            "dialogue": dialogue,
            "form": form,
            "title": _("Edit key figure"),
            "back": reverse("preparation:figures", args=[dialogue.pk]),
            "suggestions": DEFAULT_INDICATORS,
        },
        bool(form.errors),
    )


@login_required
@require_POST
def figure_delete(request, dialogue_id: int, figure_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    services.key_figure_delete(
        actor=request.user, figure=selectors.get_key_figure(dialogue=dialogue, figure_id=figure_id)
    )
    messages.success(request, _("The key figure was removed."))
    return redirect("preparation:figures", dialogue_id=dialogue.pk)


# --- Existing measures ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def measures(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION)
    form = ExistingMeasureForm(request.POST or None, dialogue=dialogue)
    if request.method == "POST":
        authorize(request.user, policy.CHANGE_PREPARATION, dialogue)
        if form.is_valid():
            try:
                services.existing_measure_create(actor=request.user, dialogue=dialogue, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The measure was added."))
                return redirect("preparation:measures", dialogue_id=dialogue.pk)
    return _page(
        request,
        "preparation/measures.html",
        {"dialogue": dialogue, "form": form, "measures": selectors.existing_measures_of(dialogue=dialogue)},
        bool(form.errors),
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request, dialogue_id: int, measure_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    measure = selectors.get_existing_measure(dialogue=dialogue, measure_id=measure_id)
    form = ExistingMeasureForm(request.POST or None, instance=measure, dialogue=dialogue)
    if request.method == "POST" and form.is_valid():
        try:
            services.existing_measure_update(actor=request.user, measure=measure, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The measure was saved."))
            return redirect("preparation:measures", dialogue_id=dialogue.pk)
    return _page(
        request,
        "preparation/simple_form.html",
        {
            "dialogue": dialogue,
            "form": form,
            "title": _("Edit existing measure"),
            "back": reverse("preparation:measures", args=[dialogue.pk]),
        },
        bool(form.errors),
    )


@login_required
@require_POST
def measure_delete(request, dialogue_id: int, measure_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    services.existing_measure_delete(
        actor=request.user, measure=selectors.get_existing_measure(dialogue=dialogue, measure_id=measure_id)
    )
    messages.success(request, _("The measure was removed."))
    return redirect("preparation:measures", dialogue_id=dialogue.pk)


# --- Perspectives ---------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def perspectives(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION)
    services.perspectives_ensure_defaults(dialogue=dialogue)
    form = PerspectiveForm(request.POST or None)
    if request.method == "POST":
        authorize(request.user, policy.CHANGE_PREPARATION, dialogue)
        if form.is_valid():
            try:
                services.perspective_create(actor=request.user, dialogue=dialogue, name=form.cleaned_data["name"])
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The perspective was added."))
                return redirect("preparation:perspectives", dialogue_id=dialogue.pk)
    return _page(
        request,
        "preparation/perspectives.html",
        {"dialogue": dialogue, "form": form, "perspectives": selectors.perspectives_of(dialogue=dialogue)},
        bool(form.errors),
    )


@login_required
@require_http_methods(["GET", "POST"])
def perspective_edit(request, dialogue_id: int, perspective_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    perspective = selectors.get_perspective(dialogue=dialogue, perspective_id=perspective_id)
    form = PerspectiveForm(request.POST or None, instance=perspective)
    if request.method == "POST" and form.is_valid():
        try:
            services.perspective_rename(actor=request.user, perspective=perspective, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The perspective was saved."))
            return redirect("preparation:perspectives", dialogue_id=dialogue.pk)
    return _page(
        request,
        "preparation/simple_form.html",
        {
            "dialogue": dialogue,
            "form": form,
            "title": _("Rename perspective"),
            "back": reverse("preparation:perspectives", args=[dialogue.pk]),
        },
        bool(form.errors),
    )


@login_required
@require_POST
def perspective_delete(request, dialogue_id: int, perspective_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    perspective = selectors.get_perspective(dialogue=dialogue, perspective_id=perspective_id)
    try:
        services.perspective_delete(actor=request.user, perspective=perspective)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The perspective was removed."))
    return redirect("preparation:perspectives", dialogue_id=dialogue.pk)


# --- Actors ---------------------------------------------------------------------------------------------


@login_required
def actors(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION)
    services.perspectives_ensure_defaults(dialogue=dialogue)
    try:
        perspective_id = int(request.GET.get("blickwinkel") or 0)
    except ValueError:
        perspective_id = 0
    search = request.GET.get("suche", "").strip()[:100]
    page = paginate(request, selectors.actors_of(dialogue=dialogue, perspective_id=perspective_id, search=search))
    coverage = selectors.coverage_of(dialogue=dialogue)
    return _page(
        request,
        "preparation/actors.html",
        {
            "dialogue": dialogue,
            "page": page,
            "perspectives": selectors.perspectives_of(dialogue=dialogue),
            "perspective_id": perspective_id,
            "search": search,
            "total": dialogue.actors.count(),
            "gap_count": len(coverage.gaps),
            "empty_perspectives": coverage.empty_perspectives,
        },
    )


def _actor_form_page(request, dialogue, form, record=None):
    return _page(
        request,
        "preparation/actor_form.html",
        {"dialogue": dialogue, "form": form, "record": record},
        bool(form.errors),
    )


@login_required
@require_http_methods(["GET", "POST"])
def actor_create(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    services.perspectives_ensure_defaults(dialogue=dialogue)
    form = ActorForm(request.POST or None, dialogue=dialogue)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        themes = data.pop("themes")
        try:
            services.actor_create(actor=request.user, dialogue=dialogue, themes=themes, **data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The actor “%(name)s” was added.") % {"name": data["name"]})
            return redirect("preparation:actors", dialogue_id=dialogue.pk)
    return _actor_form_page(request, dialogue, form)


@login_required
@require_http_methods(["GET", "POST"])
def actor_edit(request, dialogue_id: int, actor_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    record = selectors.get_actor(dialogue=dialogue, actor_id=actor_id)
    form = ActorForm(request.POST or None, instance=record, dialogue=dialogue)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        themes = data.pop("themes")
        try:
            services.actor_update(actor=request.user, record=record, themes=themes, **data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The actor was saved."))
            return redirect("preparation:actors", dialogue_id=dialogue.pk)
    if form.errors:
        record.refresh_from_db()
    return _actor_form_page(request, dialogue, form, record)


@login_required
@require_POST
def actor_delete(request, dialogue_id: int, actor_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    record = selectors.get_actor(dialogue=dialogue, actor_id=actor_id)
    services.actor_delete(actor=request.user, record=record)
    messages.success(request, _("The actor “%(name)s” was removed.") % {"name": record.name})
    return redirect("preparation:actors", dialogue_id=dialogue.pk)


QUADRANT_LABELS = {
    "manage_closely": _("Manage closely"),
    "keep_satisfied": _("Keep satisfied"),
    "keep_informed": _("Keep informed"),
    "monitor": _("Monitor"),
}


def grid_layout(actor_list) -> dict:
    """Positions for the influence × interest SVG: 5×5 cells of 100 units, actors spread inside a cell."""
    cells: dict[tuple[int, int], list] = {}
    for actor in actor_list:
        cells.setdefault((actor.interest, actor.influence), []).append(actor)
    dots = []
    for (interest, influence), members in cells.items():
        for index, actor in enumerate(members):
            column, row = index % 4, index // 4
            dots.append(
                {
                    "actor": actor,
                    "x": 60 + (interest - 1) * 100 + 18 + column * 22,
                    "y": 20 + (5 - influence) * 100 + 18 + (row % 4) * 22,
                    "quadrant": quadrant(actor.influence, actor.interest),
                }
            )
    return {
        "dots": dots,
        "ticks": [{"value": v, "x": 60 + (v - 1) * 100 + 50, "y": 20 + (5 - v) * 100 + 50} for v in range(1, 6)],
    }


@login_required
def actor_grid(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION)
    actor_list = list(selectors.actors_of(dialogue=dialogue))
    groups = {key: [] for key in QUADRANT_LABELS}
    for actor in actor_list:
        groups[quadrant(actor.influence, actor.interest)].append(actor)
    return _page(
        request,
        "preparation/actor_grid.html",
        {
            "dialogue": dialogue,
            "grid": grid_layout(actor_list),
            "groups": [(QUADRANT_LABELS[key], members) for key, members in groups.items()],
            "actor_count": len(actor_list),
        },
    )


@login_required
def coverage(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION)
    services.perspectives_ensure_defaults(dialogue=dialogue)
    result = selectors.coverage_of(dialogue=dialogue)
    rows = [
        {
            "theme": name,
            "cells": [result.count(theme_id, perspective_id) for perspective_id, _p in result.perspectives],
            "gaps": result.gaps_of_theme(name),
        }
        for theme_id, name in result.themes
    ]
    return _page(
        request,
        "preparation/coverage.html",
        {
            "dialogue": dialogue,
            "perspectives": [name for _id, name in result.perspectives],
            "rows": rows,
            "gap_sentences": gap_sentences(result),
            "empty_perspectives": result.empty_perspectives,
        },
    )


@login_required
def actors_export(request, dialogue_id: int, fmt: str):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION)
    actor_list = selectors.actors_of(dialogue=dialogue)
    if fmt == "csv":
        return _download(exports.actors_csv(actor_list), f"akteure-{dialogue.pk}.csv", "text/csv; charset=utf-8")
    return _download(
        exports.actors_xlsx(actor_list),
        f"akteure-{dialogue.pk}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@login_required
def actors_template(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION)
    services.perspectives_ensure_defaults(dialogue=dialogue)
    content = exports.actor_template_xlsx(
        [p.name for p in dialogue.perspectives.all()], [t.name for t in themes_of(dialogue=dialogue)]
    )
    return _download(
        content, "akteure-vorlage.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


# --- Event venue and details ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def event(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION)
    facts = event_facts(dialogue)
    # An instance of its own: a form with errors writes the input onto it, and the page shows what is stored.
    details = selectors.event_details_of(dialogue=dialogue)
    form = EventDetailsForm(request.POST or None, instance=details, agenda=facts.agenda)
    if request.method == "POST":
        authorize(request.user, policy.CHANGE_PREPARATION, dialogue)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in services.EVENT_FIELDS}
            try:
                services.event_details_save(
                    actor=request.user,
                    dialogue=dialogue,
                    starts_at=form.cleaned_data["starts_at"],
                    ends_at=form.cleaned_data["ends_at"],
                    interpreters=form.cleaned_data["interpreters"],
                    **data,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(
                    request, _("The venue and times were saved. Invitations and the calendar entry use them.")
                )
                return redirect("preparation:event", dialogue_id=dialogue.pk)
    return _page(
        request,
        "preparation/event.html",
        {
            "dialogue": dialogue,
            "form": form,
            "facts": facts,
            "accepted": registrations.places_taken(dialogue),
            "registration_list": selectors.registrations_of(dialogue=dialogue),
            "today": timezone.localdate(),
        },
        bool(form.errors),
    )


# --- Invitations ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def invitations(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION)
    form = InviteForm(request.POST or None, dialogue=dialogue)
    if request.method == "POST":
        authorize(request.user, policy.CHANGE_PREPARATION, dialogue)
        if form.is_valid():
            try:
                sent, skipped = services.invitations_send(
                    actor=request.user,
                    dialogue=dialogue,
                    actors=form.cleaned_data["actors"],
                    base_url=request.build_absolute_uri("/").rstrip("/"),
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("%(count)s invitations were sent.") % {"count": sent})
                return redirect("preparation:invitations", dialogue_id=dialogue.pk)
    return _invitations_page(request, dialogue, form=form)


def _invitations_page(request, dialogue, *, form=None, otherwise_form=None):
    form = form or InviteForm(dialogue=dialogue)
    otherwise_form = otherwise_form or InviteOtherwiseForm(dialogue=dialogue)
    counts = selectors.rsvp_counts_by_perspective(dialogue=dialogue)
    totals = {key: sum(row[key] for row in counts) for key in ("invited", *RSVP.values)}
    return _page(
        request,
        "preparation/invitations.html",
        {
            "dialogue": dialogue,
            "form": form,
            "otherwise_form": otherwise_form,
            "page": paginate(request, selectors.invitations_of(dialogue=dialogue)),
            "counts": counts,
            "totals": totals,
            "channels": selectors.invitation_channels(dialogue=dialogue),
            "today": timezone.localdate(),
        },
        bool(form.errors or otherwise_form.errors),
    )


@login_required
@require_POST
def invitations_otherwise(request, dialogue_id: int):
    """Invite actors without e-mail: by a printed letter, or in person / by phone."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    form = InviteOtherwiseForm(request.POST, dialogue=dialogue)
    if form.is_valid():
        try:
            count = services.invitations_record(
                actor=request.user,
                dialogue=dialogue,
                actors=form.cleaned_data["actors"],
                channel=form.cleaned_data["channel"],
                language=form.cleaned_data["language"],
                base_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            if form.cleaned_data["channel"] == Channel.LETTER:
                messages.success(
                    request,
                    _("%(count)s invitations by letter were recorded. Print the letters below.") % {"count": count},
                )
            else:
                messages.success(
                    request, _("%(count)s invitations in person or by phone were recorded.") % {"count": count}
                )
            return redirect("preparation:invitations", dialogue_id=dialogue.pk)
    return _invitations_page(request, dialogue, otherwise_form=form)


@login_required
def invitation_letters(request, dialogue_id: int):
    """The serial letter: every invitation by letter (only those without an answer with ?offen)."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    invitations = list(selectors.letter_invitations_of(dialogue=dialogue, pending_only="offen" in request.GET))
    if not invitations:
        messages.error(request, _("There are no invitations by letter to print."))
        return redirect("preparation:invitations", dialogue_id=dialogue.pk)
    return _download(
        letters_pdf(dialogue=dialogue, invitations=invitations),
        f"einladungsbriefe-{dialogue.pk}.pdf",
        "application/pdf",
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_answer(request, dialogue_id: int, invitation_id: int):
    """Staff enter an answer that came by phone, letter or in person."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    invitation = selectors.get_invitation(dialogue=dialogue, invitation_id=invitation_id)
    initial = {
        "status": invitation.status,
        "answered_via": invitation.answered_via if invitation.answered_via != AnsweredVia.LINK else "",
        "needs": invitation.needs,
        "language": invitation.language,
    }
    form = StaffAnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_answer_by_staff(actor=request.user, invitation=invitation, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The answer of %(name)s was saved.") % {"name": invitation.actor.name})
            return redirect("preparation:invitations", dialogue_id=dialogue.pk)
    return _page(
        request,
        "preparation/invitation_answer.html",
        {"dialogue": dialogue, "invitation": invitation, "form": form},
        bool(form.errors),
    )


@login_required
@require_POST
def invitations_remind(request, dialogue_id: int):
    from .tasks import send_reminders

    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    send_reminders.enqueue(dialogue.pk)
    messages.success(request, _("Reminders to everyone who has not answered yet are being sent."))
    return redirect("preparation:invitations", dialogue_id=dialogue.pk)


@require_http_methods(["GET", "POST"])
def rsvp(request, rsvp_token: str):
    invitation = selectors.get_invitation_by_token(token=rsvp_token)
    dialogue = invitation.dialogue
    # The invited actor reads the event's title and purpose in the language they chose, where translated.
    content_translator = translator_for(dialogue_id=dialogue.pk, language=translation.get_language())
    context = {"invitation": invitation, "event": dialogue, "public": True, "content_translator": content_translator}
    if invitation.is_expired():
        return render(request, "preparation/rsvp_expired.html", context, status=410)
    initial = {
        "status": invitation.status if invitation.status != RSVP.PENDING else None,
        "needs": invitation.needs,
        "language": invitation.language,
    }
    form = RSVPForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_respond(invitation=invitation, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, SAVED_MESSAGE)
            return redirect("preparation:rsvp", rsvp_token=rsvp_token)
    invitation.refresh_from_db()
    # Without a date the page says so and offers no calendar entry.
    context.update(form=form, facts=event_facts(dialogue))
    return render(request, "preparation/rsvp.html", context, status=422 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def rsvp_code(request):
    """The short code of a paper invitation, typed in, leads to the same answer page as the QR code."""
    form = ShortCodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                ratelimit.check("rsvp.code", f"ip:{ratelimit.client_ip(request)}")
            except ratelimit.RateLimited as error:
                form.add_error(None, error.message)
                return render(request, "preparation/rsvp_code.html", {"form": form, "public": True}, status=429)
            invitation = selectors.invitation_by_short_code(code=form.cleaned_data["code"])
            if invitation is not None:
                return redirect("preparation:rsvp", rsvp_token=invitation.token)
            ratelimit.hit("rsvp.code", f"ip:{ratelimit.client_ip(request)}")  # only failures count
            form.add_error("code", UNKNOWN_CODE_MESSAGE)
        status = 422
    return render(request, "preparation/rsvp_code.html", {"form": form, "public": True}, status=status)


# --- The public event page with open registration -----------------------------------------------------


@require_http_methods(["GET", "POST"])
def event_public(request, registration_dialogue_id: int):
    details = selectors.published_event(dialogue_id=registration_dialogue_id)
    remembered = language_remembered(request)  # a poster's QR code may name the reader's language
    if remembered:
        return remembered
    dialogue = details.dialogue
    form = RegistrationForm(request.POST or None, initial={"language": translation.get_language()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                ratelimit.hit("registration.ip", f"ip:{ratelimit.client_ip(request)}")
                registration = registrations.registration_create(
                    dialogue=dialogue, base_url=request.build_absolute_uri("/").rstrip("/"), **form.cleaned_data
                )
            except ratelimit.RateLimited as error:
                form.add_error(None, error.message)
                status = 429
            except ValidationError as error:
                add_validation_errors(form, error)
                status = 422
            else:
                return redirect("preparation:my_registration", registration_token=registration.token)
        else:
            status = 422
    return render(
        request,
        "preparation/event_public.html",
        {
            "dialogue": dialogue,
            "facts": event_facts(dialogue),
            "form": form,
            "public": True,
            "open": registrations.registration_is_open(details),
            "places_left": registrations.places_left(details),
            "languages": [languages.describe(code) for code in dialogue.language_codes],
            "content_translator": translator_for(dialogue_id=dialogue.pk, language=translation.get_language()),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def my_registration(request, registration_token: str):
    """The registered person's own page (the link in the confirmation): see it, or cancel it."""
    registration = selectors.get_registration_by_token(token=registration_token)
    dialogue = registration.dialogue
    context = {
        "registration": registration,
        "dialogue": dialogue,
        "facts": event_facts(dialogue),
        "public": True,
        "perspective": dict(FORM_CHOICES).get(registration.perspective) if registration.perspective else "",
        "language_name": translation.get_language_info(registration.language)["name_local"],
        "content_translator": translator_for(dialogue_id=dialogue.pk, language=translation.get_language()),
    }
    if request.method == "POST":
        registrations.registration_cancel(registration=registration)
        context["cancelled"] = True
    return render(request, "preparation/my_registration.html", context)


@login_required
@require_POST
def registration_remove(request, dialogue_id: int, registration_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    registration = selectors.get_registration(dialogue=dialogue, registration_id=registration_id)
    registrations.registration_cancel(registration=registration)
    messages.success(request, _("The registration of %(name)s was removed.") % {"name": registration.name})
    return redirect("preparation:event", dialogue_id=dialogue.pk)


@require_http_methods(["GET"])
def rsvp_ics(request, rsvp_token: str):
    invitation = selectors.get_invitation_by_token(token=rsvp_token)
    try:
        content = ics.event_calendar(event_facts(invitation.dialogue))
    except ics.NoEventDate:
        context = {
            "invitation": invitation,
            "event": invitation.dialogue,
            "public": True,
            "content_translator": translator_for(
                dialogue_id=invitation.dialogue_id, language=translation.get_language()
            ),
        }
        return render(request, "preparation/rsvp_no_date.html", context, status=404)
    return _download(content, "einladung.ics", "text/calendar; charset=utf-8")


# --- Project plan ---------------------------------------------------------------------------------------

LABEL_WIDTH, CHART_WIDTH, ROW_HEIGHT, HEADER = 330, 660, 26, 24


def timeline(tasks, today) -> dict | None:
    """Bars of the Gantt-like view as SVG coordinates (labels left, bars right; drawn on the server)."""
    from .plan_defaults import timeline_span

    span = timeline_span([d for t in tasks for d in (t.starts_on, t.due_on) if d] + [today])
    if span is None or not tasks:
        return None
    first, last = span
    days = (last - first).days or 1

    def x(day) -> float:
        return round(LABEL_WIDTH + (day - first).days * CHART_WIDTH / days, 1)

    rows = []
    for index, task in enumerate(tasks):
        start = task.starts_on or task.due_on
        left = x(start)
        rows.append(
            {
                "task": task,
                "x": left,
                "width": max(8.0, round(x(task.due_on) - left, 1)),
                "y": HEADER + index * ROW_HEIGHT + 5,
                "text_y": HEADER + index * ROW_HEIGHT + 18,
                "overdue": task.is_overdue(today),
            }
        )
    months, cursor = [], first.replace(day=1)
    while cursor <= last:
        if cursor >= first:
            months.append({"label": cursor, "x": x(cursor)})
        cursor = (cursor + datetime.timedelta(days=32)).replace(day=1)
    return {
        "rows": rows,
        "today": x(today),
        "months": months,
        "first": first,
        "last": last,
        "height": HEADER + len(tasks) * ROW_HEIGHT + 6,
        "bottom": HEADER + len(tasks) * ROW_HEIGHT,
    }


@login_required
@require_http_methods(["GET", "POST"])
def plan(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION)
    form = ProjectTaskForm(request.POST or None, dialogue=dialogue)
    if request.method == "POST":
        authorize(request.user, policy.CHANGE_PREPARATION, dialogue)
        if form.is_valid():
            data = dict(form.cleaned_data)
            depends_on = data.pop("depends_on")
            try:
                services.project_task_create(actor=request.user, dialogue=dialogue, depends_on=depends_on, **data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The task was added."))
                return redirect("preparation:plan", dialogue_id=dialogue.pk)
    today = timezone.localdate()
    tasks = list(selectors.project_tasks_of(dialogue=dialogue))
    return _page(
        request,
        "preparation/plan.html",
        {
            "dialogue": dialogue,
            "form": form,
            "tasks": tasks,
            "overdue": [t for t in tasks if t.is_overdue(today)],
            "timeline": timeline(tasks, today),
            "today": today,
        },
        bool(form.errors),
    )


@login_required
@require_POST
def plan_generate(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    try:
        count = services.project_plan_generate(actor=request.user, dialogue=dialogue)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("A plan with %(count)s tasks was created from the event date. Adjust it as needed.") % {"count": count},
        )
    return redirect("preparation:plan", dialogue_id=dialogue.pk)


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request, dialogue_id: int, task_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    task = selectors.get_project_task(dialogue=dialogue, task_id=task_id)
    form = ProjectTaskForm(request.POST or None, instance=task, dialogue=dialogue)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        depends_on = data.pop("depends_on")
        try:
            services.project_task_update(actor=request.user, task=task, depends_on=depends_on, **data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The task was saved."))
            return redirect("preparation:plan", dialogue_id=dialogue.pk)
    if form.errors:
        task.refresh_from_db()
    return _page(
        request,
        "preparation/simple_form.html",
        {
            "dialogue": dialogue,
            "form": form,
            "title": _("Edit task"),
            "back": reverse("preparation:plan", args=[dialogue.pk]),
        },
        bool(form.errors),
    )


@login_required
@require_POST
def task_delete(request, dialogue_id: int, task_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    services.project_task_delete(
        actor=request.user, task=selectors.get_project_task(dialogue=dialogue, task_id=task_id)
    )
    messages.success(request, _("The task was removed."))
    return redirect("preparation:plan", dialogue_id=dialogue.pk)


@login_required
def plan_export(request, dialogue_id: int, fmt: str):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION)
    tasks = list(selectors.project_tasks_of(dialogue=dialogue))
    if fmt == "ics":
        return _download(
            ics.plan_calendar(dialogue, tasks), f"projektplan-{dialogue.pk}.ics", "text/calendar; charset=utf-8"
        )
    return _download(
        exports.tasks_xlsx(tasks, timezone.localdate()),
        f"projektplan-{dialogue.pk}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
