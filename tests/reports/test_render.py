"""The rendering pipeline itself: one block document, two formats, the same words."""

from docx.oxml.ns import qn

from dialogwerk.reports import blocks, charts, render_docx, render_pdf

from .readback import docx_document, docx_headings, docx_text, pdf_images, pdf_page_size, pdf_text

ARABIC = "نريد أن نعيش معا في سلام"


def sample(**kwargs) -> blocks.Document:
    document = blocks.Document(
        title="Dokumentation", subtitle="Größere Straße – Übergänge", cover_lines=["Musterstadt"], **kwargs
    )
    document.section("Zusammenfassung").add(blocks.Para("Äpfel, Öl, Übermut und Spaß"), blocks.Para(ARABIC))
    document.section("Diagramm").add(
        blocks.Figure(charts.horizontal_bars(["Verwaltung", "Geflüchtete"], [3, 5]), "Abbildung 1", "Balken")
    )
    document.section("Tabelle", level=2).add(
        blocks.Table(["Nr.", "Text"], [["1", ARABIC], ["2", "Straße"]], numeric=(0,))
    )
    return document


def test_the_pdf_keeps_umlauts_and_arabic_and_has_a_toc_with_page_numbers():
    content = render_pdf.render(sample())
    text = pdf_text(content)
    assert "Äpfel, Öl, Übermut und Spaß" in text and "Größere Straße" in text
    assert ARABIC in text
    assert "Inhalt" in text and "Zusammenfassung ...." in text.replace(". .", "..")
    assert "Seite 2 von" in text
    assert pdf_images(content) == 1


def test_arabic_blocks_are_marked_right_to_left_in_the_html():
    html = render_pdf.to_html(sample())
    assert f'<p dir="rtl" lang="ar">{ARABIC}</p>' in html


def test_the_docx_keeps_umlauts_arabic_headings_and_marks_rtl():
    content = render_docx.render(sample())
    text = docx_text(content)
    assert "Äpfel, Öl, Übermut und Spaß" in text and ARABIC in text
    assert docx_headings(content)[:3] == ["Zusammenfassung", "Diagramm", "Tabelle"]
    document = docx_document(content)
    arabic = next(p for p in document.paragraphs if p.text == ARABIC)
    assert arabic._p.pPr.find(qn("w:bidi")) is not None
    footer_xml = document.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    assert len(document.inline_shapes) == 1


def test_a_landscape_document_is_wider_than_high():
    width, height = pdf_page_size(render_pdf.render(sample(landscape=True, cover=False, toc=False)))
    assert width > height
    section = docx_document(render_docx.render(sample(landscape=True))).sections[0]
    assert section.page_width > section.page_height


def test_a_chart_is_a_real_png():
    png = charts.grouped_bars(["Wohnen", "Schule"], {"Idee": [2, 3], "Konflikt": [1, 0]})
    assert png.startswith(b"\x89PNG") and len(png) > 2000


def test_direction_is_detected_from_the_letters():
    assert blocks.is_rtl(ARABIC) and blocks.is_rtl("نريد مدرسة school")
    assert not blocks.is_rtl("Straße 12") and not blocks.is_rtl("123")
