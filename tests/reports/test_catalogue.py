"""The catalogue of measures as a landscape PDF (ours) and XLSX (the measures app's export)."""

import datetime
import io

import openpyxl
import pytest
from django.apps import apps

from .readback import pdf_page_size, pdf_text, xlsx_rows


@pytest.fixture
def measures(dialogue):
    try:
        Measure = apps.get_model("measures", "Measure")
    except LookupError:
        pytest.skip("the measures app has no Measure model yet")
    housing = dialogue.themes.order_by("position").first()
    Measure.objects.create(
        dialogue=dialogue,
        title="Wohnraumbörse für Familien",
        theme=housing,
        responsible_person="Jörg Müller",
        due_on=datetime.date(2027, 3, 31),
        status="in_progress",
        progress=40,
    )
    Measure.objects.create(dialogue=dialogue, title="Begegnungsfest – عيد اللقاء", status="planned")
    return Measure.objects.filter(dialogue=dialogue)


def test_the_catalogue_pdf_is_a_landscape_table_of_all_measures(client_for, moderator, dialogue, measures):
    response = client_for(moderator).get(f"/dialoge/{dialogue.pk}/dokumente/massnahmenkatalog.pdf")
    assert response.status_code == 200
    width, height = pdf_page_size(response.content)
    assert width > height
    text = pdf_text(response.content)
    assert "Maßnahmenkatalog" in text and "Wohnraumbörse für Familien" in text and "Jörg Müller" in text
    assert "31.03.2027" in text and "40 %" in text and "عيد اللقاء" in text


def test_the_catalogue_xlsx_comes_from_the_measures_app(client_for, consultant, dialogue, measures):
    response = client_for(consultant).get(f"/dialoge/{dialogue.pk}/dokumente/massnahmenkatalog.xlsx")
    assert response.status_code == 200
    rows = xlsx_rows(response.content)
    flat = " ".join(str(cell) for row in rows for cell in row if cell)
    assert "Wohnraumbörse für Familien" in flat and "عيد اللقاء" in flat
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert (
        sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
    )  # filter buttons
    assert sheet.freeze_panes in ("A2", "B2")  # the header stays when scrolling
    assert "massnahmenkatalog" in response["Content-Disposition"]  # ß spelt out, not dropped


def test_an_empty_catalogue_says_so(client_for, consultant, dialogue):
    text = pdf_text(client_for(consultant).get(f"/dialoge/{dialogue.pk}/dokumente/massnahmenkatalog.pdf").content)
    assert "Noch keine Maßnahmen erfasst." in text


def test_an_outsider_cannot_get_the_catalogue(client_for, outsider, dialogue):
    assert client_for(outsider).get(f"/dialoge/{dialogue.pk}/dokumente/massnahmenkatalog.pdf").status_code == 404
