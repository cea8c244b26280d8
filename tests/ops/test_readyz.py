"""/readyz: 200 when the database, the migrations, the cache (and a Redis channel layer) are fine; 503
naming what failed otherwise. /healthz stays 200 whenever the process answers (liveness)."""

import sqlite3

import pytest

from .helpers import get_json


@pytest.mark.django_db
def test_it_is_ready_when_database_migrations_and_cache_work(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["migrations"] == "ok"
    assert body["checks"]["cache"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_it_needs_no_login_and_shows_no_tenant_data(client, municipality, dialogue):
    body = client.get("/readyz").content.decode()
    assert "Kommune A" not in body and "Zusammenleben" not in body


def test_it_is_not_ready_but_alive_when_the_database_is_unreachable():
    # A real database that does not answer: nothing listens on port 1.
    (status, body), liveness = get_json("/readyz", "/healthz", DATABASE_URL="postgres://nobody@127.0.0.1:1/none")
    assert status == 503
    assert body["status"] == "unavailable"
    assert body["failed"] == ["database"]
    assert body["checks"]["migrations"].startswith("skipped")
    assert "127.0.0.1" not in str(body) and "nobody" not in str(body)
    assert liveness == (200, {"status": "ok"}), "an outage of the database must not get the process restarted"


def test_it_is_not_ready_when_migrations_are_missing(tmp_path):
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()
    [(status, body)] = get_json("/readyz", DATABASE_URL=f"sqlite:///{empty}")
    assert status == 503
    assert body["failed"] == ["migrations"]
    assert body["checks"]["database"] == "ok"
    assert "not applied" in body["checks"]["migrations"]


def test_it_is_not_ready_when_redis_is_unreachable(tmp_path):
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()
    [(status, body)] = get_json("/readyz", DATABASE_URL=f"sqlite:///{empty}", REDIS_URL="redis://127.0.0.1:1/0")
    assert status == 503
    assert {"cache", "channel_layer"} <= set(body["failed"])
