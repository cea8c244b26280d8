"""Request ids and log lines: X-Request-ID kept (or made) and sent back; one JSON access line per request
with method, route, status, duration, user id and municipality id, and nothing personal; the production
profile and the task worker write the same JSON lines on stdout."""

import io
import json
import logging
import os
import pydoc
import re
import subprocess
import sys

import pytest
from django.db import connection

from dialogwerk.core.logs import RequestContextFilter, logging_config
from dialogwerk.measures.tasks import send_reminders
from tests.e2e.conftest import _database_url

from .helpers import ROOT, run_django


@pytest.fixture
def json_lines():
    """The JSON lines the production formatter writes for our loggers during the test."""
    config = dict(logging_config(json=True)["formatters"]["default"])
    formatter = pydoc.locate(config.pop("()"))(**config)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(RequestContextFilter())
    logger = logging.getLogger("dialogwerk")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


def access_lines(lines):
    return [line for line in lines if line["logger"] == "dialogwerk.request"]


def test_a_request_id_from_the_proxy_comes_back(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a.42")
    assert response["X-Request-ID"] == "lb-7f3a.42"


def test_a_request_without_an_id_gets_a_new_one(client):
    first, second = client.get("/healthz")["X-Request-ID"], client.get("/healthz")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first) and first != second


def test_a_malformed_request_id_is_replaced_not_echoed(client):
    for bad in ("two words", "x" * 200, "<script>", "a\tb"):
        answer = client.get("/healthz", HTTP_X_REQUEST_ID=bad)["X-Request-ID"]
        assert answer != bad and re.fullmatch(r"[0-9a-f]{32}", answer)


@pytest.mark.django_db
def test_the_access_line_names_ids_not_people(client_for, admin_user, municipality, json_lines):
    response = client_for(admin_user).get(f"/kommunen/{municipality.pk}/mitglieder/", HTTP_X_REQUEST_ID="req-members-1")
    assert response.status_code == 200
    [line] = access_lines(json_lines())
    assert line["request_id"] == "req-members-1"
    assert line["method"] == "GET" and line["route"] == "tenancy:members" and line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["user_id"] == admin_user.pk and line["municipality_id"] == municipality.pk
    assert line["level"] == "INFO" and "time" in line
    text = json.dumps(line)
    for personal in ("admin@a.example", "Admin", "Kommune A", "127.0.0.1"):
        assert personal not in text


@pytest.mark.django_db
def test_the_municipality_of_a_single_membership_is_logged_on_a_dialogue_page(
    client_for, consultant, dialogue, json_lines
):
    assert client_for(consultant).get(f"/dialoge/{dialogue.pk}/").status_code == 200
    [line] = access_lines(json_lines())
    assert line["user_id"] == consultant.pk and line["municipality_id"] == dialogue.municipality_id


@pytest.mark.django_db
def test_an_anonymous_request_logs_no_user(client, json_lines):
    client.get("/konto/anmelden/")
    [line] = access_lines(json_lines())
    assert line["user_id"] is None and line["route"] == "login"


def test_the_production_profile_writes_json_lines_on_stdout():
    result = run_django(
        "Client().post('/healthz', secure=True, HTTP_X_REQUEST_ID='prod-check-1')",
        DIALOGWERK_PROFILE="production",
        SECRET_KEY="a-test-secret-that-is-long-enough-for-the-production-profile",
        FIELD_ENCRYPTION_KEY="a-test-field-key-long-enough-for-production",
        DATABASE_URL="sqlite:///:memory:",
        LOG_LEVEL="DEBUG",  # probe routes log their access line at DEBUG
    )
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, result.stdout + result.stderr
    by_logger = {line["logger"]: line for line in lines}
    assert by_logger["dialogwerk.request"]["status"] == 405 and by_logger["dialogwerk.request"]["route"] == "healthz"
    # Django's own warning about the 405 carries the same request id.
    assert by_logger["django.request"]["request_id"] == "prod-check-1" == by_logger["dialogwerk.request"]["request_id"]


@pytest.mark.django_db(transaction=True)
def test_the_task_worker_writes_the_same_json_lines():
    send_reminders.enqueue(today="2026-12-01")
    environment = {
        "DATABASE_URL": _database_url(connection.settings_dict),
        "LOG_FORMAT": "json",
        "DJANGO_SETTINGS_MODULE": "dialogwerk.settings",
    }
    result = subprocess.run(
        [sys.executable, "-m", "dialogwerk", "db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "1"],
        cwd=ROOT,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    worker = [line for line in lines if line["logger"].startswith("django_tasks")]
    assert worker, result.stdout + result.stderr
    assert all({"time", "level", "logger", "message"} <= set(line) for line in worker)
    assert any("send_reminders" in line["message"] or "SUCCESSFUL" in line["message"] for line in worker), worker
