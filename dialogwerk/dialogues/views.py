"""The dashboard, a dialogue's overview, its settings (languages included) and its themes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dialogwerk.core.forms import add_validation_errors
from dialogwerk.core.pagination import paginate
from dialogwerk.tenancy import policy as tenancy_policy
from dialogwerk.tenancy import selectors as tenancy_selectors
from dialogwerk.tenancy.access import authorize, municipality_for
from dialogwerk.tenancy.models import Role
from dialogwerk.tenancy.policy import roles_of

from . import languages, policy, selectors, services
from .access import dialogue_for
from .forms import DeleteDialogueForm, DialogueForm, LanguagesForm, PhaseForm, ThemeForm
from .models import Phase


@login_required
def dashboard(request):
    municipalities = list(tenancy_selectors.municipalities_for_user(user=request.user))
    funding_body = request.user.funding_body_memberships.exists()
    if not municipalities and funding_body:  # the funding body's staff start on their overview
        return redirect("funding:bodies")
    archive = "archiv" in request.GET
    page = paginate(request, selectors.dialogues_for_user(user=request.user, archived=archive))
    counts = selectors.dialogue_counts_for_user(user=request.user, archived=archive)
    archived_counts = {} if archive else selectors.dialogue_counts_for_user(user=request.user, archived=True)
    roles = roles_of(request.user)
    for municipality in municipalities:
        municipality.dialogue_list = [d for d in page.object_list if d.municipality_id == municipality.pk]
        municipality.dialogue_count = counts.get(municipality.pk, 0)
        municipality.may_create = request.user.has_perm(policy.CREATE_DIALOGUE, municipality)
        municipality.may_manage = request.user.has_perm(tenancy_policy.MANAGE_MEMBERS, municipality)
        municipality.role_label = Role(roles[municipality.pk]).label
        municipality.archived_count = archived_counts.get(municipality.pk, 0)
    return render(
        request,
        "dialogues/dashboard.html",
        {"municipalities": municipalities, "page": page, "funding_body": funding_body, "archive": archive},
    )


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_create(request, municipality_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=policy.CREATE_DIALOGUE)
    form = DialogueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dialogue = services.dialogue_create(actor=request.user, municipality=municipality, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The dialogue was created with the five default themes."))
            return redirect("dialogues:overview", dialogue_id=dialogue.pk)
    return render(
        request,
        "dialogues/dialogue_form.html",
        {"municipality": municipality, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
def overview(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DIALOGUE)
    return render(
        request,
        "dialogues/overview.html",
        {
            "dialogue": dialogue,
            "date_passed": dialogue.date_passed_in_preparation(timezone.localdate()),
            "themes": selectors.themes_of(dialogue=dialogue),
            "phases": Phase.choices,
            "may_change": request.user.has_perm(policy.CHANGE_DIALOGUE, dialogue),
            "phase_form": PhaseForm(initial={"phase": dialogue.phase}),
            "dialogue_languages": languages.describe_all(dialogue.language_codes),
            "may_choose_languages": request.user.has_perm(policy.CHOOSE_LANGUAGES, dialogue),
        },
    )


@login_required
@require_POST
def dialogue_archive(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DIALOGUE)
    archived = request.POST.get("archived") != "0"
    services.dialogue_archive(actor=request.user, dialogue=dialogue, archived=archived)
    if archived:
        messages.success(
            request,
            _(
                "The dialogue was archived. It is kept, but no longer listed on the start page, in the funding body's figures or in reminders."
            ),
        )
    else:
        messages.success(request, _("The dialogue is back from the archive."))
    return redirect("dialogues:overview", dialogue_id=dialogue.pk)


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_delete(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.DELETE_DIALOGUE)
    form = DeleteDialogueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.dialogue_delete(
                actor=request.user, dialogue=dialogue, confirm_title=form.cleaned_data["confirm_title"]
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request, _("The dialogue “%(title)s” was deleted with everything in it.") % {"title": dialogue.title}
            )
            return redirect("dashboard")
    return render(
        request,
        "dialogues/dialogue_delete.html",
        {"dialogue": dialogue, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_edit(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DIALOGUE)
    if request.method == "POST" and request.POST.get("section") == LanguagesForm.SECTION:
        return _dialogue_languages(request, dialogue)
    form = DialogueForm(request.POST or None, instance=dialogue)
    if request.method == "POST" and form.is_valid():
        try:
            services.dialogue_update(actor=request.user, dialogue=dialogue, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("dialogues:overview", dialogue_id=dialogue.pk)
    if form.errors:
        dialogue.refresh_from_db()  # the page header must show what is stored, not the rejected input
    return _render_edit(request, dialogue, form, LanguagesForm(), status=422 if form.errors else 200)


def _dialogue_languages(request, dialogue):
    """The languages section of the edit page: its own form, posted with section=languages."""
    authorize(request.user, policy.CHOOSE_LANGUAGES, dialogue)
    form = LanguagesForm(request.POST)
    if form.is_valid():
        try:
            services.dialogue_set_languages(
                actor=request.user, dialogue=dialogue, languages=form.cleaned_data["languages"]
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            names = ", ".join(language.name for language in languages.describe_all(dialogue.language_codes))
            messages.success(request, _("The dialogue's languages are now: %(languages)s.") % {"languages": names})
            return redirect("dialogues:overview", dialogue_id=dialogue.pk)
    dialogue.refresh_from_db()
    # 400, not the 422 of the other forms: the checkboxes offer only valid codes, so this input was not typed.
    return _render_edit(request, dialogue, DialogueForm(instance=dialogue), form, status=400)


def _render_edit(request, dialogue, form, languages_form, *, status: int):
    context = {
        "municipality": dialogue.municipality,
        "dialogue": dialogue,
        "form": form,
        "may_delete": request.user.has_perm(policy.DELETE_DIALOGUE, dialogue),
    }
    if request.user.has_perm(policy.CHOOSE_LANGUAGES, dialogue):
        context.update(_languages_context(dialogue, languages_form))
    return render(
        request,
        "dialogues/dialogue_form.html",
        context,
        status=status,
    )


def _languages_context(dialogue, languages_form) -> dict:
    if languages_form.is_bound:  # show what was ticked (the known codes of it), not what is stored
        ticked = languages.ordered(languages_form.data.getlist("languages"))
    else:
        ticked = dialogue.language_codes
    suggestions = [
        (suggestion, languages.describe(suggestion.code))
        for suggestion in selectors.language_suggestions(dialogue=dialogue)
    ]
    return {
        "languages_form": languages_form,
        "language_options": languages.describe_all(languages.offered_codes()),
        "ticked_languages": ticked,
        "suggestions": suggestions,
        "with_suggestions": dialogue.language_codes + [suggestion.code for suggestion, _language in suggestions],
    }


@login_required
@require_POST
def dialogue_phase(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DIALOGUE)
    form = PhaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the offered phases."))
        return redirect("dialogues:overview", dialogue_id=dialogue.pk)
    services.dialogue_set_phase(actor=request.user, dialogue=dialogue, phase=form.cleaned_data["phase"])
    messages.success(request, _("The phase is now: %(phase)s.") % {"phase": dialogue.get_phase_display()})
    return redirect("dialogues:overview", dialogue_id=dialogue.pk)


@login_required
@require_http_methods(["GET", "POST"])
def themes(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DIALOGUE)
    may_change = request.user.has_perm(policy.CHANGE_DIALOGUE, dialogue)
    form = ThemeForm(request.POST or None)
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.theme_create(actor=request.user, dialogue=dialogue, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The theme was added."))
                return redirect("dialogues:themes", dialogue_id=dialogue.pk)
    return render(
        request,
        "dialogues/themes.html",
        {
            "dialogue": dialogue,
            "themes": selectors.themes_of(dialogue=dialogue),
            "form": form,
            "may_change": may_change,
            "lifecycle_step": "preparation",
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def theme_edit(request, dialogue_id: int, theme_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DIALOGUE)
    theme = selectors.get_theme(dialogue=dialogue, theme_id=theme_id)
    form = ThemeForm(request.POST or None, instance=theme)
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_update(actor=request.user, theme=theme, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The theme was saved."))
            return redirect("dialogues:themes", dialogue_id=dialogue.pk)
    if form.errors:
        theme.refresh_from_db()
    return render(
        request,
        "dialogues/theme_form.html",
        {"dialogue": dialogue, "theme": theme, "form": form, "lifecycle_step": "preparation"},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def theme_delete(request, dialogue_id: int, theme_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DIALOGUE)
    theme = selectors.get_theme(dialogue=dialogue, theme_id=theme_id)
    try:
        services.theme_delete(actor=request.user, theme=theme)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The theme “%(name)s” was removed.") % {"name": theme.name})
    return redirect("dialogues:themes", dialogue_id=dialogue.pk)


@login_required
@require_POST
def theme_move(request, dialogue_id: int, theme_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DIALOGUE)
    theme = selectors.get_theme(dialogue=dialogue, theme_id=theme_id)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        messages.error(request, _("Choose whether to move the theme up or down."))
    else:
        services.theme_move(actor=request.user, theme=theme, offset=-1 if direction == "up" else 1)
    return redirect("dialogues:themes", dialogue_id=dialogue.pk)
