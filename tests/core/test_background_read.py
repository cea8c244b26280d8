"""Uploaded spreadsheets are read by the task worker, never in the request: a workbook that takes a second of
CPU to read costs the worker that second, not the app process serving the phones and the wall of an event.
The upload's page waits for the worker, then shows the preview; a file no worker reads says so."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from dialogwerk.measures import tabular
from dialogwerk.measures.models import CatalogueImport
from dialogwerk.preparation.models import TableImport
from tests.preparation.helpers import actor_rows, ready, xlsx
from tests.worker import run_worker


def upload_actors(client, dialogue, content: bytes):
    return client.post(f"/dialoge/{dialogue.pk}/akteure/import/", {"file": SimpleUploadedFile("akteure.xlsx", content)})


def test_the_upload_only_stores_the_file_and_the_worker_reads_it(client_for, consultant, dialogue):
    ready(dialogue)
    client = client_for(consultant)
    response = upload_actors(client, dialogue, xlsx(actor_rows(3)))
    assert response.status_code == 302
    record = TableImport.objects.get()
    assert record.read_state == "reading" and record.table == [] and bytes(record.content).startswith(b"PK")

    waiting = client.get(response.url)
    assert waiting.status_code == 200
    assert (
        "Die Datei wird gelesen" in waiting.content.decode()
        and "„akteure.xlsx“ wird im Hintergrund gelesen" in waiting.content.decode()
    )
    assert client.get(response.url, {"reading": "1"}).json() == {"reading": True}

    assert run_worker() == 1
    assert client.get(response.url, {"reading": "1"}).json() == {"reading": False}
    record.refresh_from_db()
    assert record.content is None  # the file is gone once read
    assert record.table[1][0] == "Akteur 0"
    assert "Vorschau: 3 Zeilen sind bereit" in client.get(response.url).content.decode()


def test_the_catalogue_is_read_by_the_worker_too(client_for, consultant, dialogue):
    client = client_for(consultant)
    response = client.post(
        f"/dialoge/{dialogue.pk}/massnahmen/import/",
        {"file": SimpleUploadedFile("k.csv", "Titel\nSprachcafé\n".encode())},
    )
    assert response.status_code == 302
    assert "Die Datei wird gelesen" in client.get(response.url).content.decode()
    assert client.post(response.url).status_code == 200  # applying a file not read yet changes nothing
    run_worker()
    preview = client.get(response.url).content.decode()
    assert "0 geändert, 1 neu" in preview
    assert client.post(response.url).status_code == 302
    assert dialogue.measures.get().title == "Sprachcafé"
    assert CatalogueImport.objects.get().rows == []  # what the file held is in the catalogue now, not twice


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_reads_a_queued_catalogue(dialogue, consultant):
    record = tabular.import_create(
        actor=consultant, dialogue=dialogue, filename="k.csv", content="Titel\nSprachcafé\n".encode()
    )
    call_command("db_worker", batch=True, verbosity=0)
    record.refresh_from_db()
    assert record.read_state == "ready" and record.rows == [{"title": "Sprachcafé"}]


def test_a_file_no_worker_read_says_so_and_another_can_be_uploaded(client_for, consultant, dialogue):
    ready(dialogue)
    client = client_for(consultant)
    response = upload_actors(client, dialogue, xlsx(actor_rows(3)))
    TableImport.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=10))
    assert client.get(response.url, {"reading": "1"}).json() == {"reading": False}  # the waiting page stops waiting
    page = client.get(response.url)
    assert page.status_code == 422
    assert "Der Hintergrunddienst läuft nicht" in page.content.decode() and "Datei prüfen" in page.content.decode()


def test_a_reader_that_breaks_fails_the_upload_visibly(client_for, consultant, dialogue, monkeypatch):
    ready(dialogue)
    monkeypatch.setattr(TableImport, "reader", "builtins.divmod")  # any error a reader did not expect
    client = client_for(consultant)
    response = upload_actors(client, dialogue, xlsx(actor_rows(3)))
    run_worker()
    page = client.get(response.url)
    assert page.status_code == 422 and "Die Datei konnte nicht gelesen werden." in page.content.decode()
    assert TableImport.objects.get().content is None


def test_uploads_never_imported_are_gone_after_a_day(client_for, consultant, dialogue):
    ready(dialogue)
    client = client_for(consultant)
    upload_actors(client, dialogue, xlsx(actor_rows(3)))
    TableImport.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    upload_actors(client, dialogue, xlsx(actor_rows(4)))
    assert TableImport.objects.count() == 1


def test_an_imported_file_is_deleted_with_its_import(client_for, consultant, dialogue):
    ready(dialogue)
    client = client_for(consultant)
    response = upload_actors(client, dialogue, xlsx(actor_rows(3)))
    run_worker()
    assert client.post(response.url, {"confirm": "1"}).status_code == 302
    assert dialogue.actors.count() == 3 and not TableImport.objects.exists()
