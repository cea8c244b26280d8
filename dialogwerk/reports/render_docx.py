"""Render a `blocks.Document` to DOCX with python-docx: cover, a table-of-contents field, page numbers
in the footer, right-to-left paragraphs for Arabic script (python-docx needs raw XML for `w:bidi`)."""

import io

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from . import blocks

PRIMARY = RGBColor(0x1D, 0x5F, 0x8C)
ARABIC_FONT = "Noto Naskh Arabic"


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC): Word computes its value when it lays the document out."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    paragraph.add_run(placeholder)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def _rtl(paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    properties = paragraph._p.get_or_add_pPr()
    properties.append(OxmlElement("w:bidi"))
    for run in paragraph.runs:
        run_properties = run._r.get_or_add_rPr()
        run_properties.append(OxmlElement("w:rtl"))
        fonts = run_properties.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            run_properties.insert(0, fonts)
        fonts.set(qn("w:cs"), ARABIC_FONT)
        run_properties.append(OxmlElement("w:lang"))
        run_properties[-1].set(qn("w:bidi"), "ar-SA")


def _text(container, text: str, style: str | None = None, bold: bool = False):
    paragraph = container.add_paragraph(style=style)
    lines = text.split("\n")
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold or None
        if index < len(lines) - 1:
            run.add_break()
    if blocks.is_rtl(text):
        _rtl(paragraph)
    return paragraph


def _cell(cell, text: str, *, bold: bool = False, right: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold or None
    if blocks.is_rtl(text):
        _rtl(paragraph)
    elif right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _table(document, table: blocks.Table) -> None:
    word_table = document.add_table(rows=1, cols=len(table.headers))
    word_table.style = "Light Grid Accent 1"
    word_table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = word_table.rows[0]
    # Repeat the header row on every page.
    header_properties = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_properties.append(repeat)
    for index, title in enumerate(table.headers):
        _cell(header.cells[index], title, bold=True, right=index in table.numeric)
    rows = table.rows + ([table.footer] if table.footer else [])
    for row_index, row in enumerate(rows):
        cells = word_table.add_row().cells
        is_footer = table.footer is not None and row_index == len(rows) - 1
        for index, value in enumerate(row):
            _cell(cells[index], value, bold=is_footer, right=index in table.numeric)
    if table.small:
        for row in word_table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(8)


def _block(document, block) -> None:
    if isinstance(block, blocks.Para):
        paragraph = _text(document, block.text)
        if block.style in {"muted", "empty"}:
            for run in paragraph.runs:
                run.italic = True
        elif block.style == "lead":
            for run in paragraph.runs:
                run.bold = True
        elif block.style == "card":
            paragraph.paragraph_format.space_after = Pt(2)
            for run in paragraph.runs:
                run.font.size = Pt(9)
    elif isinstance(block, blocks.Bullets):
        for item in block.items:
            _text(document, item, style="List Bullet")
    elif isinstance(block, blocks.KeyValues):
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for key, value in block.rows:
            cells = table.add_row().cells
            _cell(cells[0], key, bold=True)
            _cell(cells[1], value)
        document.add_paragraph()
    elif isinstance(block, blocks.Table):
        _table(document, block)
        document.add_paragraph()
    elif isinstance(block, blocks.Figure):
        document.add_picture(io.BytesIO(block.png), width=Cm(15.5))
        picture = document.paragraphs[-1]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # Alternative text for screen readers (docPr/@descr).
        for element in picture._p.iter(qn("wp:docPr")):
            element.set("descr", block.alt)
        _text(document, block.caption, style="Caption")
    else:
        raise TypeError(f"unknown block {block!r}")


def render(document: blocks.Document) -> bytes:
    labels = {"contents": "Inhalt", "page": "Seite", "of": "von", **document.labels}
    word = WordDocument()
    word.core_properties.title = document.title
    word.core_properties.language = document.language
    styles = word.styles
    styles["Normal"].font.name = "Liberation Sans"
    styles["Normal"].font.size = Pt(10.5)
    for name in ("Title", "Heading 1", "Heading 2"):
        styles[name].font.color.rgb = PRIMARY
    section = word.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    if document.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        section.left_margin = section.right_margin = Cm(1.5)
    else:
        section.left_margin, section.right_margin = Cm(2.2), Cm(2.0)

    footer = section.footer.paragraphs[0]
    footer.text = f"{document.footer or document.title}\t"
    footer.add_run(f"{labels['page']} ")
    _field(footer, "PAGE", "1")
    footer.add_run(f" {labels['of']} ")
    _field(footer, "NUMPAGES", "1")

    if document.logo_png:
        word.add_picture(io.BytesIO(document.logo_png), height=Cm(2.5 if document.cover else 1.5))
    title = word.add_paragraph(document.title, style="Title")
    if blocks.is_rtl(document.title):
        _rtl(title)
    if document.subtitle:
        _text(word, document.subtitle, style="Subtitle")
    for line in document.cover_lines:
        _text(word, line)
    if document.toc:
        if document.cover:
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        word.add_paragraph(
            labels["contents"], style="TOC Heading" if "TOC Heading" in [s.name for s in styles] else "Heading 1"
        )
        # The field fills in page numbers when Word updates it; until then it shows the section titles.
        toc = word.add_paragraph()
        _field(toc, 'TOC \\o "1-2" \\h \\z \\u', "")
        for entry in document.sections:
            paragraph = word.add_paragraph(entry.title)
            if entry.level == 2:
                paragraph.paragraph_format.left_indent = Cm(0.8)
        settings = word.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)
    first = True
    for entry in document.sections:
        if entry.page_break or (first and document.cover):
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        first = False
        heading = word.add_heading(entry.title, level=entry.level)
        if blocks.is_rtl(entry.title):
            _rtl(heading)
        for block in entry.blocks:
            _block(word, block)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
