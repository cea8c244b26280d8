"""Fault injection: the task worker is killed (SIGKILL) while it generates a document. The document must not
read "Wird erzeugt" forever: once its worker gave no sign of life it shows as failed, and a person starts it
again, which a fresh worker finishes.

The worker is held inside the generation by a lock on a table it reads first (PostgreSQL's LOCK TABLE; SQLite
cannot block a reader, so there the test is skipped with the reason, like the scale-out tests).
"""

import os
import signal
import subprocess
import sys
import time

import psycopg
import pytest
from django.conf import settings as django_settings
from django.db import connection

from dialogwerk.reports import services
from dialogwerk.reports.models import GeneratedDocument
from tests.e2e.conftest import _database_url
from tests.scaleout.conftest import LOG_DIR, ROOT

pytestmark = pytest.mark.django_db(transaction=True)


def start_worker(name: str):
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log = open(LOG_DIR / f"killed-worker-{name}.log", "w")
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(connection.settings_dict),
        "MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
        "DIALOGWERK_PROFILE": "local",
        "DEBUG": "false",
    }
    env.pop("REDIS_URL", None)  # the worker needs only the database
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dialogwerk",
            "db_worker",
            "--no-reload",
            "--interval",
            "0.1",
            "--worker-id",
            f"killed-{name}",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return process, log


def wait_for(condition, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def status_of(document_id: int) -> str:
    return GeneratedDocument.objects.values_list("status", flat=True).get(pk=document_id)


def test_a_document_survives_its_worker_being_killed(client_for, consultant, dialogue, settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL to hold the worker inside the generation (SQLite readers cannot be blocked)")
    document = services.document_request(actor=consultant, dialogue=dialogue, kind="documentation", format="pdf")
    url = _database_url(connection.settings_dict)
    with psycopg.connect(url) as blocker:
        blocker.execute("LOCK TABLE reports_documentationtext IN ACCESS EXCLUSIVE MODE")  # held until the block ends
        worker, log = start_worker("1")
        try:
            wait_for(lambda: status_of(document.pk) == "running")
            time.sleep(0.3)  # now waiting for the lock, inside the generation
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=10)
            log.close()
        blocker.rollback()

    assert status_of(document.pk) == "running"  # what the probe saw: nobody will finish it
    settings.DOCUMENT_STALL_SECONDS = 0  # instead of waiting five minutes
    client = client_for(consultant)
    status = client.get(f"/dialoge/{dialogue.pk}/dokumente/{document.pk}/status/").json()
    assert status["status"] == "failed" and status["finished"]
    assert "Erneut erzeugen" in client.get(f"/dialoge/{dialogue.pk}/dokumente/").content.decode()

    client.post(
        f"/dialoge/{dialogue.pk}/dokumente/erzeugen/", {"generate-kind": "documentation", "generate-format": "pdf"}
    )
    again = GeneratedDocument.objects.exclude(pk=document.pk).get(dialogue=dialogue)
    worker, log = start_worker("2")
    try:
        wait_for(lambda: status_of(again.pk) == "done")
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=15)
        log.close()
    assert client.get(f"/dialoge/{dialogue.pk}/dokumente/{again.pk}/herunterladen/").status_code == 200
    assert status_of(document.pk) == "failed"
