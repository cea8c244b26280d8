"""Export the catalogue, change it in a spreadsheet, import: a preview of changes and row errors, and
nothing applied while any row has an error."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from dialogwerk.measures.models import CatalogueImport, Measure, MeasureChange
from tests.worker import run_worker


def export(client, dialogue):
    response = client.get(f"/dialoge/{dialogue.pk}/massnahmen/export.xlsx")
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def upload(client, dialogue, workbook, name="katalog.xlsx"):
    out = io.BytesIO()
    workbook.save(out)
    response = client.post(
        f"/dialoge/{dialogue.pk}/massnahmen/import/", {"file": SimpleUploadedFile(name, out.getvalue())}
    )
    run_worker()  # the worker reads the file; the page of the import shows its preview then
    return response


def column(sheet, header):
    return [cell.value for cell in sheet[1]].index(header) + 1


def test_round_trip_shows_two_changes_and_the_error_and_applies_only_when_fixed(
    client_for, consultant, dialogue, make_measure
):
    make_measure("Sprachcafé", progress=10)
    make_measure("Wohnungsbörse")
    client = client_for(consultant)
    workbook = export(client, dialogue)
    sheet = workbook.active
    assert sheet.cell(2, column(sheet, "Titel")).value in {"Sprachcafé", "Wohnungsbörse"}
    row = {sheet.cell(r, column(sheet, "Titel")).value: r for r in (2, 3)}
    sheet.cell(row["Sprachcafé"], column(sheet, "Fortschritt (%)")).value = 40
    sheet.cell(row["Wohnungsbörse"], column(sheet, "Verantwortlich (Organisation)")).value = "Stadtbau GmbH"
    sheet.cell(row["Wohnungsbörse"], column(sheet, "Fällig am")).value = "31.02.2027"

    response = upload(client, dialogue, workbook)
    assert response.status_code == 302
    preview = client.get(response.url).content.decode()
    assert "Fortschritt (%)" in preview and "<ins>40</ins>" in preview
    assert "<ins>Stadtbau GmbH</ins>" not in preview  # that row has an error: it is listed as an error only
    assert "„31.02.2027“ ist kein Datum" in preview and "Die Datei hat 1 Fehler" in preview
    assert "Diese Änderungen übernehmen" not in preview
    assert client.post(response.url).status_code == 422
    assert Measure.objects.get(title="Sprachcafé").progress == 10
    assert Measure.objects.get(title="Wohnungsbörse").responsible_organisation == ""

    sheet.cell(row["Wohnungsbörse"], column(sheet, "Fällig am")).value = "28.02.2027"
    response = upload(client, dialogue, workbook)
    preview = client.get(response.url).content.decode()
    assert "2 geändert, 0 neu, 0 unverändert" in preview and "<ins>Stadtbau GmbH</ins>" in preview
    assert client.post(response.url).status_code == 302
    assert Measure.objects.get(title="Sprachcafé").progress == 40
    assert Measure.objects.get(title="Wohnungsbörse").responsible_organisation == "Stadtbau GmbH"
    assert MeasureChange.objects.filter(source="import").count() == 2
    assert client.post(response.url).status_code == 422  # applying twice does nothing


def test_the_exported_catalogue_has_filter_buttons_and_a_frozen_header(client_for, consultant, dialogue, make_measure):
    make_measure("Sprachcafé")
    make_measure("Wohnungsbörse")
    sheet = export(client_for(consultant), dialogue).active
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}3"
    assert sheet.freeze_panes == "B2"


def test_a_csv_row_without_a_number_adds_a_measure(client_for, consultant, dialogue, make_measure):
    make_measure("Sprachcafé")
    client = client_for(consultant)
    text = client.get(f"/dialoge/{dialogue.pk}/massnahmen/export.csv").content.decode("utf-8-sig")
    text += ";Patenschaften;;;;;;;;;;;;;geplant;0;nein\r\n"
    response = client.post(
        f"/dialoge/{dialogue.pk}/massnahmen/import/", {"file": SimpleUploadedFile("k.csv", text.encode())}
    )
    run_worker()
    client.post(response.url)
    assert set(Measure.objects.values_list("title", flat=True)) == {"Sprachcafé", "Patenschaften"}


def test_an_unreadable_file_answers_422(client_for, consultant, dialogue):
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/massnahmen/import/", {"file": SimpleUploadedFile("k.xlsx", b"PK\x03\x04 kaputt")}
    )
    assert response.status_code == 422 and not CatalogueImport.objects.exists()


def test_a_steering_member_may_export_but_not_import(client_for, steering_member, dialogue):
    client = client_for(steering_member)
    assert client.get(f"/dialoge/{dialogue.pk}/massnahmen/export.xlsx").status_code == 200
    assert client.get(f"/dialoge/{dialogue.pk}/massnahmen/import/").status_code == 403


def test_an_outsider_gets_404(client_for, outsider, dialogue):
    client = client_for(outsider)
    assert client.get(f"/dialoge/{dialogue.pk}/massnahmen/export.xlsx").status_code == 404
    assert client.get(f"/dialoge/{dialogue.pk}/massnahmen/decidim.csv").status_code == 404


def test_a_german_excel_csv_keeps_its_quotes_umlauts_and_euro(client_for, consultant, dialogue):
    """German Excel saves "CSV (Trennzeichen-getrennt)" in Windows-1252; read as Latin-1, „Sprachcafé“ lost
    its quotation marks and € became a control character."""
    client = client_for(consultant)
    text = "Titel;Beschreibung\r\n„Sprachcafé“ im Rathaus;Raummiete 50 € – geklärt\r\n"
    response = client.post(
        f"/dialoge/{dialogue.pk}/massnahmen/import/", {"file": SimpleUploadedFile("k.csv", text.encode("cp1252"))}
    )
    run_worker()
    assert client.post(response.url).status_code == 302
    measure = Measure.objects.get()
    assert (measure.title, measure.description) == ("„Sprachcafé“ im Rathaus", "Raummiete 50 € – geklärt")
