"""Run a snippet in a Django process of its own, with its own environment (a database that is down, an
empty one, the production log format), and read back what it printed."""

import json
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def run_django(script: str, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "dialogwerk.settings", "ALLOWED_HOSTS": "testserver", **env}
    if "PROMETHEUS_MULTIPROC_DIR" not in env:
        environment.pop("PROMETHEUS_MULTIPROC_DIR", None)
    code = "import django, json; django.setup()\nfrom django.test import Client\n" + script
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def get_json(*paths: str, **env: str) -> list[tuple[int, dict]]:
    """GET each path through Django's test client in one fresh process; [(status, JSON body), …]."""
    script = "\n".join(
        f"r = Client().get({path!r})\nprint('RESULT ' + json.dumps({{'status': r.status_code, 'body': r.json()}}))"
        for path in paths
    )
    result = run_django(script, **env)
    lines = [line for line in result.stdout.splitlines() if line.startswith("RESULT ")]
    assert len(lines) == len(paths), result.stdout + result.stderr
    return [(answer["status"], answer["body"]) for answer in (json.loads(line[len("RESULT ") :]) for line in lines)]
