"""Screenshots for the user guide, made from the demo data, and axe on the guide's own pages.

`GUIDE_SCREENSHOTS=1 pytest tests/e2e/test_guide_screenshots.py` (make guide-screenshots) writes into
docs/guide/bilder/, so the guide's pictures never go stale; without it they land in var/screenshots/.
"""

import os
import re

import pytest
from django.core.management import call_command

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.guide import chapters
from tests.e2e.conftest import DESKTOP, PHONE, SCREENSHOTS, assert_accessible, has_no_horizontal_scroll, login

OUT = chapters.IMAGE_DIR if os.environ.get("GUIDE_SCREENSHOTS") == "1" else SCREENSHOTS / "guide"


def referenced_images() -> set[str]:
    names = set()
    for slug in [chapter.slug for chapter in chapters.CHAPTERS] + ["index"]:
        names.update(re.findall(r"\(bilder/([a-z0-9-]+\.png)\)", chapters.source(slug)))
    return names


def shot(page, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / name), full_page=True)


def test_guide_screenshots_from_the_demo(server, page):
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    dialogue = Dialogue.objects.filter(municipality__name__icontains="Musterstadt").order_by("pk").first()
    session = dialogue.sessions.order_by("pk").first()
    d = f"{server}/dialoge/{dialogue.pk}"
    page.set_viewport_size(DESKTOP)
    login(page, server, "beratung@musterstadt.de", "musterstadt-demo")
    pages = {
        "erster-dialog-1.png": f"{server}/",
        "erster-dialog-2.png": f"{server}/kommunen/{dialogue.municipality_id}/dialoge/assistent/",
        "erster-dialog-3.png": f"{d}/",
        "erster-dialog-4.png": f"{d}/bedarfsanalyse/",
        "erster-dialog-5.png": f"{d}/akteure/",
        "erster-dialog-6.png": f"{d}/einladungen/",
        "erster-dialog-7.png": f"{d}/ablaufplan/",
        "erster-dialog-8.png": f"{d}/projektplan/",
        "erster-dialog-9.png": f"{d}/live/",
        "erster-dialog-11.png": f"{d}/buendeln/",
        "erster-dialog-12.png": f"{d}/massnahmen/",
        "erster-dialog-13.png": f"{d}/dokumente/",
        "vorbereitung-assistent.png": f"{server}/kommunen/{dialogue.municipality_id}/dialoge/assistent/",
        "vorbereitung-bedarfsanalyse.png": f"{d}/bedarfsanalyse/",
        "vorbereitung-abdeckung.png": f"{d}/akteure/abdeckung/",
        "ergebnisse-buendeln.png": f"{d}/buendeln/",
        "ergebnisse-katalog.png": f"{d}/massnahmen/",
    }
    if session is not None:
        pages["veranstaltung-konsole.png"] = f"{server}/veranstaltungen/{session.pk}/"
        pages["veranstaltung-wand.png"] = f"{server}/veranstaltungen/{session.pk}/wand/"
    for name, url in pages.items():
        response = page.goto(url)
        assert response.status, url
        assert response.status == 200, f"{url} answered {response.status}"
        page.wait_for_load_state()
        shot(page, name)
    missing = referenced_images() - set(pages)
    assert not missing, f"the guide names pictures no test makes: {sorted(missing)}"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_guides_pages_are_accessible(server, page, viewport):
    page.set_viewport_size(viewport)
    for path in (
        "/hilfe/",
        "/hilfe/erster-dialog/",
        "/hilfe/vorbereitung/",
        "/hilfe/moderationskarte/",
        "/hilfe/leichte-sprache/",
        "/barrierefreiheit/",
    ):
        page.goto(server + path)
        assert_accessible(page, f"{path} at {viewport['width']} px")
        assert has_no_horizontal_scroll(page), path
    page.click("button:has-text('Senden')")
    page.wait_for_load_state()
    assert page.locator(".field-invalid").count() >= 1
    assert_accessible(page, "feedback form with errors")
