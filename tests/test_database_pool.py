"""DATABASE_POOL_MAX_SIZE: an opt-in pool of PostgreSQL connections per app process; the page threads and how long
they keep their connections (PAGE_THREADS, CONN_MAX_AGE); a wrong setting stops the start."""

import os
import subprocess
import sys
import urllib.parse

import pytest


def _run(code: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DATABASE_POOL_MAX_SIZE"}}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "dialogwerk.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def _server_url() -> str:
    # The server's maintenance database: it exists wherever the server does (the app's may not, in a test run).
    return urllib.parse.urlsplit(os.environ["DATABASE_URL"])._replace(path="/postgres").geturl()


needs_postgres = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL in DATABASE_URL"
)


@needs_postgres
def test_requests_share_the_pools_connections():
    code = (
        "from django.db import connection\n"
        "for _ in range(10):\n"
        "    connection.ensure_connection(); connection.cursor().execute('select 1'); connection.close()\n"
        "print(connection.pool.get_stats()['connections_num'])"
    )
    result = _run(code, DATABASE_URL=_server_url(), DATABASE_POOL_MAX_SIZE="3", LIVE_DB_THREADS="1")
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) <= 4  # ten uses, but no more connections opened than the pool holds


@needs_postgres
def test_the_live_apis_threads_do_not_starve_the_pages():
    # Each live API thread keeps its connection for good (dialogwerk.live.api); the pages still get theirs.
    code = (
        "import threading\n"
        "from django.db import connection\n"
        "held, done = threading.Barrier(3), threading.Event()\n"
        "def live_thread():\n"
        "    connection.ensure_connection(); held.wait(); done.wait()\n"
        "threads = [threading.Thread(target=live_thread) for _ in range(2)]\n"
        "[t.start() for t in threads]; held.wait()\n"
        "for _ in range(3):\n"
        "    connection.ensure_connection(); connection.cursor().execute('select 1'); connection.close()\n"
        "done.set(); [t.join() for t in threads]\n"
        "print('pages served')"
    )
    result = _run(code, DATABASE_URL=_server_url(), DATABASE_POOL_MAX_SIZE="1", LIVE_DB_THREADS="2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["pages", "served"]


def test_without_the_setting_there_is_no_pool():
    result = _run("from django.conf import settings; print('pool' in settings.DATABASES['default'].get('OPTIONS', {}))")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False"]


def test_a_pool_on_sqlite_refuses_to_start():
    result = _run("", DATABASE_POOL_MAX_SIZE="4")
    assert result.returncode != 0 and "DATABASE_POOL_MAX_SIZE needs PostgreSQL" in result.stderr


def test_a_pool_size_that_is_no_number_refuses_to_start():
    result = _run("", DATABASE_URL="postgres://u@127.0.0.1:5432/x", DATABASE_POOL_MAX_SIZE="many")
    assert result.returncode != 0 and "must be a whole number" in result.stderr


@pytest.mark.parametrize(("name", "value"), [("PAGE_THREADS", "0"), ("PAGE_THREADS", "acht"), ("CONN_MAX_AGE", "-1")])
def test_a_wrong_number_of_page_threads_or_connection_age_stops_the_start_and_says_why(name, value):
    result = _run("", **{name: value})
    assert result.returncode != 0 and f"{name} must be a whole number" in result.stderr
