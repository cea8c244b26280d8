"""DATABASE_POOL_MAX_SIZE: an opt-in pool of PostgreSQL connections per app process; a wrong setting stops the start."""

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
        capture_output=True, text=True, timeout=60,
    )


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL in DATABASE_URL")
def test_requests_share_the_pools_connections():
    code = (
        "from django.db import connection\n"
        "for _ in range(10):\n"
        "    connection.ensure_connection(); connection.cursor().execute('select 1'); connection.close()\n"
        "stats = connection.pool.get_stats()\n"
        "print(stats['pool_max'], stats['connections_num'])"
    )
    # The server's maintenance database: it exists wherever the server does (the app's may not, in a test run).
    server = urllib.parse.urlsplit(os.environ["DATABASE_URL"])._replace(path="/postgres").geturl()
    result = _run(code, DATABASE_URL=server, DATABASE_POOL_MAX_SIZE="3")
    assert result.returncode == 0, result.stderr
    pool_max, opened = result.stdout.split()
    assert pool_max == "3" and int(opened) <= 3  # ten uses, but no more connections opened than the pool holds


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
