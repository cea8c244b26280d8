"""Benchmark of the pages a full room loads: a session with 500 cards and an open vote over all of them
(2,500 dots placed), measured over one keep-alive connection to one app process, as bench_installation
measures pages: the participant page, the wall, the console, the API state, and a dot.

Run: .venv/bin/python bench/bench_room_pages.py [--cards 500] [--requests 40]
SQLite (a fresh file) unless DATABASE_URL is set (then that database is emptied and used). Prints JSON:
per page its size in bytes and latency p50/p95 (ms); the dot's p50/p95.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_live import PY, ROOT, Server, django, free_port, percentiles  # noqa: E402

SETUP = """
from django.test import Client
from django.conf import settings
from dialogwerk.core.demo import load_demo
from dialogwerk.live import services
context = load_demo()
moderator = context['users']['moderator']
session = services.session_create(actor=moderator, dialogue=context['dialogue'], title='Voller Saal', method='world_cafe')
session.join_limit = 5000  # the whole benchmark room may join
session.save(update_fields=['join_limit'])
themes = [t.pk for t in context['dialogue'].themes.all()]
kinds = ['situation', 'field_of_action', 'conflict', 'idea']
writers = [services.participant_join(session=session, display_name='', language='de', consent=True)[0] for _ in range({writers})]
cards = []
for i in range({cards}):
    card, _ = services.contribution_submit(session=session, participant=writers[i % len(writers)], kind=kinds[i % 4],
        theme_id=themes[i % len(themes)], text=f'Karte {{i}}: Wir brauchen mehr Begegnung im Quartier, zum Beispiel ein Sprachcafé.',
        idempotency_key=f'k{{i}}')
    cards.append(card.pk)
voting = services.voting_open(actor=moderator, session=session, title='Was ist am wichtigsten?', all_cards=True, budget=5)
for n, writer in enumerate(writers):
    for d in range(5):
        services.vote_place(participant=writer, contribution_id=cards[(n * 7 + d * 13) % len(cards)], idempotency_key=f'd{{n}}-{{d}}')
voters = [services.participant_join(session=session, display_name='', language='ar', consent=True) for _ in range({voters})]
client = Client()
client.force_login(moderator)
print(json.dumps({{'code': session.code, 'theme': themes[0], 'session': session.pk, 'cards': cards, 'cookie_name': settings.SESSION_COOKIE_NAME,
    'staff': client.cookies[settings.SESSION_COOKIE_NAME].value, 'voters': [token for _p, token in voters],
    'dots': sum(1 for _ in voting.votes.all())}}))
"""


LAST_BODY: dict[str, bytes] = {}


def timed(
    connection: http.client.HTTPConnection, method: str, path: str, headers: dict, body: str | None = None
) -> tuple[int, int, float]:
    started = time.perf_counter()
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    LAST_BODY[path] = data
    return response.status, len(data), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=500)
    parser.add_argument("--requests", type=int, default=40, help="requests per page")
    parser.add_argument("--quick", action="store_true", help="100 cards, 10 requests per page")
    parser.add_argument(
        "--no-analyze",
        action="store_true",
        help="PostgreSQL: measure before the planner has statistics of the new rows",
    )
    args = parser.parse_args()
    if args.quick:
        args.cards, args.requests = 100, 10
    workdir = Path(tempfile.mkdtemp(prefix="bench-room-"))
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL"}}
    env.update(
        {
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DIALOGWERK_VAR_DIR": str(workdir),
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
            "RATELIMIT_ENABLED": "false",
        }
    )
    import subprocess

    if env.get("DATABASE_URL"):
        subprocess.run(
            [PY, "-m", "dialogwerk", "flush", "--noinput"], cwd=ROOT, env=env, check=False, capture_output=True
        )
    subprocess.run([PY, "-m", "dialogwerk", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    setup = json.loads(
        django(env, SETUP.format(cards=args.cards, writers=args.cards, voters=args.requests)).splitlines()[-1]
    )
    if env.get("DATABASE_URL") and not args.no_analyze:
        # As autovacuum would after a while: without statistics PostgreSQL plans the tally's join as a nested
        # loop over 2,500 × 500 rows (97 ms instead of 1 ms), which --no-analyze shows.
        django(env, "from django.db import connection\nconnection.cursor().execute('ANALYZE')")
    port = free_port()
    server = Server(port, env, workdir / "server.log")
    server.start()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        staff = {"Cookie": f"{setup['cookie_name']}={setup['staff']}"}
        code, voter = setup["code"], setup["voters"][0]
        participant = {"Cookie": f"dwlive_{code}={voter}; dialogwerk_language=ar"}
        pages = {
            "participant page": (f"/j/{code}/live/", participant),
            "wall": (f"/veranstaltungen/{setup['session']}/wand/", staff),
            "console": (f"/veranstaltungen/{setup['session']}/", staff),
            "API state": (f"/api/v1/live/{code}", {}),
            "API options (first page)": (f"/api/v1/live/{code}/options", {"Authorization": f"Bearer {voter}"}),
        }
        figures = {}
        for name, (path, headers) in pages.items():
            for _ in range(3):  # warm-up
                timed(connection, "GET", path, headers)
            runs = [timed(connection, "GET", path, headers) for _ in range(args.requests)]
            statuses = {status for status, _size, _t in runs}
            figures[name] = {
                "status": sorted(statuses),
                "bytes": runs[-1][1],
                "ms": percentiles([t for _s, _b, t in runs]),
            }
            (workdir / (name.replace(" ", "-").replace("(", "").replace(")", "") + ".html")).write_bytes(
                LAST_BODY[path]
            )
        dots = []
        for index, token in enumerate(setup["voters"]):
            body = json.dumps({"contribution": setup["cards"][index % len(setup["cards"])]})
            headers = {
                "Authorization": f"Bearer {token}",
                "Idempotency-Key": uuid.uuid4().hex,
                "Content-Type": "application/json",
            }
            status, _size, elapsed = timed(connection, "POST", f"/api/v1/live/{code}/votes", headers, body)
            if status == 201:
                dots.append(elapsed)
        cards = []
        for index, token in enumerate(setup["voters"]):
            body = json.dumps({"kind": "idea", "theme": setup["theme"], "text": f"Noch eine Karte {index}"})
            headers = {
                "Authorization": f"Bearer {token}",
                "Idempotency-Key": uuid.uuid4().hex,
                "Content-Type": "application/json",
            }
            status, _size, elapsed = timed(connection, "POST", f"/api/v1/live/{code}/contributions", headers, body)
            if status == 201:
                cards.append(elapsed)
        figures["dot (POST …/votes)"] = {"ms": percentiles(dots)}
        figures["card (POST …/contributions)"] = {"ms": percentiles(cards)}
        rss = int(
            next(
                line
                for line in Path(f"/proc/{server.process.pid}/status").read_text().splitlines()
                if line.startswith("VmRSS")
            ).split()[1]
        )
    finally:
        server.stop()
    print(
        json.dumps(
            {
                "backend": "postgresql" if env.get("DATABASE_URL") else "sqlite",
                "cards": args.cards,
                "dots_before": setup["dots"],
                "load_average_1m": round(os.getloadavg()[0], 2),
                "pages": figures,
                "app_rss_mb_after": round(rss / 1024),
                "bodies_in": str(workdir),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
