"""Scale-out fixtures: two app processes (uvicorn) and two task workers on the test database, sharing Redis.

They run only where PostgreSQL and Redis are reachable (`.ci/run`'s second pass); elsewhere the tests
are skipped with the reason. Every process is stopped in the fixture's finalizer, before pytest-django
drops the test database.
"""

import os
import pathlib
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from django.db import connection

from tests.e2e.conftest import _database_url, _free_port

ROOT = pathlib.Path(__file__).resolve().parents[2]
# One directory per test process when the suite runs on several (pytest-xdist).
LOG_DIR = ROOT / "var" / "scaleout" / os.environ.get("PYTEST_XDIST_WORKER", "main")


def scaleout_skip_reason() -> str | None:
    """Why the scale-out tests cannot run here, or None when they can."""
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        return (
            "scale-out test needs PostgreSQL: set DATABASE_URL=postgres://… (SQLite cannot serve several app processes)"
        )
    if not redis_url:
        return "scale-out test needs Redis for the shared channel layer: set REDIS_URL=redis://…"
    try:
        import redis

        redis.Redis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=2).ping()
    except Exception as error:  # noqa: BLE001 - any failure means "not reachable here"
        return f"scale-out test needs a reachable Redis at REDIS_URL ({error.__class__.__name__}: {error})"
    return None


def _process_env(database_url: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ["REDIS_URL"],
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "false",
        "DIALOGWERK_PROFILE": "local",
        # The test writes faster than a person; and its cache keys stay apart from anyone else's on this Redis.
        "RATE_LIMITS_ENABLED": "false",
        "CACHE_KEY_PREFIX": f"dw-scaleout-{os.getpid()}",
        "CHANNEL_LAYER_PREFIX": f"dw-scaleout-{os.getpid()}",
        **extra,
    }


def _wait_healthy(base_url: str, process: subprocess.Popen, log: pathlib.Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"app process {base_url} did not start; see {log}")
        time.sleep(0.2)


def _stop(processes: list[tuple[subprocess.Popen, object]]) -> None:
    for process, _log in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process, log in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        log.close()


@pytest.fixture(scope="module")
def cluster(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """{"a": url, "b": url, "mail_dir": path}: two app processes and two `dialogwerk db_worker`s."""
    reason = scaleout_skip_reason()
    if reason:
        pytest.skip(reason)
    with django_db_blocker.unblock():
        database_url = _database_url(connection.settings_dict)
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    mail_dir = tmp_path_factory.mktemp("scaleout-mail")
    processes: list[tuple[subprocess.Popen, object]] = []
    request.addfinalizer(lambda: _stop(processes))

    urls = {}
    for name in ("a", "b"):
        port = _free_port()
        log_path = LOG_DIR / f"app-{name}.log"
        log = open(log_path, "w")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "dialogwerk.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--lifespan",
                "off",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=_process_env(database_url),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        processes.append((process, log))
        urls[name] = (f"http://127.0.0.1:{port}", process, log_path)
    for name in ("1", "2"):
        log = open(LOG_DIR / f"worker-{name}.log", "w")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dialogwerk",
                "db_worker",
                "--no-reload",
                "--interval",
                "0.2",
                "--worker-id",
                f"scaleout-{name}",
                "-v",
                "1",
            ],
            cwd=ROOT,
            env=_process_env(
                database_url,
                EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
                EMAIL_FILE_PATH=str(mail_dir),
            ),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        processes.append((process, log))
    for base_url, process, log_path in urls.values():
        _wait_healthy(base_url, process, log_path)
    return {"a": urls["a"][0], "b": urls["b"][0], "mail_dir": mail_dir, "workers": processes[2:]}


@pytest.fixture
def drained_queue(transactional_db):
    """After a test: wait until the workers finished every task it queued (e.g. the card embeddings a card
    starts), before the test database is emptied. A worker whose task row vanished under it dies."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    yield
    pending = DBTaskResult.objects.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
    deadline = time.monotonic() + 60
    while pending.exists():
        if time.monotonic() > deadline:
            raise AssertionError("the workers did not finish the queued tasks in 60 s; see var/scaleout/*/worker-*.log")
        time.sleep(0.2)
