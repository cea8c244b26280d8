"""Documents for the municipality's council: actor lists, the needs analysis, the project plan."""

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from dialogwerk.core.documents import html_to_pdf, protect_workbook, safe_csv_writer

from .actor_import import HEADERS_DE

ACTOR_COLUMNS = list(HEADERS_DE)


def _actor_values(actor) -> list[str]:
    return [
        actor.name,
        actor.get_kind_display(),
        actor.perspective.name,
        actor.contact_name,
        actor.email,
        actor.phone,
        "ja" if actor.consent else "nein",
        "; ".join(theme.name for theme in actor.themes.all()),
        str(actor.influence),
        str(actor.interest),
        actor.notes,
    ]


def actors_csv(actors) -> bytes:
    buffer = io.StringIO()
    writer = safe_csv_writer(buffer, delimiter=";")
    writer.writerow([HEADERS_DE[key] for key in ACTOR_COLUMNS])
    for actor in actors:
        writer.writerow(_actor_values(actor))
    return buffer.getvalue().encode("utf-8-sig")  # Excel opens UTF-8 with BOM correctly


def _workbook(title: str, header: list[str], rows) -> bytes:
    import openpyxl  # heavy: loaded only when a spreadsheet is made, not when an app process starts
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    protect_workbook(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def actors_xlsx(actors) -> bytes:
    return _workbook("Akteure", [HEADERS_DE[key] for key in ACTOR_COLUMNS], (_actor_values(a) for a in actors))


def actor_template_xlsx(perspectives, themes) -> bytes:
    example = [
        "Freundeskreis Asyl",
        "Organisation",
        perspectives[0] if perspectives else "",
        "Frau Muster",
        "kontakt@example.org",
        "",
        "ja",
        "; ".join(themes[:2]),
        "3",
        "5",
        "",
    ]
    return _workbook("Akteure", [HEADERS_DE[key] for key in ACTOR_COLUMNS], [example])


def tasks_xlsx(tasks, today) -> bytes:
    header = [
        _("Title"),
        _("Milestone"),
        _("Owner"),
        _("Start"),
        _("Due date"),
        _("Status"),
        _("Depends on"),
        _("Overdue"),
        _("Notes"),
    ]
    rows = (
        [
            task.title,
            _("yes") if task.is_milestone else "",
            task.owner,
            task.starts_on,
            task.due_on,
            task.get_status_display(),
            "; ".join(other.title for other in task.depends_on.all()),
            _("yes") if task.is_overdue(today) else "",
            task.notes,
        ]
        for task in tasks
    )
    return _workbook(_("Project plan"), header, rows)


def pdf_from_template(template: str, context: dict, base_url: str) -> bytes:
    html = render_to_string(template, context)
    return html_to_pdf(html, base_url=base_url)


def analysis_docx(context: dict) -> bytes:
    from docx import Document

    dialogue, analysis = context["dialogue"], context["analysis"]
    document = Document()
    document.add_heading(_("Needs analysis"), level=0)
    document.add_paragraph(f"{dialogue.title} – {dialogue.municipality.name}")
    document.add_paragraph(_("Status: %(status)s") % {"status": analysis.get_status_display()})
    for number, (label, answer) in enumerate(context["answers"], start=1):
        document.add_heading(f"{number}. {label}", level=1)
        document.add_paragraph(answer or _("(not answered yet)"))
        if number == 1 and context["figures"]:
            table = document.add_table(rows=1, cols=4)
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, [_("Key figure"), _("Value"), _("As of"), _("Source")]):
                cell.text = text
            for figure in context["figures"]:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = figure.indicator, _number(figure.value)
                cells[2].text, cells[3].text = figure.as_of.strftime("%d.%m.%Y"), figure.source
        if number == 2 and context["measures"]:
            table = document.add_table(rows=1, cols=5)
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, [_("Title"), _("Theme"), _("Owner"), _("Since"), _("Status")]):
                cell.text = text
            for measure in context["measures"]:
                cells = table.add_row().cells
                cells[0].text = measure.title
                cells[1].text = measure.theme.name if measure.theme else ""
                cells[2].text = measure.owner
                cells[3].text = measure.since.strftime("%d.%m.%Y") if measure.since else ""
                cells[4].text = measure.get_status_display()
        if number == 3:
            for theme in context["themes"]:
                document.add_paragraph(f"{theme.name}: {theme.key_question}", style="List Bullet")
        if number == 4:
            for row in context["perspective_counts"]:
                document.add_paragraph(f"{row.name}: {row.actor_count}", style="List Bullet")
            if context["empty_perspectives"]:
                document.add_paragraph(
                    _("Perspectives without any actor:") + " " + ", ".join(context["empty_perspectives"]),
                    style="List Bullet",
                )
            for sentence in context["gap_sentences"]:
                document.add_paragraph(sentence, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _number(value) -> str:
    text = f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return text[:-3] if text.endswith(",00") else text
