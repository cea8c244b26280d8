"""Method library, method recommendation, and the agenda (Ablaufplan) with print view and PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from dialogwerk.core.forms import add_validation_errors
from dialogwerk.dialogues.access import dialogue_for
from dialogwerk.tenancy.access import authorize

from . import agenda_rules, policy, selectors, services
from .forms import AgendaForm, AgendaItemForm, CafeTablesForm, MethodForm, RecommendationForm
from .models import Goal, ItemKind
from .recommend import MethodProfile, rank

STEP = "preparation"


def _page(request, template: str, context: dict, form_errors: bool = False):
    context.setdefault("may_change", request.user.has_perm(policy.CHANGE_DESIGN, context["dialogue"]))
    context.setdefault("lifecycle_step", STEP)
    return render(request, template, context, status=422 if form_errors else 200)


def reason_text(code: str, values: dict) -> str:
    if code == "fits_group":
        return _("suits %(min)s to %(max)s participants") % values
    if code == "too_few":
        return _("needs at least %(min)s participants") % values
    if code == "too_many":
        return _("works for at most %(max)s participants") % values
    if code == "fits_time":
        return _("fits into the time available (needs at least %(min)s minutes)") % values
    if code == "needs_more_time":
        return _("needs at least %(min)s minutes") % values
    if code == "serves_goal":
        return _("serves the goal “%(goal)s”") % {"goal": Goal(values["goal"]).label}
    if code == "misses_goals":
        return _("serves none of the goals ticked")
    raise ValueError(code)


@login_required
def methods(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DESIGN)
    method_list = list(selectors.methods_for(dialogue=dialogue))
    agenda = selectors.agenda_of(dialogue=dialogue)
    data = (
        request.GET
        if "participants" in request.GET
        else {"participants": dialogue.expected_participants or "", "minutes": agenda.available_minutes, "goals": []}
    )
    form = RecommendationForm(data)
    recommendations = []
    if form.is_valid():
        profiles = [
            MethodProfile(
                m.pk, m.name, m.min_participants, m.max_participants, m.min_minutes, m.max_minutes, frozenset(m.goals)
            )
            for m in method_list
        ]
        by_id = {m.pk: m for m in method_list}
        for result in rank(
            profiles, form.cleaned_data["participants"], form.cleaned_data["minutes"], set(form.cleaned_data["goals"])
        ):
            recommendations.append(
                {
                    "method": by_id[result.method.id],
                    "suitable": result.suitable,
                    "score": result.score,
                    "reasons": [reason_text(code, values) for code, values in result.reasons],
                }
            )
    return _page(
        request,
        "design/methods.html",
        {"dialogue": dialogue, "form": form, "recommendations": recommendations},
        bool(form.errors),
    )


@login_required
def method_detail(request, dialogue_id: int, method_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DESIGN)
    return _page(
        request,
        "design/method_detail.html",
        {"dialogue": dialogue, "method": selectors.get_method(dialogue=dialogue, method_id=method_id)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def method_create(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DESIGN)
    initial = {}
    copy_of = request.GET.get("vorlage")
    if copy_of and copy_of.isdigit():
        source = selectors.get_method(dialogue=dialogue, method_id=int(copy_of))
        initial = {name: getattr(source, name) for name in services.METHOD_FIELDS}
        initial["name"] = _("%(name)s (own version)") % {"name": source.name}
    form = MethodForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            method = services.method_create(actor=request.user, dialogue=dialogue, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The method was added to your library."))
            return redirect("design:method_detail", dialogue_id=dialogue.pk, method_id=method.pk)
    return _page(request, "design/method_form.html", {"dialogue": dialogue, "form": form}, bool(form.errors))


@login_required
@require_http_methods(["GET", "POST"])
def method_edit(request, dialogue_id: int, method_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DESIGN)
    method = selectors.get_method(dialogue=dialogue, method_id=method_id)
    if method.is_builtin:
        raise PermissionDenied
    form = MethodForm(request.POST or None, instance=method)
    if request.method == "POST" and form.is_valid():
        try:
            services.method_update(actor=request.user, method=method, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The method was saved."))
            return redirect("design:method_detail", dialogue_id=dialogue.pk, method_id=method.pk)
    if form.errors:
        method.refresh_from_db()
    return _page(
        request, "design/method_form.html", {"dialogue": dialogue, "form": form, "method": method}, bool(form.errors)
    )


def warning_text(warning: agenda_rules.Warning) -> str:
    values = warning.values
    if warning.code == "over_time":
        return (
            ngettext(
                "The agenda is %(over)s minute longer than the time available.",
                "The agenda is %(over)s minutes longer than the time available.",
                values["over"],
            )
            % values
        )
    if warning.code == "no_break":
        return (
            _(
                "From “%(from)s” to “%(until)s” there are %(minutes)s minutes without a break (plan one at least every 90 minutes)."
            )
            % values
        )
    if warning.code == "short_round":
        return _("The World Café round “%(title)s” has only %(minutes)s minutes; plan at least %(min)s.") % values
    raise ValueError(warning.code)


def _minutes_to_time(minute: int) -> str:
    return f"{(minute // 60) % 24:02d}:{minute % 60:02d}"


def agenda_context(dialogue) -> dict:
    agenda = selectors.agenda_of(dialogue=dialogue)
    items = selectors.agenda_items_of(agenda=agenda)
    rule_items = [
        agenda_rules.Item(i.title, i.duration_minutes, i.kind, i.method.key if i.method else "") for i in items
    ]
    start = agenda.starts_at.hour * 60 + agenda.starts_at.minute
    times = agenda_rules.schedule(rule_items, start)
    rows = [
        {"item": item, "start": _minutes_to_time(s), "end": _minutes_to_time(e)} for item, (s, e) in zip(items, times)
    ]
    total = agenda_rules.total_minutes(rule_items)
    return {
        "dialogue": dialogue,
        "agenda": agenda,
        "rows": rows,
        "total": total,
        "ends": _minutes_to_time(start + total),
        "warnings": [warning_text(w) for w in agenda_rules.warnings(rule_items, agenda.available_minutes)],
    }


@login_required
@require_http_methods(["GET", "POST"])
def agenda(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DESIGN)
    context = agenda_context(dialogue)
    methods = selectors.methods_for(dialogue=dialogue)
    form = AgendaItemForm(request.POST or None, methods=methods)
    if request.method == "POST":
        authorize(request.user, policy.CHANGE_DESIGN, dialogue)
        if form.is_valid():
            try:
                services.agenda_item_create(actor=request.user, dialogue=dialogue, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The item was added."))
                return redirect("design:agenda", dialogue_id=dialogue.pk)
    context.update(form=form, times_form=AgendaForm(instance=context["agenda"]))
    return _page(request, "design/agenda.html", context, bool(form.errors))


@login_required
@require_POST
def agenda_times(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DESIGN)
    context = agenda_context(dialogue)
    times_form = AgendaForm(request.POST, instance=selectors.agenda_of(dialogue=dialogue))
    if times_form.is_valid():
        try:
            services.agenda_save(actor=request.user, dialogue=dialogue, **times_form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(times_form, error)
        else:
            messages.success(request, _("The times were saved."))
            return redirect("design:agenda", dialogue_id=dialogue.pk)
    context = agenda_context(dialogue)
    context.update(form=AgendaItemForm(methods=selectors.methods_for(dialogue=dialogue)), times_form=times_form)
    return _page(request, "design/agenda.html", context, True)


@login_required
@require_POST
def agenda_template(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DESIGN)
    try:
        services.agenda_fill_world_cafe_evening(actor=request.user, dialogue=dialogue)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The agenda was filled with a World Café evening. Adapt it to your dialogue."))
    return redirect("design:agenda", dialogue_id=dialogue.pk)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, dialogue_id: int, agenda_item_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DESIGN)
    item = selectors.get_agenda_item(dialogue=dialogue, agenda_item_id=agenda_item_id)
    form = AgendaItemForm(request.POST or None, instance=item, methods=selectors.methods_for(dialogue=dialogue))
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_update(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The item was saved."))
            return redirect("design:agenda", dialogue_id=dialogue.pk)
    if form.errors:
        item.refresh_from_db()
    return _page(
        request, "design/agenda_item_form.html", {"dialogue": dialogue, "form": form, "item": item}, bool(form.errors)
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_tables(request, dialogue_id: int, agenda_item_id: int):
    """The tables of a World Café round: number, theme and host each (the table plan takes them from here)."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DESIGN)
    item = selectors.get_agenda_item(dialogue=dialogue, agenda_item_id=agenda_item_id)
    if item.kind != ItemKind.ROUND:
        messages.error(request, _("Only a round (e.g. a World Café round) has tables. Change the item's kind first."))
        return redirect("design:agenda_item_edit", dialogue_id=dialogue.pk, agenda_item_id=item.pk)
    themes = list(dialogue.themes.order_by("position", "id"))
    form = CafeTablesForm(request.POST or None, themes=themes, current=selectors.cafe_table_list(item=item))
    if request.method == "POST" and form.is_valid():
        try:
            services.cafe_tables_set(actor=request.user, item=item, tables=form.cleaned_tables())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The tables were saved."))
            return redirect(reverse("design:agenda", args=[dialogue.pk]) + f"#punkt-{item.pk}")
    return _page(
        request, "design/cafe_tables.html", {"dialogue": dialogue, "form": form, "item": item}, bool(form.errors)
    )


@login_required
@require_POST
def agenda_item_delete(request, dialogue_id: int, agenda_item_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DESIGN)
    item = selectors.get_agenda_item(dialogue=dialogue, agenda_item_id=agenda_item_id)
    services.agenda_item_delete(actor=request.user, item=item)
    messages.success(request, _("The item “%(title)s” was removed.") % {"title": item.title})
    return redirect("design:agenda", dialogue_id=dialogue.pk)


@login_required
@require_POST
def agenda_item_move(request, dialogue_id: int, agenda_item_id: int):
    """Up/down buttons (no JS) or a target position (drag and drop posts it)."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DESIGN)
    item = selectors.get_agenda_item(dialogue=dialogue, agenda_item_id=agenda_item_id)
    direction, position = request.POST.get("direction"), request.POST.get("position", "")
    if direction in {"up", "down"}:
        services.agenda_item_move(
            actor=request.user, item=item, position=item.position + (-1 if direction == "up" else 1)
        )
    elif position.isdigit():
        services.agenda_item_move(actor=request.user, item=item, position=int(position))
    else:
        messages.error(request, _("Choose whether to move the item up or down."))
    return redirect(reverse("design:agenda", args=[dialogue.pk]) + f"#punkt-{item.pk}")


@login_required
def agenda_print(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DESIGN)
    return render(request, "design/agenda_print.html", {**agenda_context(dialogue), "print_view": True})


@login_required
def agenda_pdf(request, dialogue_id: int):
    from dialogwerk.core.documents import html_to_pdf

    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DESIGN)
    html = render_to_string("design/agenda_pdf.html", agenda_context(dialogue), request=request)
    response = HttpResponse(html_to_pdf(html, base_url=request.build_absolute_uri("/")), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="ablaufplan-{dialogue.pk}.pdf"'
    return response
