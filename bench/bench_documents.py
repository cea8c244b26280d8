"""Benchmark: the documentation of a dialogue with 2,000 synthetic cards, as PDF and as DOCX.

Standalone: `DIALOGWERK_VAR_DIR=/tmp/bench .venv/bin/python bench/bench_documents.py` builds a fresh
SQLite database in that folder, fills it, and prints JSON with the timings (never part of pass/fail).
"""

import json
import os
import pathlib
import random
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
VAR = pathlib.Path(os.environ.get("DIALOGWERK_VAR_DIR") or tempfile.mkdtemp(prefix="dw-bench-"))
os.environ["DIALOGWERK_VAR_DIR"] = str(VAR)
os.environ["DATABASE_URL"] = f"sqlite:///{VAR / 'bench-documents.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(VAR / "media")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogwerk.settings")
(VAR / "bench-documents.sqlite3").unlink(missing_ok=True)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

CARDS = int(os.environ.get("BENCH_CARDS", "2000"))
WORDS = (
    "Wohnraum Familien Schule Kita Sprache Arbeit Nachbarschaft Begegnung Sicherheit Verein Ehrenamt "
    "Busverbindung Ausbildung Praktikum Sorge Angst Fest Patenschaft Übersetzung Größe Straße"
).split()
ARABIC = ["نريد مدرسة مفتوحة للجميع", "نحتاج إلى سكن للعائلات", "دورات اللغة في المساء"]


def main() -> None:
    call_command("migrate", verbosity=0)
    from dialogwerk.dialogues.services import dialogue_create
    from dialogwerk.live import models as live
    from dialogwerk.reports import documentation, render_docx, render_pdf
    from dialogwerk.tenancy.models import Municipality, User

    random.seed(7)
    municipality = Municipality.objects.create(name="Benchstadt", ags="08999999", population=50000)
    user = User.objects.create_user(username="b@bench.example", email="b@bench.example", password="x" * 12)
    dialogue = dialogue_create(actor=user, municipality=municipality, title="Großer Dialog")
    session = live.Session.objects.create(dialogue=dialogue, title="Dialogtag", code="BENCH1")
    perspectives = ["Verwaltung", "Geflüchtete", "Nachbarschaft", "Ehrenamt", "Wirtschaft", "Kirchen"]
    people = [
        live.Participant(
            session=session,
            token_hash=f"{i:064d}",
            perspective=random.choice(perspectives),
            language="de",
            consented_at=timezone.now(),
            notice_version="1",
        )
        for i in range(400)
    ]
    live.Participant.objects.bulk_create(people)
    people = list(session.participants.all())
    themes = list(dialogue.themes.all())
    kinds = ["situation", "field_of_action", "conflict", "idea"]
    live.Contribution.objects.bulk_create(
        live.Contribution(
            session=session,
            theme=random.choice(themes),
            kind=random.choice(kinds),
            participant=random.choice(people),
            text=random.choice(ARABIC)
            if i % 25 == 0
            else " ".join(random.choices(WORDS, k=random.randint(6, 22))) + ".",
            language="ar" if i % 25 == 0 else "de",
        )
        for i in range(CARDS)
    )
    # A shared machine: the load average says how much else ran while we measured (wall-clock seconds).
    results = {"cards": CARDS, "participants": len(people), "loadavg_before": [round(x, 2) for x in os.getloadavg()]}
    with translation.override("de"):
        start = time.perf_counter()
        document = documentation.build(dialogue)
        results["build_s"] = round(time.perf_counter() - start, 2)
        start = time.perf_counter()
        pdf = render_pdf.render(document)
        results["pdf_s"] = round(time.perf_counter() - start, 2)
        results["pdf_bytes"] = len(pdf)
        start = time.perf_counter()
        docx = render_docx.render(document)
        results["docx_s"] = round(time.perf_counter() - start, 2)
        results["docx_bytes"] = len(docx)
    results["total_pdf_s"] = round(results["build_s"] + results["pdf_s"], 2)
    results["total_docx_s"] = round(results["build_s"] + results["docx_s"], 2)
    results["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    results["target_s"] = 20
    print(json.dumps(results))


if __name__ == "__main__":
    main()
