"""A consultant prepares a new dialogue in the browser: analysis, actor import (two bad rows, fixed),
coverage gaps, invitations answered through the RSVP link, agenda and print view — axe on every page."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.preparation.models import Invitation
from dialogwerk.tenancy.models import Municipality, Role
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import PHONE, assert_accessible, has_no_horizontal_scroll, login, screenshot
from tests.preparation.helpers import actor_rows, xlsx
from tests.worker import run_worker


@pytest.fixture
def prepared(server, tmp_path):
    municipality = Municipality.objects.create(name="Neustadt", ags="08999002", population=9000)
    consultant = make_user("beratung@neustadt.de", municipality, Role.CONSULTANT)
    dialogue = dialogue_create(
        actor=consultant,
        municipality=municipality,
        title="Dialog Neustadt",
        starts_on=datetime.date.today() + datetime.timedelta(days=30),
        ends_on=datetime.date.today() + datetime.timedelta(days=30),
        expected_participants=60,
    )
    bad = actor_rows(20)
    bad[2][2] = "Unbekannt"
    bad[7][9] = "sehr"
    (tmp_path / "bad.xlsx").write_bytes(xlsx(bad))
    (tmp_path / "good.xlsx").write_bytes(xlsx(actor_rows(20)))
    return {"server": server, "dialogue": dialogue, "files": tmp_path}


def test_a_consultant_prepares_a_dialogue_from_scratch(page, prepared, settings):
    base, dialogue = prepared["server"], prepared["dialogue"]
    prefix = f"{base}/dialoge/{dialogue.pk}"
    login(page, base, "beratung@neustadt.de", PASSWORD)

    page.goto(f"{base}/dialoge/{dialogue.pk}/")
    page.get_by_role("link", name="Bedarfsanalyse").first.click()
    assert_accessible(page, "analysis")
    page.locator("#id_situation").fill("Neustadt hat 90 Geflüchtete aufgenommen.")
    page.get_by_role("button", name="Speichern und als abgeschlossen markieren").click()
    expect(page.get_by_text("Bitte beantworten Sie diese Frage").first).to_be_visible()
    for field in ("measures_summary", "themes_summary", "actors_summary", "design_summary"):
        page.locator(f"#id_{field}").fill("Beantwortet.")
    page.get_by_role("button", name="Speichern und als abgeschlossen markieren").click()
    expect(page.get_by_text("Die Analyse ist als abgeschlossen markiert.")).to_be_visible()

    page.goto(f"{prefix}/akteure/import/")
    assert_accessible(page, "import")
    page.set_input_files("input[type=file]", str(prepared["files"] / "bad.xlsx"))
    page.get_by_role("button", name="Datei prüfen").click()
    # The worker reads the file; the page waits for it and shows the result by itself.
    page.get_by_text("Die Datei wird gelesen").wait_for()
    assert_accessible(page, "import being read")
    run_worker()
    page.get_by_text("Die Datei hat 2 Fehler. Es wurde nichts importiert.").wait_for()
    assert_accessible(page, "import errors")
    page.set_input_files("input[type=file]", str(prepared["files"] / "good.xlsx"))
    page.get_by_role("button", name="Datei prüfen").click()
    page.get_by_text("Die Datei wird gelesen").wait_for()
    run_worker()
    page.get_by_role("button", name="20 Zeilen importieren").click()
    expect(page.get_by_text("20 Akteure wurden importiert.")).to_be_visible()
    gaps = page.locator(".gap-alert").inner_text()
    assert "Polizei & Sicherheit" in gaps and gaps.count("Polizei & Sicherheit") == 1  # named once, not at every theme
    assert "Beim Thema „" in gaps
    assert_accessible(page, "coverage")

    page.goto(f"{prefix}/akteure/raster/")
    assert_accessible(page, "grid")

    page.goto(f"{prefix}/veranstaltungsort/")
    page.get_by_label("Veranstaltungsort").fill("Bürgerhaus")
    page.locator("#id_starts_at").fill("16:00")
    page.locator("#id_ends_at").fill("15:00")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Das Ende muss nach dem Beginn liegen.").first).to_be_visible()
    assert page.get_by_text("Bitte geben Sie die Anschrift ein").first.is_visible()
    assert_accessible(page, "venue with errors")
    page.get_by_label("Anschrift").fill("Marktplatz 1, 67433 Neustadt")
    page.locator("#id_ends_at").fill("21:00")
    page.get_by_label("stufenloser Zugang").select_option("yes")
    page.get_by_label("Arabisch").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Ort und Zeiten wurden gespeichert.")).to_be_visible()
    assert page.get_by_text("Der Ort ist durchgehend stufenlos erreichbar.").is_visible()
    assert_accessible(page, "venue")

    page.goto(f"{prefix}/einladungen/")
    page.get_by_label("Akteur 1 (Ehrenamt)").check()
    page.get_by_label("Akteur 2 (Geflüchtete)").check()
    page.get_by_role("button", name="Einladungen verschicken").click()
    expect(page.get_by_text("2 Einladungen wurden verschickt.")).to_be_visible()
    assert_accessible(page, "invitations")

    token = Invitation.objects.get(actor__name="Akteur 2").token
    page.context.clear_cookies()
    page.goto(f"{base}/antwort/{token}/")
    assert page.get_by_text("Bürgerhaus").is_visible() and page.get_by_text("16:00–21:00").is_visible()
    assert_accessible(page, "rsvp")
    page.get_by_label("Ja, ich komme").check()
    page.get_by_label("Ernährung oder Barrierefreiheit").fill("vegetarisch")
    page.get_by_role("button", name="Antwort senden").click()
    expect(page.get_by_text("Vielen Dank! Ihre Antwort wurde gespeichert.")).to_be_visible()
    page.set_viewport_size(PHONE)
    assert_accessible(page, "rsvp 360")
    assert has_no_horizontal_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    login(page, base, "beratung@neustadt.de", PASSWORD)
    page.goto(f"{prefix}/einladungen/")
    assert re.search(r"Geflüchtete\s+1\s+1", page.locator("table").first.inner_text())

    page.goto(f"{prefix}/methoden/")
    assert_accessible(page, "methods")
    page.goto(f"{prefix}/ablaufplan/")
    page.get_by_role("button", name="Mit einem World-Café-Abend beginnen").click()
    expect(page.get_by_text("Keine Warnungen")).to_be_visible()
    page.locator("#agenda-list li").first.get_by_role("button", name=re.compile("^Nach unten")).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#agenda-list li").first.inner_text().find("Begrüßung") >= 0
    assert_accessible(page, "agenda")
    page.set_viewport_size(PHONE)
    assert_accessible(page, "agenda 360")
    screenshot(page, "agenda-360")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Druckansicht").click()
    expect(page.get_by_text("World-Café-Runde 1")).to_be_visible()
    assert_accessible(page, "agenda print")

    page.goto(f"{prefix}/projektplan/")
    page.get_by_role("button", name="Standardplan erstellen").click()
    assert_accessible(page, "plan")
    with page.expect_download() as download:
        page.get_by_role("link", name="In den Kalender übernehmen (ICS)").click()
    assert download.value.suggested_filename.endswith(".ics")


def test_leaving_the_needs_analysis_with_typed_answers_asks_first(page, prepared):
    base, dialogue = prepared["server"], prepared["dialogue"]
    login(page, base, "beratung@neustadt.de", PASSWORD)
    page.goto(f"{base}/dialoge/{dialogue.pk}/bedarfsanalyse/")
    # Nothing typed: the page is left without a question.
    page.locator(".prep-nav").get_by_role("link", name="Kennzahlen").click()
    page.wait_for_url(f"{base}/dialoge/{dialogue.pk}/kennzahlen/")
    page.go_back()
    page.locator("#id_situation").fill("Neustadt hat 90 Geflüchtete aufgenommen.")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.locator(".prep-nav").get_by_role("link", name="Kennzahlen").click()
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert page.url.endswith("/bedarfsanalyse/") and page.locator("#id_situation").input_value().startswith("Neustadt")
    # Saving leaves without asking, and the answer is kept.
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.get_by_text("Der Entwurf wurde gespeichert.")).to_be_visible()
    assert page.locator("#id_situation").input_value().startswith("Neustadt")


BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const cell of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /\\S+/g;
      let match;
      while ((match = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


def test_the_project_plan_table_breaks_no_word_at_1280_px(page, prepared):
    from dialogwerk.preparation.services import project_plan_generate
    from dialogwerk.tenancy.models import User

    base, dialogue = prepared["server"], prepared["dialogue"]
    project_plan_generate(actor=User.objects.get(email="beratung@neustadt.de"), dialogue=dialogue)
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, base, "beratung@neustadt.de", PASSWORD)
    page.goto(f"{base}/dialoge/{dialogue.pk}/projektplan/")
    assert page.evaluate(BROKEN_WORDS, "table th, table td") == []
