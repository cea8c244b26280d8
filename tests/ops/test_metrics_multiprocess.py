"""Several app processes, one /metrics: with a shared PROMETHEUS_MULTIPROC_DIR (as scripts/serve.sh sets
it), requests answered by two uvicorn processes add up, whichever process is scraped."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.db import connection
from prometheus_client.parser import text_string_to_metric_families

from tests.e2e.conftest import _database_url, _free_port

from .helpers import ROOT

pytestmark = pytest.mark.django_db(transaction=True)


def get(url: str, **headers: str) -> bytes:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


def healthz_requests(metrics_text: str) -> float:
    return sum(
        sample.value
        for family in text_string_to_metric_families(metrics_text)
        for sample in family.samples
        if sample.name == "dialogwerk_http_requests_total" and sample.labels["route"] == "healthz"
    )


@pytest.fixture
def two_processes(tmp_path):
    metrics_dir = tmp_path / "prometheus"
    metrics_dir.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(connection.settings_dict),
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
        "ALLOWED_HOSTS": "127.0.0.1",
        "METRICS_TOKEN": "scrape-me",
        "DEBUG": "false",
    }
    env.pop("REDIS_URL", None)  # the metrics need no shared channel layer
    processes, urls = [], []
    try:
        for name in ("a", "b"):
            port = _free_port()
            log = open(tmp_path / f"app-{name}.log", "w")
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
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            processes.append((process, log))
            urls.append(f"http://127.0.0.1:{port}")
        for url, (process, _log) in zip(urls, processes):
            deadline = time.monotonic() + 90
            while True:
                try:
                    get(f"{url}/healthz")
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"{url} did not start: {(tmp_path / 'app-a.log').read_text()}") from None
                    time.sleep(0.3)
        yield urls
    finally:
        for process, _log in processes:
            process.send_signal(signal.SIGTERM)
        for process, log in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()


def test_requests_to_two_processes_add_up_in_either_processes_metrics(two_processes):
    a, b = two_processes
    auth = {"Authorization": "Bearer scrape-me"}
    start = healthz_requests(get(f"{a}/metrics", **auth).decode())  # the start-up probes of both
    for _ in range(3):
        get(f"{a}/healthz")
    for _ in range(2):
        get(f"{b}/healthz")
    assert healthz_requests(get(f"{a}/metrics", **auth).decode()) == start + 5
    assert healthz_requests(get(f"{b}/metrics", **auth).decode()) == start + 5
    # METRICS_TOKEN holds in every process.
    for url in (a, b):
        with pytest.raises(urllib.error.HTTPError) as refused:
            get(f"{url}/metrics")
        assert refused.value.code == 401
