"""Decidim accountability results: export in its CSV columns, import from them."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from dialogwerk.measures.models import Measure
from tests.worker import run_worker


def test_the_export_has_decidims_result_columns(client_for, consultant, dialogue, make_measure):
    import datetime

    measure = make_measure("Sprachcafé", status="done", progress=100, due_on=datetime.date(2027, 6, 30))
    text = client_for(consultant).get(f"/dialoge/{dialogue.pk}/massnahmen/decidim.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows[0]["id"] == str(measure.pk) and rows[0]["title/de"] == "Sprachcafé"
    assert rows[0]["end_date"] == "2027-06-30" and rows[0]["status/key"] == "completed" and rows[0]["progress"] == "100"
    assert rows[0]["external_id"] == f"dialogwerk-{measure.pk}"
    assert {"parent/id", "proposals_ids", "start_date", "description/de"} <= set(rows[0])


def test_a_decidim_file_updates_our_measures_and_adds_theirs(client_for, consultant, dialogue, make_measure):
    measure = make_measure("Sprachcafé")
    header = "id;parent/id;title/de;description/de;start_date;end_date;status/key;status/name/de;progress;proposals_ids;external_id\r\n"
    body = (
        f"{measure.pk};;Sprachcafé;;;;in_progress;;50;;dialogwerk-{measure.pk}\r\n"
        "88;;Fahrradwerkstatt;Aus Decidim;2027-01-01;2027-12-31;not_started;;0;12 13;\r\n"
    )
    client = client_for(consultant)
    response = client.post(
        f"/dialoge/{dialogue.pk}/massnahmen/import/",
        {"file": SimpleUploadedFile("results.csv", (header + body).encode())},
    )
    run_worker()
    preview = client.get(response.url).content.decode()
    assert (
        "1 geändert, 1 neu" in preview and "Die verknüpften Vorschläge aus Decidim werden nicht übernommen." in preview
    )
    client.post(response.url)
    assert Measure.objects.get(pk=measure.pk).progress == 50
    assert Measure.objects.get(title="Fahrradwerkstatt").description == "Aus Decidim"
