"""Measures have numbers a council can cite (M-01, M-02 …), per dialogue and stable: in the catalogue's
pages, exports and PDF, and an import finds a measure by its number."""

import importlib

from django.apps import apps as django_apps
from django.db.models import F

from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.measures import services
from dialogwerk.measures.models import Measure
from dialogwerk.reports import services as report_services
from tests.reports.readback import pdf_text

from .test_import_export import column, export, upload


def test_each_dialogue_numbers_its_measures_from_one(consultant, dialogue, municipality, make_measure):
    first, second = make_measure("Sprachcafé"), make_measure("Wohnungsbörse")
    other = dialogue_create(actor=consultant, municipality=municipality, title="Zweiter Dialog")
    elsewhere = services.measure_create(actor=consultant, dialogue=other, title="Patenschaften")
    assert (first.code, second.code, elsewhere.code) == ("M-01", "M-02", "M-01")


def test_a_number_stays_when_other_measures_go(consultant, dialogue, make_measure):
    first, second, third = make_measure("A"), make_measure("B"), make_measure("C")
    second.delete()
    fourth = make_measure("D")
    first.refresh_from_db()
    third.refresh_from_db()
    assert (first.code, third.code, fourth.code) == ("M-01", "M-03", "M-04")


def test_the_exported_catalogue_and_its_pdf_cite_the_numbers(client_for, consultant, dialogue, make_measure):
    make_measure("Sprachcafé")
    make_measure("Wohnungsbörse")
    sheet = export(client_for(consultant), dialogue).active
    numbers = {sheet.cell(r, column(sheet, "Titel")).value: sheet.cell(r, column(sheet, "Nr.")).value for r in (2, 3)}
    assert numbers == {"Sprachcafé": "M-01", "Wohnungsbörse": "M-02"}
    text = pdf_text(report_services.render(dialogue=dialogue, kind="catalogue", format="pdf"))
    assert "M-01" in text and "M-02" in text


def test_an_import_finds_the_measure_by_its_number_and_names_an_unknown_one(
    client_for, consultant, dialogue, make_measure
):
    make_measure("Sprachcafé", progress=10)
    client = client_for(consultant)
    workbook = export(client, dialogue)
    sheet = workbook.active
    sheet.cell(2, column(sheet, "Nr.")).value = "m-1"  # as someone types it
    sheet.cell(2, column(sheet, "Fortschritt (%)")).value = 60
    sheet.append(["M-99", "Unbekannt"])
    response = upload(client, dialogue, workbook)
    preview = client.get(response.url).content.decode()
    assert "In diesem Katalog gibt es keine Maßnahme M-99." in preview
    sheet.delete_rows(3)
    response = upload(client, dialogue, workbook)
    assert client.post(response.url).status_code == 302
    assert Measure.objects.get(title="Sprachcafé").progress == 60


def test_the_migration_numbers_the_measures_each_dialogue_already_has(consultant, dialogue, municipality, make_measure):
    other = dialogue_create(actor=consultant, municipality=municipality, title="Zweiter Dialog")
    made = [make_measure("A"), services.measure_create(actor=consultant, dialogue=other, title="X"), make_measure("B")]
    Measure.objects.update(number=F("pk") + 1000)  # as if they had none
    migration = importlib.import_module("dialogwerk.measures.migrations.0006_measure_numbers")
    migration.number_existing_measures(django_apps, None)
    assert [Measure.objects.get(pk=m.pk).code for m in made] == ["M-01", "M-01", "M-02"]
