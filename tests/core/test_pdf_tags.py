"""Every passage in another language is tagged with it in the PDF's structure, so that a screen reader
switches to an Arabic or Persian voice for a card in the German documentation (PDF/UA-1 7.2); every table
header cell says whether it heads a column or a row (7.5)."""

import io

import pikepdf

from dialogwerk.core.documents import html_to_pdf
from dialogwerk.reports import blocks, render_pdf

ARABIC = "نريد مدرسة مفتوحة للجميع"
PERSIAN = "کلاس زبان برای کودکان پیش از مدرسه"


def tagged_languages(content: bytes) -> tuple[list[tuple[str, str]], str]:
    """((structure type, /Lang) of every structure element with a language of its own, the document's language)."""
    found = []
    with pikepdf.open(io.BytesIO(content)) as pdf:
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary):
                if "/Lang" in node and node.get("/Type") == "/StructElem":
                    found.append((str(node.S), str(node.Lang)))
                kids = node.get("/K")
                if isinstance(kids, pikepdf.Array):
                    stack.extend(kid for kid in kids if isinstance(kid, pikepdf.Dictionary))
                elif isinstance(kids, pikepdf.Dictionary):
                    stack.append(kids)
        document_language = str(pdf.Root.Lang)
    return found, document_language


def test_an_arabic_and_a_persian_card_in_a_german_document_carry_their_languages():
    document = blocks.Document(title="Dokumentation")
    document.section("Karten").add(
        blocks.Para("Wohnungen in der Südstadt sind knapp."),
        blocks.Para(ARABIC),
        blocks.Para(PERSIAN),
    )
    found, document_language = tagged_languages(render_pdf.render(document))
    assert document_language == "de"
    assert ("/P", "ar") in found and ("/P", "fa") in found
    assert all(language in {"ar", "fa"} for _tag, language in found)  # the German text keeps the document's


def test_a_cell_in_arabic_is_tagged_as_well():
    found, _document_language = tagged_languages(
        html_to_pdf(
            '<html lang="de"><head><title>Tabelle</title></head><body><table><thead><tr><th>Karte</th></tr></thead>'
            f'<tbody><tr><td dir="rtl" lang="ar">{ARABIC}</td></tr><tr><td>Sprachcafé</td></tr></tbody></table></body></html>'
        )
    )
    assert ("/TD", "ar") in found


def header_scopes(content: bytes) -> list[str]:
    scopes = []
    with pikepdf.open(io.BytesIO(content)) as pdf:
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if node.get("/S") == "/TH":
                scopes.append(str(node.A.get("/Scope", "")))
            kids = node.get("/K")
            if isinstance(kids, pikepdf.Array):
                stack.extend(kid for kid in kids if isinstance(kid, pikepdf.Dictionary))
            elif isinstance(kids, pikepdf.Dictionary):
                stack.append(kids)
    return scopes


def test_table_headers_say_whether_they_head_a_column_or_a_row():
    document = blocks.Document(title="Kosten")
    document.section("Kosten").add(
        blocks.Table(["Kostenposition", "Betrag"], [["Raummiete", "300,00"], ["Verpflegung", "450,00"]]),
        blocks.KeyValues([("Antragsteller", "Musterstadt")]),
    )
    assert sorted(header_scopes(render_pdf.render(document))) == ["/Column", "/Column", "/Row"]
