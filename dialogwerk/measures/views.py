"""Catalogue, measure pages, progress reports, Begleitkreis, import/export and the public status page."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dialogwerk.core.downloads import stored_file_response
from dialogwerk.core.forms import PersonalLinkForm, add_validation_errors
from dialogwerk.core.language_links import language_remembered
from dialogwerk.core.pagination import paginate
from dialogwerk.dialogues.access import dialogue_for
from dialogwerk.synthesis.models import Decision, Outcome
from dialogwerk.tenancy.readable import readable_changes
from dialogwerk.translations.models import ContentTranslation
from dialogwerk.translations.selectors import ContentTranslator, translator_for

from . import catalogue, dashboard, policy, selectors, services, tabular
from .access import measure_for
from .forms import (
    BulkEditForm,
    FilterForm,
    ImportForm,
    MeasureForm,
    ProgressUpdateForm,
    StatementForm,
    SteeringGroupForm,
    SteeringMemberForm,
    SummaryForm,
)
from .models import Measure, Status, SteeringGroup

STEERING_BUCKET_LIMIT = 20


def _today() -> datetime.date:
    return timezone.localdate()


# --- catalogue ------------------------------------------------------------------------------------


@login_required
def catalogue_list(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_MEASURES)
    filters = FilterForm(request.GET or None, dialogue=dialogue)
    query = filters.cleaned_data if filters.is_valid() else {}
    today = _today()
    page = paginate(
        request,
        selectors.filtered_measures(
            dialogue=dialogue,
            theme_id=query.get("theme").pk if query.get("theme") else None,
            owner=query.get("owner", ""),
            status=query.get("status", ""),
            due=query.get("due", ""),
            sort=query.get("sort") or "due",
            today=today,
        ),
    )
    measures = page.object_list
    for measure in measures:
        facts = selectors.facts_for(measure)
        measure.is_overdue = dashboard.is_overdue(facts, today)
    all_items = [(m.progress, m.status) for m in selectors.measures_of(dialogue=dialogue)]
    return render(
        request,
        "measures/catalogue.html",
        {
            "dialogue": dialogue,
            "lifecycle_step": "implementation",
            "measures": measures,
            "page": page,
            "filters": filters,
            "total": len(all_items),
            "overall_progress": dashboard.roll_up(all_items),
            "existing_measures": selectors.existing_measures_of(dialogue=dialogue),
            "may_change": request.user.has_perm(policy.CHANGE_MEASURES, dialogue),
            "bulk_form": BulkEditForm(dialogue=dialogue),
            "statuses": Status.choices,
        },
        status=400 if filters.errors else 200,  # the page still shows, unfiltered, with the error above the filters
    )


@login_required
@require_POST
def measures_bulk(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_MEASURES)
    form = BulkEditForm(request.POST, dialogue=dialogue)
    if form.is_valid():
        try:
            count = services.measures_bulk_update(
                actor=request.user, measures=list(form.cleaned_data["measures"]), **form.changes()
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(count)s measures were changed.") % {"count": count})
            return redirect("measures:catalogue", dialogue_id=dialogue.pk)
    return render(
        request,
        "measures/bulk_error.html",
        {"dialogue": dialogue, "lifecycle_step": "implementation", "form": form},
        status=422,
    )


def _adopted_decision(dialogue, decision_id: str | None):
    if not decision_id or not str(decision_id).isdigit():
        return None
    return (
        Decision.objects.filter(dialogue=dialogue, pk=int(decision_id), outcome=Outcome.ADOPTED)
        .select_related("cluster")
        .first()
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_create(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_MEASURES)
    decision = _adopted_decision(dialogue, request.POST.get("decision") or request.GET.get("decision"))
    initial = {}
    if decision is not None:
        initial = {
            "title": decision.title,
            "description": decision.reason,
            "theme": decision.cluster.theme_id if decision.cluster else None,
        }
        if decision.working_group_id:
            initial["working_group"] = decision.working_group_id
    form = MeasureForm(request.POST or None, dialogue=dialogue, initial=initial, instance=Measure(dialogue=dialogue))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        title = data.pop("title")
        clusters = [decision.cluster] if decision is not None and decision.cluster else []
        cards = list(decision.cluster.cards.all()) if clusters else []
        try:
            measure = services.measure_create(
                actor=request.user,
                dialogue=dialogue,
                title=title,
                decision=decision,
                clusters=clusters,
                contributions=cards,
                **data,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The measure was added to the catalogue."))
            return redirect("measures:detail", dialogue_id=dialogue.pk, measure_id=measure.pk)
    return render(
        request,
        "measures/measure_form.html",
        {"dialogue": dialogue, "lifecycle_step": "implementation", "form": form, "decision": decision},
        status=422 if form.errors else 200,
    )


@login_required
def measure_detail(request, dialogue_id: int, measure_id: int):
    measure = measure_for(request.user, dialogue_id, measure_id, perm=policy.VIEW_MEASURES)
    dialogue = measure.dialogue
    return _render_detail(request, dialogue, measure, ProgressUpdateForm(initial=_update_initial(measure)))


def _update_initial(measure: Measure) -> dict:
    return {"reported_on": _today(), "status": measure.status, "progress": measure.progress}


def _render_detail(request, dialogue, measure, update_form, status=200, owner_form=None):
    changes = [(change, readable_changes(change.changes, Measure)) for change in measure.changes.all()[:100]]
    may_change = request.user.has_perm(policy.CHANGE_MEASURES, dialogue)
    cards = list(measure.contributions.all())
    return render(
        request,
        "measures/measure_detail.html",
        {
            "dialogue": dialogue,
            "lifecycle_step": "implementation",
            "measure": measure,
            "updates": selectors.updates_of(measure=measure),
            "history": changes,
            "clusters": measure.clusters.all(),
            "cards": cards,
            "statement": getattr(measure, "statement", None),
            "update_form": update_form,
            "may_change": may_change,
            "may_report": request.user.has_perm(policy.POST_PROGRESS, dialogue),
            # Personal links for owners without an account: made, shown and revoked by those who edit measures.
            "owner_links": list(selectors.owner_links_of(measure=measure)) if may_change else [],
            "owner_form": owner_form
            or PersonalLinkForm(initial={"name": measure.responsible_person, "email": measure.responsible_email}),
            "today": _today(),
            "may_publish": request.user.has_perm(policy.PUBLISH_STATEMENT, dialogue),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request, dialogue_id: int, measure_id: int):
    measure = measure_for(request.user, dialogue_id, measure_id, perm=policy.CHANGE_MEASURES)
    dialogue = measure.dialogue
    form = MeasureForm(request.POST or None, instance=measure, dialogue=dialogue)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_update(actor=request.user, measure=measure, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("measures:detail", dialogue_id=dialogue.pk, measure_id=measure.pk)
    if form.errors:
        measure.refresh_from_db()
    return render(
        request,
        "measures/measure_form.html",
        {"dialogue": dialogue, "lifecycle_step": "implementation", "form": form, "measure": measure},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def progress_create(request, dialogue_id: int, measure_id: int):
    measure = measure_for(request.user, dialogue_id, measure_id, perm=policy.POST_PROGRESS)
    dialogue = measure.dialogue
    form = ProgressUpdateForm(request.POST, request.FILES)
    if form.is_valid():
        data = dict(form.cleaned_data)
        attachment = data.pop("attachment", None)
        try:
            services.progress_update_create(
                actor=request.user, measure=measure, files=[attachment] if attachment else [], **data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The progress report was saved."))
            return redirect("measures:detail", dialogue_id=dialogue.pk, measure_id=measure.pk)
    measure = selectors.get_measure(dialogue=dialogue, measure_id=measure_id)
    return _render_detail(request, dialogue, measure, form, status=422)


@login_required
def attachment_download(request, dialogue_id: int, measure_id: int, attachment_id: int):
    """Attachments are not public media: they are served only to members of the measure's municipality."""
    measure = measure_for(request.user, dialogue_id, measure_id, perm=policy.VIEW_MEASURES)
    attachment = selectors.get_attachment(measure=measure, attachment_id=attachment_id)
    return stored_file_response(attachment.file, str(attachment))


@login_required
@require_http_methods(["GET", "POST"])
def statement_edit(request, dialogue_id: int, measure_id: int):
    measure = measure_for(request.user, dialogue_id, measure_id, perm=policy.PUBLISH_STATEMENT)
    dialogue = measure.dialogue
    existing = getattr(measure, "statement", None)
    form = StatementForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        try:
            services.statement_save(actor=request.user, measure=measure, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The response was saved."))
            return redirect("measures:detail", dialogue_id=dialogue.pk, measure_id=measure.pk)
    return render(
        request,
        "measures/statement_form.html",
        {"dialogue": dialogue, "lifecycle_step": "implementation", "form": form, "measure": measure},
        status=422 if form.errors else 200,
    )


# --- export and import ----------------------------------------------------------------------------


def _filename(dialogue, extension: str) -> str:
    return f"massnahmenkatalog-{dialogue.pk}-{_today().isoformat()}.{extension}"


@login_required
def export_xlsx(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_MEASURES)
    response = HttpResponse(
        tabular.catalogue_xlsx(dialogue),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(dialogue, "xlsx")}"'
    return response


@login_required
def export_csv(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_MEASURES)
    response = HttpResponse(tabular.catalogue_csv(dialogue), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(dialogue, "csv")}"'
    return response


@login_required
def export_decidim(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_MEASURES)
    response = HttpResponse(tabular.decidim_csv(dialogue), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="decidim-results-{dialogue.pk}.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_MEASURES)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            catalogue_import = tabular.import_create(
                actor=request.user, dialogue=dialogue, filename=upload.name, content=upload.read()
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            return redirect("measures:import_preview", dialogue_id=dialogue.pk, import_id=catalogue_import.pk)
    return render(
        request,
        "measures/import_upload.html",
        {"dialogue": dialogue, "lifecycle_step": "implementation", "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request, dialogue_id: int, import_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_MEASURES)
    catalogue_import = selectors.get_import(dialogue=dialogue, import_id=import_id)
    if "reading" in request.GET:  # static/js/await.js asks until the worker is done
        return JsonResponse({"reading": catalogue_import.reading})
    if catalogue_import.reading or catalogue_import.failure:
        context = {
            "dialogue": dialogue,
            "lifecycle_step": "implementation",
            "catalogue_import": catalogue_import,
            "form": ImportForm(),
            "file_error": tabular.READ_ERRORS.get(catalogue_import.failure),
        }
        return render(request, "measures/import_upload.html", context, status=422 if catalogue_import.failure else 200)
    error = None
    if request.method == "POST":
        try:
            plan = tabular.import_apply(actor=request.user, catalogue_import=catalogue_import)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("The import was applied: %(created)s new, %(updated)s changed.")
                % {"created": plan.count("create"), "updated": plan.count("update")},
            )
            return redirect("measures:catalogue", dialogue_id=dialogue.pk)
    plan = tabular.import_plan(catalogue_import=catalogue_import)
    themes = {theme.pk: theme.name for theme in dialogue.themes.all()}
    statuses = dict(Status.choices)
    rows = []
    for change in plan.rows:
        shown = []
        for key, (old, new) in change.changes.items():
            if key == "theme":
                old, new = themes.get(old, ""), themes.get(new, "")
            elif key == "status":
                old, new = statuses.get(old, old or ""), statuses.get(new, new)
            shown.append((catalogue.COLUMN_BY_KEY[key].header, "" if old is None else old, "" if new is None else new))
        rows.append(
            {
                "number": change.row.number,
                "measure_id": change.row.measure_id,
                "title": change.row.values.get("title", ""),
                "action": change.action,
                "changes": shown,
                "errors": [
                    (
                        catalogue.COLUMN_BY_KEY[e.column].header if e.column in catalogue.COLUMN_BY_KEY else e.column,
                        tabular.error_message(e),
                    )
                    for e in change.row.errors
                ],
                "notes": [str(tabular.NOTE_MESSAGES[n]) for n in change.row.notes],
            }
        )
    return render(
        request,
        "measures/import_preview.html",
        {
            "dialogue": dialogue,
            "lifecycle_step": "implementation",
            "catalogue_import": catalogue_import,
            "plan": plan,
            "rows": [r for r in rows if r["action"] != "unchanged"],
            "unchanged": plan.count("unchanged"),
            "created": plan.count("create"),
            "updated": plan.count("update"),
            "error_count": len(plan.errors),
            "error": error,
        },
        status=422 if error else 200,
    )


# --- Begleitkreis ---------------------------------------------------------------------------------


@login_required
def steering(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_MEASURES)
    group = selectors.steering_group_of(dialogue=dialogue)
    today = _today()
    members = paginate(
        request, selectors.steering_members_of(dialogue=dialogue).order_by("role", "name", "id"), param="mitglieder"
    )
    buckets = dashboard.bucket(
        selectors.facts_of(dialogue=dialogue),
        today=today,
        stale_days=group.stale_after_days if group else dashboard.STALE_DAYS,
    )
    return render(
        request,
        "measures/steering.html",
        {
            "dialogue": dialogue,
            "lifecycle_step": "implementation",
            "group": group,
            "members": members.object_list,
            "member_page": members,
            "buckets": buckets,
            "bucket_limit": STEERING_BUCKET_LIMIT,  # the rest are one click away in the filtered catalogue
            "latest_updates": selectors.latest_updates(dialogue=dialogue),
            "today": today,
            "may_manage": request.user.has_perm(policy.MANAGE_STEERING_GROUP, dialogue),
            "member_form": SteeringMemberForm(municipality=dialogue.municipality),
        },
    )


@login_required
@require_POST
def steering_member_add(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.MANAGE_STEERING_GROUP)
    form = SteeringMemberForm(request.POST, municipality=dialogue.municipality)
    if form.is_valid():
        try:
            services.steering_member_add(actor=request.user, dialogue=dialogue, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The member was added to the steering group."))
            return redirect("measures:steering", dialogue_id=dialogue.pk)
    return render(
        request,
        "measures/steering_member_form.html",
        {"dialogue": dialogue, "lifecycle_step": "implementation", "form": form},
        status=422,
    )


@login_required
@require_POST
def steering_member_remove(request, dialogue_id: int, member_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.MANAGE_STEERING_GROUP)
    member = selectors.get_steering_member(dialogue=dialogue, member_id=member_id)
    services.steering_member_remove(actor=request.user, member=member)
    messages.success(request, _("%(name)s was removed from the steering group.") % {"name": member.name})
    return redirect("measures:steering", dialogue_id=dialogue.pk)


@login_required
@require_http_methods(["GET", "POST"])
def steering_settings(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.MANAGE_STEERING_GROUP)
    group = selectors.steering_group_of(dialogue=dialogue) or SteeringGroup(dialogue=dialogue)
    form = SteeringGroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        services.steering_group_update(actor=request.user, dialogue=dialogue, **form.cleaned_data)
        messages.success(request, _("The settings were saved."))
        return redirect("measures:steering", dialogue_id=dialogue.pk)
    return render(
        request,
        "measures/steering_settings.html",
        {"dialogue": dialogue, "lifecycle_step": "implementation", "form": form},
        status=422 if form.errors else 200,
    )


@login_required
def meeting(request, dialogue_id: int):
    """What the Begleitkreis should discuss: overdue, due soon, silent measures, new reports, open groups."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_MEASURES)
    group = selectors.steering_group_of(dialogue=dialogue)
    today = _today()
    since = today - datetime.timedelta(days=30)
    buckets = dashboard.bucket(
        selectors.facts_of(dialogue=dialogue),
        today=today,
        stale_days=group.stale_after_days if group else dashboard.STALE_DAYS,
    )
    recent = (
        selectors.measures_of(dialogue=dialogue).filter(updates__reported_on__gte=since).distinct().order_by("title")
    )
    return render(
        request,
        "measures/meeting.html",
        {
            "dialogue": dialogue,
            "lifecycle_step": "implementation",
            "buckets": buckets,
            "recent": recent,
            "since": since,
            "working_groups": dialogue.working_groups.filter(reported_on__isnull=True).order_by("proposal_due_on"),
            "today": today,
        },
    )


# --- summary and its translations -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def summary(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_MEASURES)
    may_change = request.user.has_perm(policy.PUBLISH_STATEMENT, dialogue)
    form = SummaryForm(request.POST or None, initial={"language": request.GET.get("sprache", "de")})
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.summary_save(actor=request.user, dialogue=dialogue, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The summary was saved."))
                return redirect("measures:summary", dialogue_id=dialogue.pk)
    summaries = selectors.summaries_of(dialogue=dialogue)
    return render(
        request,
        "measures/summary.html",
        {
            "dialogue": dialogue,
            "lifecycle_step": "implementation",
            "german": summaries.get("de"),
            "translations": [s for lang, s in sorted(summaries.items()) if lang != "de"],
            "form": form,
            "may_change": may_change,
        },
        status=422 if form.errors else 200,
    )


# --- public ---------------------------------------------------------------------------------------


PUBLIC_PAGE_SIZE = 50
PUBLIC_CACHE_SECONDS = 300


def _public_context(request, dialogue, translator: ContentTranslator):
    page = paginate(request, selectors.public_measures_of(dialogue=dialogue), PUBLIC_PAGE_SIZE)
    summaries = selectors.summaries_of(dialogue=dialogue)
    german = summaries.get(settings.LANGUAGE_CODE)
    # The reader's own version of the summary first, where one exists; the German original then in a disclosure.
    shown = summaries.get(translator.language) or german
    return {
        "dialogue": dialogue,
        "public_dialogue": dialogue,
        "content_translator": translator,
        "feed_language": "" if translator.language == settings.LANGUAGE_CODE else translator.language,
        "measures": page.object_list,
        "page": page,
        "overall_progress": dashboard.roll_up(selectors.public_progress_of(dialogue=dialogue)),
        "decisions": selectors.public_decisions_of(dialogue=dialogue),
        "summary": shown,
        "original": german if shown is not german else None,
        "translations": [s for lang, s in sorted(summaries.items()) if s not in (shown, german)],
    }


def _translations_stamp(*, dialogue_id: int, language: str) -> str:
    """Changes whenever a translation into `language` is saved or removed: the fingerprint of the cached
    content covers the originals only."""
    if language == settings.LANGUAGE_CODE:
        return "-"
    stamp = ContentTranslation.objects.filter(dialogue_id=dialogue_id, language=language).aggregate(
        n=Count("id"), last=Max("updated_at")
    )
    return "{}.{}".format(stamp["n"], stamp["last"].timestamp() if stamp["last"] else 0)


def public_status(request, dialogue_id: int):
    dialogue, fingerprint = selectors.get_public_dialogue_and_fingerprint(dialogue_id=dialogue_id)
    remembered = language_remembered(request)
    if remembered:
        return remembered
    # The page is public and read far more often than it changes: its content (not the page around it, which
    # holds the visitor's CSRF token) is cached per language and page; the key changes with every change to
    # its measures, progress reports, responses, summaries and translations, and at the latest after five minutes.
    language = get_language()
    number = request.GET.get("page", "1")
    key = "measures:public:{}:{}:{}:{}:{}".format(
        dialogue.pk,
        fingerprint,
        language,
        _translations_stamp(dialogue_id=dialogue.pk, language=language),
        number if number.isdigit() else "x",
    )
    cached = cache.get(key)
    if isinstance(cached, dict):
        content, title = mark_safe(cached["content"]), cached["title"]  # our own rendering, as it was stored
    else:
        translator = translator_for(dialogue_id=dialogue.pk, language=language)
        content = render_to_string(
            "measures/_public_status_content.html", _public_context(request, dialogue, translator), request=request
        )
        title = translator.text(dialogue, "title")
        cache.set(key, {"content": str(content), "title": title}, PUBLIC_CACHE_SECONDS)
    # No staff navigation on the public page (dialogue=None).
    return render(
        request,
        "measures/public_status.html",
        {
            "dialogue": None,
            "public_dialogue": dialogue,
            "public_title": title,
            "content": content,
            "feed_language": "" if language == settings.LANGUAGE_CODE else language,
        },
    )


def public_measure(request, dialogue_id: int, measure_id: int):
    """One published measure with its whole history, for the link a participant follows from the status page,
    the feed or a notice (public, in the reader's language where translated)."""
    dialogue = selectors.get_public_dialogue(dialogue_id=dialogue_id)
    measure = selectors.get_public_measure(dialogue=dialogue, measure_id=measure_id)
    remembered = language_remembered(request)
    if remembered:
        return remembered
    translator = translator_for(dialogue_id=dialogue.pk, language=get_language())
    return render(
        request,
        "measures/public_measure.html",
        {
            "dialogue": None,
            "public_dialogue": dialogue,
            "measure": measure,
            "content_translator": translator,
            "public_title": translator.text(dialogue, "title"),
            "feed_language": "" if translator.language == settings.LANGUAGE_CODE else translator.language,
        },
    )


def public_decision_document(request, dialogue_id: int, decision_id: int):
    """The resolution document of a decision shown on the status page (every decision is, once it is public)."""
    dialogue = selectors.get_public_dialogue(dialogue_id=dialogue_id)
    return stored_file_response(get_object_or_404(dialogue.decisions, pk=decision_id).document)


class _AtomWithEntryLanguages(Atom1Feed):
    """Atom that names an entry's language (xml:lang) where it is not the feed's: an untranslated title
    stays German."""

    def item_attributes(self, item):
        language = item.get("language")
        return {"xml:lang": language} if language and language != self.feed["language"] else {}


class StatusFeed(Feed):
    """An Atom feed of the published measures, newest change first, in the reader's language where
    translated (the language cookie, or ?lang= for feed readers, which keep no cookies)."""

    feed_type = _AtomWithEntryLanguages

    def __call__(self, request, *args, **kwargs):
        language = request.GET.get("lang", "")
        if language not in dict(settings.LANGUAGES):
            return super().__call__(request, *args, **kwargs)
        with override(language):
            response = super().__call__(request, *args, **kwargs)
        response["Content-Language"] = language
        return response

    def get_object(self, request, dialogue_id: int):
        dialogue = selectors.get_public_dialogue(dialogue_id=dialogue_id)
        # Per request on the dialogue, never on the feed: one instance serves every request.
        dialogue.content_translator = translator_for(dialogue_id=dialogue.pk, language=get_language())
        return dialogue

    def title(self, obj):
        return _("Implementation: %(title)s") % {"title": obj.content_translator.text(obj, "title")}

    def link(self, obj):
        return reverse("measures:public_status", args=[obj.pk])

    def subtitle(self, obj):
        return obj.municipality.name

    def items(self, obj):
        """The published measures and every decision (adopted, rejected with its reason, delegated), newest
        change first: what the status page shows."""
        translator = obj.content_translator
        measures = list(selectors.public_measures_of(dialogue=obj).order_by("-updated_at")[:50])
        for measure in measures:
            measure.shown_title = translator.shown(measure, "title")
            measure.shown_description = translator.shown(measure, "description")
        decisions = [decision for group in selectors.public_decisions_of(dialogue=obj).values() for decision in group]
        for decision in decisions:
            decision.shown_title = translator.shown(decision, "title")
            decision.shown_description = translator.shown(decision, "reason")
        return sorted(measures + decisions, key=self.item_updateddate, reverse=True)[:100]

    def item_title(self, item):
        if isinstance(item, Decision):
            return f"{item.get_outcome_display()}: {item.shown_title.text}"
        return f"{item.shown_title.text} – {item.get_status_display()} ({item.progress} %)"

    def item_description(self, item):
        # HTML (Atom's summary type="html"), so that each part says its language; reports are German.
        parts = [(item.shown_description.language, item.shown_description.text)]
        if isinstance(item, Decision):
            if item.working_group_id:
                group = _("Working group %(name)s, proposal due on %(date)s.") % {
                    "name": item.working_group.name,
                    "date": date_format(item.working_group.proposal_due_on),
                }
                parts.append((get_language(), group))
            if item.body:
                parts.append((settings.LANGUAGE_CODE, item.body))
        elif item.public_updates:
            parts.append((settings.LANGUAGE_CODE, item.public_updates[0].text))
        return format_html_join(
            "", '<p lang="{}" dir="auto">{}</p>', ((lang, linebreaksbr(text)) for lang, text in parts if text)
        )

    def item_extra_kwargs(self, item):
        return {"language": item.shown_title.language}

    def item_link(self, item):
        if isinstance(item, Decision):
            return reverse("measures:public_status", args=[item.dialogue_id]) + f"#entscheidung-{item.pk}"
        return reverse("measures:public_measure", args=[item.dialogue_id, item.pk])

    def item_updateddate(self, item):
        return item.decided_at if isinstance(item, Decision) else item.updated_at

    def item_pubdate(self, item):
        return item.decided_at if isinstance(item, Decision) else item.created_at
