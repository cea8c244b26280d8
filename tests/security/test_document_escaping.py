"""User text in every generated document is literal text: plant script and formula payloads in every free-text
column, then open every document the URL walk reaches (PDF, DOCX, XLSX, CSV) and the report documents
rendered by the worker (documentation and catalogue, PDF and DOCX).

- PDF: the planted text reads back as text (pypdf); WeasyPrint fetched nothing (its URL fetcher refuses
  everything but our static files and logs a refusal, see dialogwerk/core/documents.py).
- DOCX: the text reads back literally (python-docx).
- XLSX: no cell is a formula (openpyxl); CSV: no cell starts with = + @ (CSV/formula injection).
"""

import csv
import io
import logging
import zipfile

import openpyxl
import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from dialogwerk.core import documents, tabular
from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.reports import services as report_services
from dialogwerk.reports.models import DocumentFormat, DocumentKind
from tests.security.test_escaping import SCRIPT, SKIP_PAGES, plant
from tests.tenant_walk import FACTORIES, load_factories, walk

FORMULA = '=HYPERLINK("http://evil.example/","klick")'
IMG = '<img src="http://127.0.0.1:9/leak.png" onerror=alert(1)>'
PAYLOAD = f"{FORMULA}{SCRIPT}{IMG}"


def formula_payload(field, row) -> str:
    text = f"{PAYLOAD} {row.pk}"
    if field.max_length is not None and len(text) > field.max_length:
        text = f"{FORMULA}{SCRIPT}"[: field.max_length]
    return text


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def docx_text(content: bytes) -> str:
    word = WordDocument(io.BytesIO(content))
    parts = [p.text for p in word.paragraphs]
    parts += [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def xlsx_formulas(content: bytes) -> list[str]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def csv_formulas(text: str) -> list[str]:
    rows = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";" if text.count(";") >= text.count(",") else ",")
    return [cell for row in rows for cell in row if cell.startswith(("=", "+", "@", "\t", "\r"))]


def check_document(name: str, content_type: str, content: bytes, seen: dict, problems: list) -> None:
    if "pdf" in content_type:
        text = pdf_text(content)
        seen["pdf"] += 1
        seen["pdf_literal"] += "<script>" in text
        if "\nklick" in text and "HYPERLINK" not in text:  # an <a> would show only its text
            problems.append(f"{name}: the planted text was interpreted")
    elif "wordprocessingml" in content_type:
        text = docx_text(content)
        seen["docx"] += 1
        seen["docx_literal"] += SCRIPT in text
    elif "spreadsheetml" in content_type:
        seen["xlsx"] += 1
        if formulas := xlsx_formulas(content):
            problems.append(f"{name}: formula cells {formulas[:5]}")
        seen["xlsx_literal"] += FORMULA in str(
            [c.value for s in openpyxl.load_workbook(io.BytesIO(content)).worksheets for r in s.iter_rows() for c in r]
        )
    elif "text/csv" in content_type:
        seen["csv"] += 1
        text = content.decode("utf-8", errors="replace")
        if formulas := csv_formulas(text):
            problems.append(f"{name}: CSV cells that a spreadsheet runs as formulas {formulas[:3]}")
        seen["csv_literal"] += ("'" + FORMULA).replace('"', '""') in text or ("'" + FORMULA) in text


@pytest.mark.django_db
def test_every_generated_document_shows_planted_text_literally(
    client, other_municipality, outsider, settings, caplog, tmp_path
):
    settings.RATE_LIMITS_ENABLED = False
    settings.MEDIA_ROOT = tmp_path
    load_factories()
    dialogue = dialogue_create(actor=outsider, municipality=other_municipality, title="Dialog B")
    context = {"municipality": other_municipality, "dialogue": dialogue, "user": outsider}
    values = {name: factory(context) for name, factory in FACTORIES.items()}
    assert plant(formula_payload) >= 10
    client.force_login(outsider)
    client.raise_request_exception = False  # server errors are test_escaping.py's business; here: documents
    caplog.set_level(logging.WARNING, logger="dialogwerk.documents")
    problems: list[str] = []
    seen = dict.fromkeys(
        ["pdf", "pdf_literal", "docx", "docx_literal", "xlsx", "xlsx_literal", "csv", "csv_literal"], 0
    )
    for route in walk():
        if route.name in SKIP_PAGES or any(param not in values for param in route.params):
            continue
        response = client.get(route.fill(values))
        if response.status_code != 200:
            continue
        content = b"".join(response.streaming_content) if response.streaming else response.content
        check_document(route.name, response.get("Content-Type", ""), content, seen, problems)
    for kind in DocumentKind.values:
        for fmt in DocumentFormat.values:
            content = report_services.render(dialogue=dialogue, kind=kind, format=fmt)
            content_type = "pdf" if fmt == "pdf" else "wordprocessingml"
            check_document(f"reports {kind}.{fmt}", content_type, content, seen, problems)
    refused = [record.getMessage() for record in caplog.records if record.name == "dialogwerk.documents"]
    assert not refused, f"a PDF tried to fetch: {refused[:5]}"
    assert not problems, "\n".join(problems)
    # Every kind of document was reached, and in each the planted text shows as the characters typed.
    assert seen["pdf"] >= 8 and seen["docx"] >= 6 and seen["xlsx"] >= 4 and seen["csv"] >= 3, seen
    assert (
        seen["pdf_literal"] >= 8
        and seen["docx_literal"] >= 6
        and seen["xlsx_literal"] >= 4
        and seen["csv_literal"] >= 3
    ), seen


def test_the_pdf_fetcher_refuses_the_network_and_files_outside_the_code(settings):
    fetcher = documents.url_fetcher()
    for url in ("http://127.0.0.1:9/leak.png", "https://evil.example/x.css", "file:///etc/passwd", "ftp://x/y"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,hallo").read() == b"hallo"


def test_an_unescaped_image_in_a_pdf_is_not_fetched(caplog):
    caplog.set_level(logging.WARNING, logger="dialogwerk.documents")
    pdf = documents.html_to_pdf('<p>Text</p><img src="http://127.0.0.1:9/leak.png">', base_url="http://testserver/")
    assert pdf.startswith(b"%PDF") and "127.0.0.1:9" in caplog.text


def test_static_files_still_reach_the_pdf_without_the_network():
    from django.contrib.staticfiles import finders

    css = (
        next(path for path in ("css/print.css", "css/app.css", "css/style.css") if finders.find(path))
        if any(finders.find(p) for p in ("css/print.css", "css/app.css", "css/style.css"))
        else None
    )
    if css is None:
        pytest.skip("no stylesheet to fetch")
    response = documents.url_fetcher().fetch(f"http://testserver/static/{css}")
    assert response.read()


def test_csv_and_xlsx_cells_are_never_formulas():
    out = io.StringIO()
    documents.safe_csv_writer(out, delimiter=";").writerow([FORMULA, "+49 711", "@SUM(A1)", "-Liste", "Text", 5, -3])
    assert next(csv.reader(io.StringIO(out.getvalue()), delimiter=";")) == [
        "'" + FORMULA,
        "'+49 711",
        "'@SUM(A1)",
        "'-Liste",
        "Text",
        "5",
        "-3",
    ]
    assert tabular.unprotect("'=A1") == "=A1" and tabular.unprotect("'Anna") == "'Anna"
    workbook = openpyxl.Workbook()
    workbook.active.append([FORMULA, "ok"])
    documents.protect_workbook(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert not xlsx_formulas(buffer.getvalue())
    assert openpyxl.load_workbook(buffer).active["A1"].value == FORMULA
    assert b"<f>" not in zipfile.ZipFile(buffer).read("xl/worksheets/sheet1.xml")


def test_our_csv_exports_read_back_as_typed_when_imported_again():
    from dialogwerk.core.tabular import read_csv
    from dialogwerk.measures.tabular import read_table

    out = io.StringIO()
    writer = documents.safe_csv_writer(out, delimiter=";")
    writer.writerow(["Name", "Telefon", "Notiz"])
    writer.writerow(["Caritas", "+49 711 1234", "=SUMME(A1:A3)"])
    writer.writerow(["Tafel", "-", "@Rathaus"])
    content = out.getvalue().encode("utf-8")
    assert "'+49 711 1234" in out.getvalue()
    assert read_csv(content)[1:] == [["Caritas", "+49 711 1234", "=SUMME(A1:A3)"], ["Tafel", "-", "@Rathaus"]]
    assert read_table("k.csv", content)[1:] == [
        ["Caritas", "+49 711 1234", "=SUMME(A1:A3)"],
        ["Tafel", "-", "@Rathaus"],
    ]
