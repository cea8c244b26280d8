"""The needs analysis: five guided answers, draft → complete, key figures, existing measures, exports."""

import datetime
import io

import docx
import pypdf

from dialogwerk.preparation.models import ExistingMeasure, KeyFigure, NeedsAnalysis

ANSWERS = {
    "situation": "180 Geflüchtete in drei Unterkünften.",
    "measures_summary": "Sprachcafé, Patenschaften.",
    "themes_summary": "Wohnen und Schule drängen.",
    "actors_summary": "Auch die Nachbarschaft der Unterkunft.",
    "design_summary": "World Café am Abend.",
}


def test_a_draft_is_saved_with_missing_answers(client_for, consultant, dialogue):
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/bedarfsanalyse/", {"situation": "Erst ein Satz.", "draft": "1"}
    )
    assert response.status_code == 302
    assert NeedsAnalysis.objects.get(dialogue=dialogue).status == "draft"


def test_it_refuses_to_complete_with_unanswered_questions(client_for, consultant, dialogue):
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/bedarfsanalyse/", {"situation": "Nur das.", "complete": "1"}
    )
    assert response.status_code == 422
    assert (
        "Bitte beantworten Sie diese Frage, bevor Sie die Analyse als abgeschlossen markieren."
        in response.content.decode()
    )
    assert not NeedsAnalysis.objects.filter(status="complete").exists()


def test_a_full_analysis_is_completed_and_exported_as_pdf_and_docx(client_for, consultant, dialogue):
    client = client_for(consultant)
    assert client.post(f"/dialoge/{dialogue.pk}/bedarfsanalyse/", {**ANSWERS, "complete": "1"}).status_code == 302
    assert NeedsAnalysis.objects.get(dialogue=dialogue).status == "complete"
    KeyFigure.objects.create(
        dialogue=dialogue,
        indicator="Untergebrachte Geflüchtete",
        value=180,
        as_of=datetime.date(2025, 6, 30),
        source="Landratsamt",
    )
    ExistingMeasure.objects.create(dialogue=dialogue, title="Sprachcafé im Rathaus", owner="Integrationsbeauftragte")
    pdf = pypdf.PdfReader(io.BytesIO(client.get(f"/dialoge/{dialogue.pk}/bedarfsanalyse/bedarfsanalyse.pdf").content))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert (
        "Wo stehen wir als Kommune bei der Integration?" in text
        and "Sprachcafé im Rathaus" in text
        and "Landratsamt" in text
    )
    document = docx.Document(
        io.BytesIO(client.get(f"/dialoge/{dialogue.pk}/bedarfsanalyse/bedarfsanalyse.docx").content)
    )
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "World Café am Abend." in paragraphs
    assert any(
        "Untergebrachte Geflüchtete" in cell.text
        for table in document.tables
        for row in table.rows
        for cell in row.cells
    )


def test_a_moderator_reads_but_cannot_change_the_analysis(client_for, moderator, dialogue):
    client = client_for(moderator)
    assert client.get(f"/dialoge/{dialogue.pk}/bedarfsanalyse/").status_code == 200
    assert client.post(f"/dialoge/{dialogue.pk}/bedarfsanalyse/", ANSWERS).status_code == 403
    assert not NeedsAnalysis.objects.exists()


def test_key_figures_are_compared_between_two_dates(client_for, consultant, dialogue):
    client = client_for(consultant)
    for as_of, value in (("2025-01-31", "120"), ("2025-06-30", "180")):
        assert (
            client.post(
                f"/dialoge/{dialogue.pk}/kennzahlen/", {"indicator": "Geflüchtete", "value": value, "as_of": as_of}
            ).status_code
            == 302
        )
    html = client.get(f"/dialoge/{dialogue.pk}/kennzahlen/?first=2025-01-31&second=2025-06-30").content.decode()
    assert "+60" in html


def test_a_key_figure_without_a_number_is_rejected(client_for, consultant, dialogue):
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/kennzahlen/", {"indicator": "Geflüchtete", "value": "viele", "as_of": "2025-01-01"}
    )
    assert (
        response.status_code == 422
        and "Bitte geben Sie eine Zahl ein, z. B. 180 oder 12,5." in response.content.decode()
    )
    assert not KeyFigure.objects.exists()


def test_key_figures_are_imported_from_csv_all_or_nothing(client_for, consultant, dialogue):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.worker import upload_and_read

    client = client_for(consultant)
    bad = "Kennzahl;Wert;Stichtag;Quelle\nGeflüchtete;180;30.06.2025;LRA\nKita-Plätze;zwölf;30.06.2025;\n".encode()
    url = f"/dialoge/{dialogue.pk}/kennzahlen/import/"
    response = upload_and_read(client, url, {"file": SimpleUploadedFile("k.csv", bad)})
    assert response.status_code == 422 and "„zwölf“ ist keine Zahl." in response.content.decode()
    good = "Kennzahl;Wert;Stichtag;Quelle\nGeflüchtete;1.180;30.06.2025;LRA\nKita-Plätze;12;30.06.2025;\n".encode()
    response = upload_and_read(client, url, {"file": SimpleUploadedFile("k.csv", good)})
    assert response.status_code == 200
    assert not KeyFigure.objects.exists()
    assert client.post(response.request["PATH_INFO"], {"confirm": "1"}).status_code == 302
    assert KeyFigure.objects.get(indicator="Geflüchtete").value == 1180


def test_existing_measures_are_listed_and_validated(client_for, consultant, dialogue):
    client = client_for(consultant)
    theme = dialogue.themes.first()
    assert (
        client.post(f"/dialoge/{dialogue.pk}/bestehende-massnahmen/", {"title": "", "status": "running"}).status_code
        == 422
    )
    response = client.post(
        f"/dialoge/{dialogue.pk}/bestehende-massnahmen/",
        {"title": "Sprachcafé", "theme": theme.pk, "status": "running"},
    )
    assert response.status_code == 302 and ExistingMeasure.objects.get().theme == theme
