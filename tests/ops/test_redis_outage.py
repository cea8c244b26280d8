"""Fault injection: Redis goes away under a running app. Joins, card writes, the events that walls poll
meanwhile, the login and staff pages keep working from the database; /readyz says what is down; and
once Redis is back, it is ready again.

The test starts a Redis of its own on a free port and an app process (uvicorn) that uses it, and kills that
Redis — never the machine's own.
"""

import http.cookiejar
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.db import connection

from dialogwerk.live import services as live
from tests.conftest import PASSWORD
from tests.e2e.conftest import _database_url, _free_port
from tests.scaleout.conftest import LOG_DIR, ROOT, _stop, _wait_healthy

pytestmark = pytest.mark.django_db(transaction=True)


def start_redis(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    import redis

    while True:
        try:
            redis.Redis(port=port, socket_connect_timeout=0.5).ping()
            return process
        except redis.exceptions.ConnectionError:
            assert time.monotonic() < deadline and process.poll() is None, "redis-server did not start"
            time.sleep(0.05)


class Browser:
    """Just enough of a browser: cookies, and answers read whatever their status."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect)

    def call(self, method: str, path: str, body=None, headers=None) -> tuple[int, str]:
        data = None
        headers = dict(headers or {})
        if isinstance(body, dict) and headers.get("Content-Type") == "application/json":
            data = json.dumps(body).encode()
        elif isinstance(body, dict):
            data = urllib.parse.urlencode(body).encode()
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def csrf(self) -> str:
        return next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_the_app_works_on_from_the_database_while_redis_is_away(dialogue, moderator, tmp_path):
    if not shutil.which("redis-server"):
        pytest.fail("redis-server is missing: `make system-test` installs it")
    session = live.session_create(actor=moderator, dialogue=dialogue, title="Abend")
    theme = dialogue.themes.first()
    redis_port, app_port = _free_port(), _free_port()
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_path = LOG_DIR / "redis-outage-app.log"
    log = open(log_path, "w")
    redis_server = start_redis(redis_port)
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(connection.settings_dict),
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "false",
        "DIALOGWERK_PROFILE": "local",
    }
    app = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "dialogwerk.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(app_port),
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
    processes = [(app, log)]
    try:
        base = f"http://127.0.0.1:{app_port}"
        _wait_healthy(base, app, log_path)
        phone, staff = Browser(base), Browser(base)
        assert phone.call("GET", "/readyz")[0] == 200

        redis_server.send_signal(signal.SIGKILL)
        redis_server.wait(timeout=10)

        status, body = phone.call("GET", "/readyz")
        assert status == 503 and {"cache", "channel_layer"} <= set(json.loads(body)["failed"])
        api = f"/api/v1/live/{session.code}"
        status, body = phone.call(
            "POST",
            f"{api}/participants",
            {"display_name": "Amal", "consent": True, "language": "ar"},
            {"Content-Type": "application/json"},
        )
        assert status == 201, body
        token = json.loads(body)["participant_token"]
        status, body = phone.call(
            "POST",
            f"{api}/contributions",
            {"kind": "idea", "theme": theme.pk, "text": "Sprachcafé am Abend"},
            {"Content-Type": "application/json", "Authorization": f"Bearer {token}", "Idempotency-Key": "k1"},
        )
        assert status == 201, body
        status, body = phone.call("GET", f"{api}/events?since=0")  # what walls and phones poll meanwhile
        assert status == 200 and "Sprachcafé am Abend" in [event["data"].get("text") for event in json.loads(body)]

        assert staff.call("GET", "/konto/anmelden/")[0] == 200
        status, _body = staff.call(
            "POST",
            "/konto/anmelden/",
            {"username": moderator.email, "password": PASSWORD, "csrfmiddlewaretoken": staff.csrf()},
            {"Referer": base + "/konto/anmelden/"},
        )
        assert status == 302
        status, body = staff.call("GET", f"/veranstaltungen/{session.pk}/")
        assert status == 200 and "Sprachcafé am Abend" in body

        redis_server = start_redis(redis_port)
        assert phone.call("GET", "/readyz")[0] == 200
    finally:
        _stop(processes)
        if redis_server.poll() is None:
            redis_server.kill()
            redis_server.wait(timeout=10)
