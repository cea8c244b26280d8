"""One evening across languages, in a real browser, as issue 17 describes it: the consultant adds Arabic and
Ukrainian and translates the dialogue's texts (one by hand, the rest through an XLSX file as an agency would
return it); an Arabic participant on a 360 px phone reads the evening in Arabic and writes an Arabic card;
the interpreter translates it on the tablet page; the German wall shows both; a German participant votes on
it in German; the bundling board shows it with its translation. axe checks every page on the way."""

import time

import openpyxl
import pytest

from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.live import services
from dialogwerk.live.models import Contribution, Method, Vote
from dialogwerk.tenancy.models import Municipality, Role
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, has_no_horizontal_scroll, login, screenshot
from tests.worker import run_worker

CODE = "E2ESPR"
ARABIC_CARD = "نحتاج إلى دورات لغة في المساء"
GERMAN_CARD = "Wir brauchen Sprachkurse am Abend"
THEME_AR = "السكن والبناء"
SESSION_AR = "مساء في قاعة المدينة"
STEP_AR = "الجولة الأولى: ما الوضع الآن؟"


@pytest.fixture
def evening(server):
    municipality = Municipality.objects.create(
        name="Musterstadt", ags="08999001", district="Musterkreis", population=24300
    )
    consultant = make_user("beratung@musterstadt.de", municipality, Role.CONSULTANT)
    make_user("sprachmittlung@musterstadt.de", municipality, Role.INTERPRETER)
    dialogue = dialogue_create(
        actor=consultant,
        municipality=municipality,
        title="Flüchtlingsdialog Musterstadt",
        purpose="Wir beraten gemeinsam, wie wir gut zusammenleben.",
    )
    session = services.session_create(
        actor=consultant, dialogue=dialogue, title="Abend im Rathaus", method=Method.WORLD_CAFE, code=CODE
    )
    services.voting_open(actor=consultant, session=session, title="Was ist am wichtigsten?", all_cards=True, budget=3)
    return {
        "server": server,
        "dialogue": dialogue,
        "session": session,
        "theme": dialogue.themes.order_by("position").first(),
    }


def _join(page, base: str, language: str, button: str) -> None:
    page.goto(f"{base}/j/{CODE}/?lang={language}")
    page.select_option("#id_language", language)
    page.check("#id_consent")
    page.get_by_role("button", name=button).click()
    page.wait_for_url(f"{base}/j/{CODE}/live/")


def test_one_evening_across_languages(page, browser, evening, tmp_path):
    base, dialogue, session, theme = evening["server"], evening["dialogue"], evening["session"], evening["theme"]
    step = session.steps.order_by("position").first()

    # The consultant adds Arabic and Ukrainian, and translates the first theme by hand.
    staff = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    consultant = staff.new_page()
    login(consultant, base, "beratung@musterstadt.de", PASSWORD)
    consultant.goto(f"{base}/dialoge/{dialogue.pk}/bearbeiten/#sprachen")
    consultant.check("#id_languages_ar")
    consultant.check("#id_languages_uk")
    consultant.get_by_role("button", name="Sprachen speichern").click()
    consultant.goto(f"{base}/dialoge/{dialogue.pk}/")
    consultant.get_by_role("link", name="Texte des Dialogs übersetzen").click()
    assert_accessible(consultant, "translations overview")
    consultant.goto(f"{base}/dialoge/{dialogue.pk}/uebersetzungen/ar/")
    assert_accessible(consultant, "translating into Arabic")
    consultant.fill(f"textarea[name='t-theme:{theme.pk}:name']", THEME_AR)
    consultant.get_by_role("button", name="Übersetzungen speichern").click()
    assert "1 Übersetzung gespeichert." in consultant.locator("main").inner_text()

    # The rest goes to an agency as XLSX and comes back filled in.
    consultant.goto(f"{base}/dialoge/{dialogue.pk}/uebersetzungen/")
    with consultant.expect_download() as download:
        consultant.locator("a[href$='/uebersetzungen/ar/export.xlsx']").click()
    exported = tmp_path / "export-ar.xlsx"
    download.value.save_as(exported)
    book = openpyxl.load_workbook(exported)
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    key, target = headers.index("Schlüssel"), next(i for i, h in enumerate(headers) if str(h).startswith("Übersetzung"))
    answers = {f"session:{session.pk}:title": SESSION_AR, f"step:{step.pk}:title": STEP_AR}
    for row in sheet.iter_rows(min_row=2):
        if row[key].value in answers:
            row[target].value = answers[row[key].value]
    returned = tmp_path / "uebersetzung-ar.xlsx"
    book.save(returned)
    consultant.set_input_files("#translation-file", str(returned))
    consultant.get_by_role("button", name="Importieren").click()
    consultant.get_by_text("Die Datei wird gelesen").wait_for()  # the worker reads it; the page waits
    run_worker()
    consultant.get_by_text("2 Übersetzungen (العربية) importiert.").wait_for()

    # The German wall is on the projector.
    wall = staff.new_page()
    wall.goto(f"{base}/veranstaltungen/{session.pk}/wand/")
    wall.wait_for_selector("#wall-connection[data-state=open]")

    # A German participant is in the room too, with the dot vote open.
    german_phone = browser.new_context(viewport=PHONE).new_page()
    _join(german_phone, base, "de", "Teilnehmen")

    # The Arabic participant reads the evening in Arabic and writes an Arabic card.
    page.set_viewport_size(PHONE)
    _join(page, base, "ar", "شارك")
    assert page.locator("h1").inner_text() == SESSION_AR
    assert page.locator(".live-step-title").inner_text() == STEP_AR
    assert page.locator(".live-step-title").get_attribute("lang") == "ar"
    assert_accessible(page, "participant page in Arabic")
    assert has_no_horizontal_scroll(page)
    page.get_by_label("فكرة").check()
    page.select_option("#id_theme", label=THEME_AR)
    page.fill("#id_text", ARABIC_CARD)
    page.get_by_role("button", name="أرسل البطاقة").click()
    wall.locator(".wall-card", has_text=ARABIC_CARD).wait_for()
    card = Contribution.objects.get(text=ARABIC_CARD)
    assert card.language == "ar" and card.theme_id == theme.pk

    # The interpreter translates it on the tablet page; the wall shows the German under the Arabic.
    tablet = browser.new_context(viewport={"width": 800, "height": 1100}).new_page()
    login(tablet, base, "sprachmittlung@musterstadt.de", PASSWORD)
    tablet.goto(f"{base}/veranstaltungen/{session.pk}/sprachmittlung/?sprache=ar")
    assert_accessible(tablet, "interpreter page")
    tablet.locator(f"#card-{card.pk} textarea").fill(GERMAN_CARD)
    tablet.locator(f"#card-{card.pk}").get_by_role("button", name="Übersetzung speichern").click()
    tablet.wait_for_url(lambda url: "sprachmittlung" in url)
    wall_card = wall.locator(f".wall-card[data-card='{card.pk}']")
    wall_card.locator(".wall-card-translation", has_text=GERMAN_CARD).wait_for()
    assert wall_card.locator(".wall-card-text").inner_text() == ARABIC_CARD
    assert wall_card.locator(".wall-card-translation").get_attribute("lang") == "de"
    assert_accessible(wall, "wall with a translated card")
    screenshot(wall, "languages-wall")
    card.refresh_from_db()
    assert card.text == ARABIC_CARD  # the original stays

    # The German participant's phone offers the new card of the vote; loaded, it reads in German.
    german_phone.locator("#more-options").click()
    option = german_phone.locator(f".live-option[data-card='{card.pk}']")
    option.locator(".live-option-text", has_text=GERMAN_CARD).wait_for()
    assert option.locator(".live-option-text").get_attribute("lang") == "de"
    option.get_by_role("button", name="Punkt setzen").click()
    german_phone.wait_for_function(
        f"() => document.querySelector(\".live-option[data-card='{card.pk}']\").dataset.mine === '1'"
    )
    deadline = time.monotonic() + 10  # the phone sends its queued dot in the background
    while (
        not Vote.objects.filter(contribution=card, withdrawn_at__isnull=True).exists() and time.monotonic() < deadline
    ):
        time.sleep(0.1)
    assert Vote.objects.filter(contribution=card, withdrawn_at__isnull=True).count() == 1
    assert_accessible(german_phone, "German participant's vote")

    # The Arabic writer sees their card as written; the board shows it with its German translation.
    consultant.goto(f"{base}/dialoge/{dialogue.pk}/buendeln/")
    board_card = consultant.locator(f"#karte-{card.pk}")
    assert (
        ARABIC_CARD in board_card.inner_text() and GERMAN_CARD in board_card.locator(".card-translation").inner_text()
    )
    assert_accessible(consultant, "bundling board with a translated card")
    staff.close()
