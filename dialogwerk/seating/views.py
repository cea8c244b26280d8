"""Table plan pages: the sessions to seat, a new plan, the plan per round, re-planning, themes, print and PDF."""

from __future__ import annotations

import pathlib

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from dialogwerk.core.forms import add_validation_errors
from dialogwerk.design import selectors as design_selectors
from dialogwerk.dialogues import selectors as dialogue_selectors
from dialogwerk.dialogues.access import dialogue_for
from dialogwerk.live.models import Status as SessionStatus

from . import policy, selectors, services
from .forms import PlanForm, ReplanForm, TableThemesForm
from .models import PlanStatus

PDF_STYLESHEET = pathlib.Path(__file__).parent / "static" / "seating" / "pdf.css"


@login_required
@require_GET
def index(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_SEATING)
    return render(
        request,
        "seating/index.html",
        {
            "dialogue": dialogue,
            "sessions": selectors.sessions_for_seating(dialogue=dialogue),
            "may_plan": request.user.has_perm(policy.PLAN_SEATING, dialogue),
            "lifecycle_step": "dialogue",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.PLAN_SEATING)
    sessions = selectors.sessions_for_seating(dialogue=dialogue)
    initial = {}
    if request.GET.get("session", "").isdigit():
        initial["session"] = int(request.GET["session"])
        chosen = next((s for s in sessions if s.pk == initial["session"]), None)
        rounds = chosen.steps.filter(kind="round").count() if chosen else 0
        if rounds:
            initial["rounds"] = rounds
        if chosen is not None and (table_count := len(services.session_tables(chosen))):
            initial["tables"] = table_count  # the agenda's World Café tables (or the session's)
    if "tables" not in initial and (table_count := len(design_selectors.cafe_tables(dialogue))):
        initial["tables"] = table_count
    form = PlanForm(request.POST or None, sessions=sessions, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        session = selectors.get_session(dialogue=dialogue, session_id=data["session"])
        try:
            plan = services.plan_create(
                actor=request.user,
                session=session,
                rounds=data["rounds"],
                table_size=data["table_size"],
                tables=data["tables"],
                distinct_tables=data["distinct_tables"],
                seed=data["seed"] or 0,
                include_participants=data["include_participants"],
                include_invitations=data.get("include_invitations", False),
                people_text=data["people_text"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The table plan was made."))
            return redirect("seating:plan", dialogue_id=dialogue.pk, plan_id=plan.pk)
    return render(
        request,
        "seating/plan_form.html",
        {"dialogue": dialogue, "form": form, "has_sessions": bool(sessions), "lifecycle_step": "dialogue"},
        status=422 if form.errors else 200,
    )


@login_required
@require_GET
def plan_detail(request, dialogue_id: int, plan_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_SEATING)
    plan = selectors.get_plan(dialogue=dialogue, plan_id=plan_id)
    people = list(selectors.people_of(plan=plan))
    return render(
        request,
        "seating/plan.html",
        {
            "dialogue": dialogue,
            "plan": plan,
            "grid": selectors.plan_grid(plan=plan),
            "absent": [p for p in people if not p.present],
            "present_count": sum(1 for p in people if p.present),
            "may_plan": request.user.has_perm(policy.PLAN_SEATING, plan) and plan.status == PlanStatus.CURRENT,
            "lifecycle_step": "dialogue",
        },
    )


def _qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").png_data_uri(scale=4, border=2)


def _print_context(request, dialogue, plan) -> dict:
    url = selectors.join_url(session=plan.session, base_url=request.build_absolute_uri("/"))
    return {
        "dialogue": dialogue,
        "plan": plan,
        "grid": selectors.plan_grid(plan=plan),
        "cards": selectors.route_cards(plan=plan),
        "join_url": url,
        "qr": _qr_data_uri(url),
        "LANGUAGE_CODE": get_language(),
    }


@login_required
@require_GET
def plan_print(request, dialogue_id: int, plan_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_SEATING)
    plan = selectors.get_plan(dialogue=dialogue, plan_id=plan_id)
    return render(
        request, "seating/print.html", {**_print_context(request, dialogue, plan), "lifecycle_step": "dialogue"}
    )


def _pdf(request, template: str, context: dict, filename: str) -> HttpResponse:
    from dialogwerk.core.documents import html_to_pdf  # WeasyPrint is slow to import; only the PDF pages need it

    html = render_to_string(template, context, request=request)
    data = html_to_pdf(html, base_url=request.build_absolute_uri("/"), stylesheets=[PDF_STYLESHEET])
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _filename(plan, kind: str) -> str:
    return f"{kind}-{slugify(plan.session.title) or plan.pk}.pdf"


@login_required
@require_GET
def table_lists_pdf(request, dialogue_id: int, plan_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_SEATING)
    plan = selectors.get_plan(dialogue=dialogue, plan_id=plan_id)
    return _pdf(
        request, "seating/pdf_table_lists.html", _print_context(request, dialogue, plan), _filename(plan, "tischlisten")
    )


@login_required
@require_GET
def route_cards_pdf(request, dialogue_id: int, plan_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_SEATING)
    plan = selectors.get_plan(dialogue=dialogue, plan_id=plan_id)
    return _pdf(
        request, "seating/pdf_route_cards.html", _print_context(request, dialogue, plan), _filename(plan, "laufkarten")
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_replan(request, dialogue_id: int, plan_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.PLAN_SEATING)
    plan = selectors.get_plan(dialogue=dialogue, plan_id=plan_id)
    if plan.status != PlanStatus.CURRENT:
        raise PermissionDenied
    people = list(selectors.people_of(plan=plan))
    session_round = plan.session.current_step + 1 if plan.session.status != SessionStatus.OPEN else 0
    initial = {"current_round": min(session_round, plan.rounds)}
    joinable = services.unseated_participants(plan)
    form = ReplanForm(request.POST or None, plan=plan, people=people, joinable=joinable, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_replan(
                actor=request.user,
                plan=plan,
                current_round=data["current_round"],
                no_shows=data["no_shows"],
                late_text=data["late_text"],
                late_participants=data.get("late_participants", []),
                expected_revision=data["revision"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The remaining rounds were planned again."))
            return redirect("seating:plan", dialogue_id=dialogue.pk, plan_id=plan.pk)
    return render(
        request,
        "seating/replan_form.html",
        {"dialogue": dialogue, "plan": plan, "form": form, "lifecycle_step": "dialogue"},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_themes(request, dialogue_id: int, plan_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.PLAN_SEATING)
    plan = selectors.get_plan(dialogue=dialogue, plan_id=plan_id)
    current = {tt.table_number: tt.theme_id for tt in selectors.table_themes(plan=plan)}
    themes = list(dialogue_selectors.themes_of(dialogue=dialogue))
    form = TableThemesForm(request.POST or None, plan=plan, themes=themes, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.table_themes_set(actor=request.user, plan=plan, themes=form.cleaned_themes())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The table themes were saved."))
            return redirect("seating:plan", dialogue_id=dialogue.pk, plan_id=plan.pk)
    return render(
        request,
        "seating/themes_form.html",
        {"dialogue": dialogue, "plan": plan, "form": form, "lifecycle_step": "dialogue"},
        status=422 if form.errors else 200,
    )
