"""The *Übersetzungen* page of a dialogue: every text × language with its status, an edit page per language,
export and import for a translation agency (XLSX, XLIFF), and machine translation of what is missing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dialogwerk.core import uploads
from dialogwerk.core.background_read import STALLED
from dialogwerk.dialogues.access import dialogue_for
from dialogwerk.dialogues.languages import LANGUAGE_NAMES, describe

from . import policy, selectors, services
from .configured import machine_translation_enabled, machine_translator
from .machine import TranslationUnavailable
from .models import Status

EXPORT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlf": "application/x-xliff+xml",
}


def _language(dialogue, language: str) -> str:
    if language == selectors.GERMAN or language not in dialogue.language_codes:
        raise Http404
    return language


def _languages(dialogue) -> list[str]:
    return [code for code in dialogue.language_codes if code != selectors.GERMAN]


def _overview(request, dialogue, *, import_errors=(), status=200):
    languages = _languages(dialogue)
    texts = selectors.texts_of(dialogue=dialogue, languages=languages)
    summary = selectors.summary_statuses(dialogue=dialogue, languages=languages)
    return render(
        request,
        "translations/overview.html",
        {
            "dialogue": dialogue,
            "lifecycle_step": "preparation",
            "languages": [(code, describe(code), selectors.progress(texts, code)) for code in languages],
            "rows": [(text, [(code, text.status(code)) for code in languages]) for text in texts],
            "summary": summary if summary is None else [(code, describe(code), summary[code]) for code in languages],
            "machine": machine_translation_enabled(),
            "import_errors": import_errors,
        },
        status=status,
    )


@login_required
@require_GET
def overview(request, dialogue_id: int):
    return _overview(request, dialogue_for(request.user, dialogue_id, perm=policy.TRANSLATE_TEXTS))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, dialogue_id: int, language: str):
    """Every text with its German original and a field for the translation. Saving stores what was changed,
    and what was ticked as checked, as checked translations; a bad entry stores nothing."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.TRANSLATE_TEXTS)
    language = _language(dialogue, language)
    texts = selectors.texts_of(dialogue=dialogue, languages=[language])
    errors = []
    if request.method == "POST":
        items = []
        for text in texts:
            field = f"t-{text.key}"
            if field not in request.POST:
                continue
            value = request.POST[field].strip()
            version = text.versions.get(language)
            before = version.text if version else ""
            confirmed = request.POST.get(f"ok-{text.key}") == "1"
            if value != before or (confirmed and version is not None and version.status != Status.CHECKED):
                items.append((text.key, value))
        try:
            changed = services.translations_save(actor=request.user, dialogue=dialogue, language=language, items=items)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                ngettext("%(count)d translation saved.", "%(count)d translations saved.", changed) % {"count": changed}
                if changed
                else _("Nothing was changed."),
            )
            return redirect("translations:edit", dialogue_id=dialogue.pk, language=language)
    return render(
        request,
        "translations/edit.html",
        {
            "dialogue": dialogue,
            "lifecycle_step": "preparation",
            "language": language,
            "language_name": LANGUAGE_NAMES[language],
            "texts": [
                (
                    text,
                    text.versions.get(language),
                    text.status(language),
                    request.POST.get(f"t-{text.key}") if errors else None,
                )
                for text in texts
            ],
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@login_required
@require_GET
def export(request, dialogue_id: int, language: str, fmt: str):
    from . import exchange  # openpyxl and translate-toolkit: loaded when a file is made, not at start-up

    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.TRANSLATE_TEXTS)
    language = _language(dialogue, language)
    if fmt not in EXPORT_TYPES:
        raise Http404
    units = [
        exchange.Unit(
            key=text.key,
            label=text.label,
            source=text.original,
            target=text.versions[language].text if language in text.versions else "",
            state=text.status(language),
            max_length=text.max_length,
        )
        for text in selectors.texts_of(dialogue=dialogue, languages=[language])
    ]
    if fmt == "xlsx":
        content = exchange.to_xlsx(units, target_language=language, title=dialogue.title)
    else:
        content = exchange.to_xliff(units, target_language=language)
    response = HttpResponse(content, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{uploads.safe_name(f"uebersetzung-{dialogue.pk}-{language}", fmt)}"'
    )
    return response


@login_required
@require_POST
def import_file(request, dialogue_id: int):
    """An agency's XLSX or XLIFF: stored here, read and checked by the worker (core/background_read.py)."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.TRANSLATE_TEXTS)
    upload = request.FILES.get("file")
    if upload is None:
        return _overview(request, dialogue, import_errors=[_("Please choose a file (XLSX or XLIFF).")], status=400)
    try:
        uploads.check_size(upload, "spreadsheet")
        content = upload.read()
    except ValidationError as error:
        return _overview(request, dialogue, import_errors=error.messages, status=400)
    record = services.translation_import_upload(
        actor=request.user, dialogue=dialogue, filename=upload.name or "", content=content, ui_language=get_language()
    )
    return redirect("translations:import_result", dialogue_id=dialogue.pk, translation_import_id=record.pk)


@login_required
@require_GET
def import_result(request, dialogue_id: int, translation_import_id: int):
    """Waits for the worker, then: how many translations changed (on the overview), or every error."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.TRANSLATE_TEXTS)
    record = get_object_or_404(dialogue.translation_imports, pk=translation_import_id)
    if "reading" in request.GET:  # static/js/await.js asks until the worker is done
        return JsonResponse({"reading": record.reading})
    if record.reading:
        return render(
            request,
            "translations/import.html",
            {"dialogue": dialogue, "lifecycle_step": "preparation", "upload": record},
        )
    if record.failure == STALLED:
        return _overview(
            request,
            dialogue,
            import_errors=[
                _("The file was not read: the background worker is not running. Please upload it again later.")
            ],
            status=422,
        )
    if record.failure or record.errors:
        return _overview(
            request, dialogue, import_errors=record.errors or [_("The file could not be read.")], status=422
        )
    messages.success(
        request,
        ngettext(
            "%(count)d translation (%(language)s) imported.",
            "%(count)d translations (%(language)s) imported.",
            record.changed,
        )
        % {"count": record.changed, "language": LANGUAGE_NAMES.get(record.language, record.language)},
    )
    return redirect("translations:overview", dialogue_id=dialogue.pk)


@login_required
@require_POST
def machine(request, dialogue_id: int, language: str):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.TRANSLATE_TEXTS)
    language = _language(dialogue, language)
    translator = machine_translator()
    if translator is None:
        messages.error(request, _("Machine translation is not set up for this installation."))
        return redirect("translations:overview", dialogue_id=dialogue.pk)
    texts = selectors.texts_of(dialogue=dialogue, languages=[language])
    try:
        changed = services.translations_by_machine(dialogue=dialogue, language=language, texts=texts)
    except TranslationUnavailable:
        messages.error(
            request,
            _("The translation service %(name)s could not be reached; nothing was changed. Please try again later.")
            % {"name": translator.name},
        )
    else:
        if changed or translator.supports(selectors.GERMAN, language):
            messages.success(
                request,
                ngettext(
                    "%(count)d text translated by machine; please check it.",
                    "%(count)d texts translated by machine; please check them.",
                    changed,
                )
                % {"count": changed},
            )
        else:
            messages.error(
                request,
                _("%(name)s does not translate into %(language)s.")
                % {"name": translator.name, "language": LANGUAGE_NAMES[language]},
            )
    return redirect("translations:overview", dialogue_id=dialogue.pk)
