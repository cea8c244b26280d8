"""The catalogue of measures as a landscape PDF; the XLSX comes from the measures app."""

from django.utils import timezone
from django.utils.translation import gettext as _

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


def xlsx(dialogue) -> bytes | None:
    """The measures app's catalogue export (shared with its import), when it exists."""
    try:
        from dialogwerk.measures.tabular import catalogue_xlsx
    except ImportError:
        return None
    return catalogue_xlsx(dialogue)
