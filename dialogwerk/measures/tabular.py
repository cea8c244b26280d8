"""The catalogue to and from files (XLSX, CSV, Decidim CSV): export, upload, preview, apply."""

import io
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dialogwerk.core import tabular
from dialogwerk.core.background_read import STALLED, ReadFailed, ReadState, queue_read
from dialogwerk.core.documents import protect_workbook, safe_csv_writer
from dialogwerk.dialogues.models import Dialogue

from . import catalogue, services
from .models import CatalogueImport, Measure, Status

MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024

ERROR_MESSAGES = {
    "required": gettext_lazy("A title is required."),
    "date": gettext_lazy("“%(value)s” is not a date (use 31.03.2027 or 2027-03-31)."),
    "decimal": gettext_lazy("“%(value)s” is not an amount in euros."),
    "percent": gettext_lazy("“%(value)s” is not a whole number from 0 to 100."),
    "status": gettext_lazy("“%(value)s” is not a status (geplant, in Umsetzung, erledigt, pausiert, verworfen)."),
    "priority": gettext_lazy("“%(value)s” is not a priority (hoch, mittel, niedrig)."),
    "bool": gettext_lazy("“%(value)s”: write ja or nein."),
    "theme": gettext_lazy("“%(value)s” is not a theme of this dialogue."),
    "unknown_id": gettext_lazy("There is no measure %(value)s in this catalogue."),
    "duplicate_id": gettext_lazy("Measure %(value)s appears in more than one row."),
    "order": gettext_lazy("The due date %(value)s is before the start."),
    "email": gettext_lazy("“%(value)s” is not an e-mail address."),
}
NOTE_MESSAGES = {
    "parent": gettext_lazy("Decidim's parent result is not taken over."),
    "proposals": gettext_lazy("Decidim's linked proposals are not taken over."),
}


def error_message(error: catalogue.RowError) -> str:
    return str(ERROR_MESSAGES[error.code]) % {"value": error.value}


# --- export ---------------------------------------------------------------------------------------


def measure_values(measure: Measure) -> dict[str, Any]:
    """A measure as the catalogue's typed values (theme as its id), for export and for comparison."""
    values = {column.key: getattr(measure, column.key, None) for column in catalogue.COLUMNS if column.key != "theme"}
    values["id"] = measure.pk
    values["code"] = measure.code
    values["theme"] = measure.theme_id
    return values


def _measures(dialogue: Dialogue):
    return dialogue.measures.select_related("theme").order_by("theme__position", "due_on", "title", "id")


def catalogue_xlsx(dialogue: Dialogue) -> bytes:
    import openpyxl  # heavy: loaded only when a spreadsheet is made, not when an app process starts

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("Measures")[:31]
    sheet.append([column.header for column in catalogue.COLUMNS])
    for measure in _measures(dialogue):
        sheet.append(catalogue.our_row(measure_values(measure), measure.theme.name if measure.theme else ""))
    for index, column in enumerate(catalogue.COLUMNS, start=1):
        letter = openpyxl.utils.get_column_letter(index)
        if column.kind == "date":
            for cell in sheet[letter][1:]:
                cell.number_format = "DD.MM.YYYY"
        sheet.column_dimensions[letter].width = 40 if column.key in {"title", "description", "goal"} else 18
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions  # filter buttons in the header row
    protect_workbook(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def catalogue_csv(dialogue: Dialogue) -> str:
    out = io.StringIO()
    writer = safe_csv_writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.header for column in catalogue.COLUMNS])
    for measure in _measures(dialogue):
        row = catalogue.our_row(measure_values(measure), measure.theme.name if measure.theme else "")
        writer.writerow([catalogue.cell_text(value) for value in row])
    return "\ufeff" + out.getvalue()  # the BOM makes Excel read UTF-8


def decidim_csv(dialogue: Dialogue) -> str:
    out = io.StringIO()
    writer = safe_csv_writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(catalogue.DECIDIM_HEADERS)
    labels = dict(Status.choices)
    for measure in _measures(dialogue):
        writer.writerow(catalogue.decidim_row(measure_values(measure), status_label=str(labels[measure.status])))
    return out.getvalue()


# --- import ---------------------------------------------------------------------------------------


READ_ERRORS = {
    "unreadable": gettext_lazy("This is not an Excel file (.xlsx) we can read."),
    "too_many_rows": gettext_lazy("The file has more than 2,000 rows."),
    "not_a_table": gettext_lazy("Upload the catalogue as .xlsx or .csv."),
    "no_rows": gettext_lazy("The file has no rows below its header."),
    "no_title": gettext_lazy("The file has no column “Titel”. Start from an export of the catalogue."),
    STALLED: gettext_lazy("The file was not read: the background worker is not running. Please upload it again later."),
}


def read_table(filename: str, content: bytes) -> list[list[Any]]:
    """The cells of the first sheet of an XLSX file, or of a CSV file (core/tabular.py).
    Raises ReadFailed with a code of READ_ERRORS."""
    try:
        return tabular.read_rows(filename, content, max_rows=MAX_ROWS)
    except tabular.TableError as error:
        if error.code == "too_many_rows":
            raise ReadFailed("too_many_rows") from error
        raise ReadFailed("unreadable" if tabular.is_xlsx(filename, content) else "not_a_table") from error


def import_create(*, actor, dialogue: Dialogue, filename: str, content: bytes) -> CatalogueImport:
    """Store the uploaded catalogue and queue its reading by the worker (core/background_read.py)."""
    if len(content) > MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than 5 MB.")})
    CatalogueImport.objects.filter(created_at__lt=timezone.now() - CatalogueImport.KEPT_FOR).delete()
    return queue_read(CatalogueImport(dialogue=dialogue, filename=filename[:200], uploaded_by=actor), content)


def read_upload(record: CatalogueImport, content: bytes) -> dict:
    """The worker's reading of an uploaded catalogue: its format and rows, keyed by our column names."""
    fmt, rows, _unknown = catalogue.rows_from_table(read_table(record.filename, content))
    if not rows:
        raise ReadFailed("no_rows")
    if len(rows) > MAX_ROWS:
        raise ReadFailed("too_many_rows")
    if not ({"title", "id"} & set(rows[0])) and fmt == catalogue.OURS:
        raise ReadFailed("no_title")
    return {"format": fmt, "rows": rows}


def import_plan(*, catalogue_import: CatalogueImport) -> catalogue.ImportPlan:
    dialogue = catalogue_import.dialogue
    theme_names = {theme.name.casefold(): theme.pk for theme in dialogue.themes.all()}
    parsed = [
        catalogue.parse_row(raw, number=index + 2, fmt=catalogue_import.format, theme_names=theme_names)
        for index, raw in enumerate(catalogue_import.rows)
    ]
    measures = list(dialogue.measures.all())
    current = {measure.pk: measure_values(measure) for measure in measures}
    by_number = {measure.number: measure.pk for measure in measures}
    for row in parsed:
        if row.measure_number is not None:
            row.measure_id = by_number.get(row.measure_number)
            if row.measure_id is None:
                row.errors.append(catalogue.RowError("id", "unknown_id", row.measure_label))
    return catalogue.plan_import(parsed, current)


@transaction.atomic
def import_apply(*, actor, catalogue_import: CatalogueImport) -> catalogue.ImportPlan:
    """Apply every change of the import, or none: any row error stops it before anything is written."""
    locked = CatalogueImport.objects.select_for_update().get(pk=catalogue_import.pk)
    if locked.applied_at is not None:
        raise ValidationError(_("This import was already applied."))
    if locked.read_state != ReadState.READY:
        raise ValidationError(_("The file is not read yet; nothing was changed."))
    plan = import_plan(catalogue_import=locked)
    if not plan.ok:
        raise ValidationError(_("Fix the errors in the file and upload it again; nothing was changed."))
    dialogue = locked.dialogue
    themes = {theme.pk: theme for theme in dialogue.themes.all()}
    measures = {measure.pk: measure for measure in dialogue.measures.all()}
    for change in plan.rows:
        values = dict(change.row.values)
        if "theme" in values:
            values["theme"] = themes.get(values["theme"])
        if change.action == "create":
            title = values.pop("title")
            services.measure_create(actor=actor, dialogue=dialogue, title=title, source="import", **values)
        elif change.action == "update":
            new = {key: values[key] for key in change.changes}
            services.measure_update(actor=actor, measure=measures[change.row.measure_id], source="import", **new)
    locked.applied_at = timezone.now()
    locked.rows = []  # what the file held is in the catalogue now (and erasable there)
    locked.save(update_fields=["applied_at", "rows"])
    return plan
