"""Importing actors from CSV/XLSX: a preview first, row-level errors, and nothing half-imported."""

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogwerk.preparation.actor_import import parse_actors
from dialogwerk.preparation.models import Actor
from tests.preparation.helpers import HEADER, actor_rows, ready, xlsx
from tests.worker import upload_and_read


def upload(client, dialogue, content: bytes, name: str = "akteure.xlsx"):
    return upload_and_read(
        client, f"/dialoge/{dialogue.pk}/akteure/import/", {"file": SimpleUploadedFile(name, content)}
    )


def test_it_reports_bad_rows_by_row_and_column_and_saves_nothing(client_for, consultant, dialogue):
    ready(dialogue)
    rows = actor_rows(20)
    rows[4][2] = "Marsmenschen"  # row 6: unknown perspective
    rows[11][8] = 9  # row 13: influence out of range
    response = upload(client_for(consultant), dialogue, xlsx(rows))
    assert response.status_code == 422
    html = response.content.decode()
    assert "Die Datei hat 2 Fehler. Es wurde nichts importiert." in html
    assert "<td>6</td><td>Blickwinkel</td><td>„Marsmenschen“ ist kein Blickwinkel dieses Dialogs.</td>" in html
    assert "<td>13</td><td>Einfluss</td><td>„9“ liegt nicht zwischen 1 und 5.</td>" in html
    assert not Actor.objects.exists()


def test_a_clean_file_is_previewed_then_imported_on_confirmation(client_for, consultant, dialogue):
    ready(dialogue)
    client = client_for(consultant)
    response = upload(client, dialogue, xlsx(actor_rows(20)))
    assert response.status_code == 200 and "Vorschau: 20 Zeilen sind bereit" in response.content.decode()
    assert not Actor.objects.exists()
    preview_url = response.request["PATH_INFO"]
    response = client.post(preview_url, {"confirm": "1"})
    assert response.status_code == 302
    assert Actor.objects.filter(dialogue=dialogue).count() == 20
    assert Actor.objects.get(name="Akteur 1").themes.get().name == "Kindergarten & Schule"
    # A second click (the back button, a double tap) imports nothing twice, and says why.
    response = client.post(preview_url, {"confirm": "1"}, follow=True)
    assert "Diese Datei wurde schon importiert" in response.content.decode()
    assert Actor.objects.filter(dialogue=dialogue).count() == 20


def test_a_semicolon_csv_from_excel_is_understood(client_for, consultant, dialogue):
    ready(dialogue)
    content = (
        "Name;Blickwinkel;Themen;Einfluss;Interesse\nMoschee-Verein;Kirchen & Religionsgemeinschaften;Bauen & Wohnen;2;4\n"
    ).encode("cp1252")
    response = upload(client_for(consultant), dialogue, content, "akteure.csv")
    assert response.status_code == 200 and "Moschee-Verein" in response.content.decode()


def test_a_file_that_is_not_a_spreadsheet_is_rejected_in_german(client_for, consultant, dialogue):
    ready(dialogue)
    response = upload(client_for(consultant), dialogue, b"\x00\x01garbage", "akteure.xlsx")
    assert response.status_code == 422
    assert "Die Datei konnte nicht gelesen werden." in response.content.decode()


def test_a_missing_required_column_is_named(client_for, consultant, dialogue):
    ready(dialogue)
    response = upload(client_for(consultant), dialogue, xlsx([["A"]], header=["Name"]))
    assert (
        response.status_code == 422
        and "In der ersten Zeile fehlt die Spalte „Blickwinkel“." in response.content.decode()
    )


def test_a_moderator_may_not_import(client_for, moderator, dialogue):
    assert upload(client_for(moderator), dialogue, xlsx(actor_rows(2))).status_code == 403


def test_the_export_reads_back_as_the_same_actors(client_for, consultant, dialogue):
    import io

    import openpyxl

    ready(dialogue)
    client = client_for(consultant)
    client.post(upload(client, dialogue, xlsx(actor_rows(5))).request["PATH_INFO"], {"confirm": "1"})
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/dialoge/{dialogue.pk}/akteure/akteure.xlsx").content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER and len(rows) == 6
    csv_text = client.get(f"/dialoge/{dialogue.pk}/akteure/akteure.csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Name;Art;Blickwinkel") and "Akteur 4" in csv_text


PERSPECTIVES = ["Verwaltung", "Geflüchtete"]
THEMES = ["Bauen & Wohnen"]
cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(cells, min_size=0, max_size=12), max_size=15))
def test_parsing_never_crashes_and_every_row_is_either_accepted_or_reported(rows):
    result = parse_actors([HEADER] + rows, PERSPECTIVES, THEMES)
    non_empty = [n for n, row in enumerate(rows, start=2) if any(c.strip() for c in row)]
    accepted = {row.row for row in result.rows}
    reported = {error.row for error in result.errors}
    assert accepted.isdisjoint(reported)
    assert accepted | reported == set(non_empty)
    for row in result.rows:
        assert row.perspective in PERSPECTIVES and 1 <= row.influence <= 5 and 1 <= row.interest <= 5
