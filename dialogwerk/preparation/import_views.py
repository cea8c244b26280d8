"""Importing actors and key figures from a spreadsheet: upload, the worker reads it, preview, confirm.

The file is read by the task worker (core/background_read.py), not here: the page of the upload waits for it
and then shows the preview, or every problem of the file by row and column; nothing is saved until the
preview is confirmed, and a file with errors is not imported at all.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from dialogwerk.core.background_read import STALLED
from dialogwerk.dialogues.access import dialogue_for
from dialogwerk.dialogues.selectors import themes_of

from . import actor_import, figure_import, policy, services
from .forms import UploadForm
from .models import TableKind
from .views import _page

ROW_ERROR_MESSAGES = {
    "missing_column": lambda e: _("The column “%(column)s” is missing in the first row.") % {"column": e.column},
    "required": lambda e: _("This cell must not be empty."),
    "unknown_perspective": lambda e: _("“%(value)s” is not a perspective of this dialogue.") % {"value": e.value},
    "unknown_theme": lambda e: _("“%(value)s” is not a theme of this dialogue.") % {"value": e.value},
    "bad_email": lambda e: _("“%(value)s” is not a valid e-mail address.") % {"value": e.value},
    "bad_number": lambda e: _("“%(value)s” is not a number.") % {"value": e.value},
    "out_of_range": lambda e: _("“%(value)s” is outside 1 to 5.") % {"value": e.value},
    "bad_consent": lambda e: _("Please write “ja” or “nein” instead of “%(value)s”.") % {"value": e.value},
    "contact_without_consent": lambda e: _(
        "E-mail address or phone without consent: write “ja” only if the person agreed, otherwise leave both cells empty."
    ),
    "bad_kind": lambda e: _("Please write “Organisation” or “Person” instead of “%(value)s”.") % {"value": e.value},
    "bad_date": lambda e: _("“%(value)s” is not a date (e.g. 31.12.2025).") % {"value": e.value},
    "too_long": lambda e: _("The text is too long."),
    "duplicate": lambda e: _("The same entry is already in row %(value)s.") % {"value": e.value},
}
TABLE_ERROR_MESSAGES = {
    "unknown_format": gettext_lazy("Please upload a CSV or XLSX file."),
    "unreadable": gettext_lazy("The file could not be read. Is it really a CSV or XLSX file?"),
    "empty": gettext_lazy("The file has no rows below the header."),
    "too_many_rows": gettext_lazy("The file has too many rows (at most 2000)."),
    STALLED: gettext_lazy("The file was not read: the background worker is not running. Please upload it again later."),
}
URL_NAMES = {TableKind.ACTORS: "preparation:actor_import", TableKind.FIGURES: "preparation:figure_import"}


def _row_errors(errors) -> list[dict]:
    return [{"row": e.row, "column": e.column, "message": ROW_ERROR_MESSAGES[e.code](e)} for e in errors]


def _context(dialogue, kind: str) -> dict:
    context = {
        "dialogue": dialogue,
        "kind": kind,
        "form": UploadForm(),
        "upload_url": reverse(URL_NAMES[kind], args=[dialogue.pk]),
    }
    if kind == TableKind.ACTORS:
        services.perspectives_ensure_defaults(dialogue=dialogue)
        context["perspective_names"] = [p.name for p in dialogue.perspectives.all()]
        context["theme_names"] = [t.name for t in themes_of(dialogue=dialogue)]
    return context


def _parse(table_import, context: dict):
    if table_import.kind == TableKind.ACTORS:
        return actor_import.parse_actors(table_import.table, context["perspective_names"], context["theme_names"])
    return figure_import.parse_figures(table_import.table)


def _upload(request, dialogue_id: int, kind: str):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    context = _context(dialogue, kind)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            table_import = services.table_import_upload(
                actor=request.user, dialogue=dialogue, kind=kind, filename=upload.name, content=upload.read()
            )
            return redirect(URL_NAMES[kind] + "_preview", dialogue_id=dialogue.pk, table_import_id=table_import.pk)
        context["form"] = form
    return _page(request, "preparation/import.html", context, bool(context["form"].errors))


def _preview(request, dialogue_id: int, table_import_id: int, kind: str):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    table_import = dialogue.table_imports.filter(pk=table_import_id, kind=kind).first()
    if table_import is None:  # imported already (a second click), or older than a day
        messages.error(request, _("This file was imported already or has expired. Please upload it again if needed."))
        return redirect(URL_NAMES[kind], dialogue_id=dialogue.pk)
    if "reading" in request.GET:  # static/js/await.js asks until the worker is done
        return JsonResponse({"reading": table_import.reading})
    context = _context(dialogue, kind)
    context["table_import"] = table_import
    if table_import.reading:
        return _page(request, "preparation/import.html", context)
    if table_import.failure:
        context["file_errors"] = [TABLE_ERROR_MESSAGES[table_import.failure]]
        return _page(request, "preparation/import.html", context, True)
    result = _parse(table_import, context)
    if not result.ok:
        context["row_errors"] = _row_errors(result.errors)
        context["valid_count"] = len(result.rows)
        return _page(request, "preparation/import.html", context, True)
    if request.method == "POST":
        try:
            count = services.table_import_apply(actor=request.user, table_import=table_import, rows=result.rows)
        except ValidationError as error:
            context["file_errors"] = error.messages
            return _page(request, "preparation/import.html", context, True)
        if kind == TableKind.ACTORS:
            messages.success(request, _("%(count)s actors were imported.") % {"count": count})
            return redirect("preparation:coverage", dialogue_id=dialogue.pk)
        messages.success(request, _("%(count)s key figures were imported.") % {"count": count})
        return redirect("preparation:figures", dialogue_id=dialogue.pk)
    context["preview"] = result.rows
    return _page(request, "preparation/import.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def figure_import_view(request, dialogue_id: int):
    return _upload(request, dialogue_id, TableKind.FIGURES)


@login_required
@require_http_methods(["GET", "POST"])
def figure_import_preview(request, dialogue_id: int, table_import_id: int):
    return _preview(request, dialogue_id, table_import_id, TableKind.FIGURES)


@login_required
@require_http_methods(["GET", "POST"])
def actor_import_view(request, dialogue_id: int):
    return _upload(request, dialogue_id, TableKind.ACTORS)


@login_required
@require_http_methods(["GET", "POST"])
def actor_import_preview(request, dialogue_id: int, table_import_id: int):
    return _preview(request, dialogue_id, table_import_id, TableKind.ACTORS)
