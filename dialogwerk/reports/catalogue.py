"""The catalogue of measures as a landscape PDF; the XLSX comes from the measures app."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from dialogwerk.core.documents import protect_workbook

from . import blocks, documentation, render_pdf, sources
from .branding import logo_png


def build(dialogue) -> blocks.Document:
    measures = sources.measures(dialogue)
    municipality = dialogue.municipality
    document = blocks.Document(
        title=_("Catalogue of measures"),
        subtitle=f"{dialogue.title} – {municipality.name} – "
        + _("As of %(date)s") % {"date": timezone.localdate().strftime("%d.%m.%Y")},
        logo_png=logo_png(municipality),
        landscape=True,
        cover=False,
        toc=False,
        footer=f"{_('Catalogue of measures')} – {municipality.name}",
        labels=documentation.labels(),
    )
    section = document.section(_("Measures"))
    if not measures:
        section.add(blocks.Para(_("No measures recorded yet."), style="empty"))
    else:
        section.add(documentation.measure_table(measures, wide=True))
    return document


def pdf(dialogue) -> bytes:
    return render_pdf.render(build(dialogue))


def xlsx(dialogue) -> bytes:
    """The measures app's catalogue export (shared with its import), declared as its document source."""
    return with_filters(sources.read("catalogue_xlsx", dialogue))


def with_filters(content: bytes) -> bytes:
    """Filter buttons on the header row and a frozen header: the mayor's office sorts and filters the list.
    (The measures app's export freezes the header but sets no filter; it is added here.)"""
    import openpyxl  # heavy: loaded only when a spreadsheet is made, not when an app process starts
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.load_workbook(io.BytesIO(content))
    for sheet in workbook.worksheets:
        if sheet.max_row >= 1 and sheet.max_column >= 1:
            sheet.auto_filter.ref = f"A1:{get_column_letter(sheet.max_column)}{max(sheet.max_row, 2)}"
        if not sheet.freeze_panes:
            sheet.freeze_panes = "A2"
    protect_workbook(workbook)  # text that looks like a formula stays text after the round trip
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
