"""Generating the documentation in the background: queued by the page, written by the task, progress
polled as JSON, downloaded only by members."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from dialogwerk.reports import services
from dialogwerk.reports.models import GeneratedDocument
from dialogwerk.reports.tasks import generate_document

from .readback import docx_headings, pdf_text


def request(client, dialogue, kind="documentation", format="pdf"):
    return client.post(
        f"/dialoge/{dialogue.pk}/dokumente/erzeugen/", {"generate-kind": kind, "generate-format": format}
    )


def test_a_consultant_queues_a_document_and_the_task_writes_it(
    client_for, consultant, dialogue, cards, django_capture_on_commit_callbacks
):
    client = client_for(consultant)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = request(client, dialogue)
    assert response.status_code == 302
    document = GeneratedDocument.objects.get(dialogue=dialogue)
    assert document.status == "queued" and len(callbacks) == 1

    status = client.get(f"/dialoge/{dialogue.pk}/dokumente/{document.pk}/status/").json()
    assert status == {**status, "status": "queued", "finished": False, "download": ""}

    generate_document.call(document.pk)
    document.refresh_from_db()
    assert document.status == "done" and document.progress == 100
    status = client.get(f"/dialoge/{dialogue.pk}/dokumente/{document.pk}/status/").json()
    assert status["finished"] and status["download"].endswith("/herunterladen/")

    download = client.get(status["download"])
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert "Zusammenfassung" in pdf_text(b"".join(download.streaming_content))


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_the_queued_task(admin_user, dialogue):
    document = services.document_request(actor=admin_user, dialogue=dialogue, kind="documentation", format="docx")
    generate_document.enqueue(document.pk)
    call_command("db_worker", batch=True, verbosity=0)
    document.refresh_from_db()
    assert document.status == "done"
    with document.file.open("rb") as handle:
        assert "Zusammenfassung" in docx_headings(handle.read())


def test_a_document_is_generated_only_once(dialogue, consultant):
    document = services.document_request(actor=consultant, dialogue=dialogue, kind="catalogue", format="pdf")
    assert services.document_generate(document_id=document.pk).status == "done"
    assert services.document_generate(document_id=document.pk) is None


def test_a_failure_is_recorded_not_hidden(dialogue, consultant, monkeypatch):
    document = services.document_request(actor=consultant, dialogue=dialogue, kind="documentation", format="pdf")
    monkeypatch.setattr(services, "render", lambda **kwargs: (_ for _ in ()).throw(RuntimeError("kaputt")))
    services.document_generate(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == "failed" and "kaputt" in document.error


def test_an_unknown_format_is_rejected_and_nothing_is_queued(client_for, consultant, dialogue):
    assert request(client_for(consultant), dialogue, format="odt").status_code == 422
    assert not GeneratedDocument.objects.exists()


def test_a_moderator_may_download_but_not_generate(client_for, moderator, consultant, dialogue):
    document = services.document_request(actor=consultant, dialogue=dialogue, kind="catalogue", format="pdf")
    services.document_generate(document_id=document.pk)
    client = client_for(moderator)
    assert request(client, dialogue).status_code == 403
    assert client.post(f"/dialoge/{dialogue.pk}/dokumente/{document.pk}/loeschen/").status_code == 403
    assert client.get(f"/dialoge/{dialogue.pk}/dokumente/{document.pk}/herunterladen/").status_code == 200


def test_an_outsider_gets_404_for_status_and_download(client_for, outsider, consultant, dialogue):
    document = services.document_request(actor=consultant, dialogue=dialogue, kind="catalogue", format="pdf")
    client = client_for(outsider)
    assert client.get(f"/dialoge/{dialogue.pk}/dokumente/{document.pk}/status/").status_code == 404
    assert client.get(f"/dialoge/{dialogue.pk}/dokumente/{document.pk}/herunterladen/").status_code == 404


def test_a_document_not_ready_cannot_be_downloaded_and_can_be_deleted(client_for, consultant, dialogue):
    document = services.document_request(actor=consultant, dialogue=dialogue, kind="catalogue", format="pdf")
    client = client_for(consultant)
    assert client.get(f"/dialoge/{dialogue.pk}/dokumente/{document.pk}/herunterladen/").status_code == 404
    assert client.post(f"/dialoge/{dialogue.pk}/dokumente/{document.pk}/loeschen/").status_code == 302
    assert not GeneratedDocument.objects.exists()


def test_the_progress_the_page_polls_rises_step_by_step_in_german(dialogue, consultant, cards):
    """What the progress bar shows while the worker writes: rising percentages with a German step name."""
    document = services.document_request(actor=consultant, dialogue=dialogue, kind="documentation", format="pdf")
    seen = []
    record = services._progress(document.pk)

    def watch(percent, step):
        record(percent, step)
        stored = GeneratedDocument.objects.get(pk=document.pk)  # what the status JSON would answer now
        seen.append((stored.progress, stored.step))

    services.render(dialogue=dialogue, kind="documentation", format="pdf", progress=watch)
    percents = [percent for percent, _step in seen]
    assert len(seen) >= 5 and percents == sorted(percents) and percents[-1] < 100
    assert ("Daten werden gelesen" in seen[0][1]) and seen[-1][1] == "Seiten werden gesetzt"


def test_a_document_whose_worker_died_fails_visibly_and_can_be_started_again(
    client_for, consultant, dialogue, settings
):
    """A worker killed mid-way leaves its document "being generated": once no sign of life came for
    DOCUMENT_STALL_SECONDS, the page says it failed and offers to generate it again."""
    settings.DOCUMENT_STALL_SECONDS = 300
    document = services.document_request(actor=consultant, dialogue=dialogue, kind="documentation", format="pdf")
    started = timezone.now() - datetime.timedelta(seconds=301)
    GeneratedDocument.objects.filter(pk=document.pk).update(status="running", progress=20, heartbeat_at=started)
    alive = services.document_request(actor=consultant, dialogue=dialogue, kind="catalogue", format="pdf")
    GeneratedDocument.objects.filter(pk=alive.pk).update(status="running", progress=20, heartbeat_at=timezone.now())
    client = client_for(consultant)

    status = client.get(f"/dialoge/{dialogue.pk}/dokumente/{document.pk}/status/").json()
    assert status["status"] == "failed" and status["finished"]
    assert client.get(f"/dialoge/{dialogue.pk}/dokumente/{alive.pk}/status/").json()["status"] == "running"
    page = client.get(f"/dialoge/{dialogue.pk}/dokumente/").content.decode()
    assert "Erneut erzeugen" in page

    assert request(client, dialogue, kind="documentation", format="pdf").status_code == 302
    again = GeneratedDocument.objects.filter(dialogue=dialogue, kind="documentation").exclude(pk=document.pk).get()
    assert services.document_generate(document_id=again.pk).status == "done"
