"""The short survey at the end of the evening, in a real browser: a participant on a 360 px phone, in Farsi,
answers it with the keyboard; the moderator sees the figures; the operator sets up a funding body. Axe on
every page."""

import pytest

from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.live import services as live_services
from dialogwerk.live.models import Method
from dialogwerk.survey import services
from dialogwerk.survey.models import SurveyAnswer
from dialogwerk.tenancy.models import Municipality, Role, User
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, has_no_horizontal_scroll, login, screenshot

CODE = "E2ESRV"


@pytest.fixture
def evening(server):
    municipality = Municipality.objects.create(
        name="Musterstadt", ags="08999002", district="Musterkreis", population=24300
    )
    moderator = make_user("moderation@musterstadt.de", municipality, Role.MODERATOR)
    dialogue = dialogue_create(actor=moderator, municipality=municipality, title="Flüchtlingsdialog Musterstadt")
    session = live_services.session_create(
        actor=moderator, dialogue=dialogue, title="Abend im Rathaus", method=Method.WORLD_CAFE, code=CODE
    )
    services.survey_open(actor=moderator, session=session)
    return {"server": server, "session": session}


def test_a_farsi_participant_answers_the_survey_on_a_phone(page, browser, evening):
    base = evening["server"]
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/j/{CODE}/?lang=fa")
    page.select_option("#id_language", "fa")
    page.check("#id_consent")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}/j/{CODE}/live/")
    page.get_by_role("link", name="نظرسنجی کوتاه: رویداد چطور بود؟").click()
    page.wait_for_url(f"{base}/j/{CODE}/umfrage/")
    assert page.get_attribute("html", "dir") == "rtl"
    assert_accessible(page, "survey fa-360")
    assert has_no_horizontal_scroll(page)
    page.locator("#id_process_3").check()
    page.locator("#id_results_2").check()
    page.locator("#id_again_4").focus()
    page.keyboard.press("Space")
    page.fill("#id_comment", "ممنون از ترجمه")
    page.get_by_role("button", name="ارسال پاسخ").click()
    page.wait_for_selector(".message-success")
    assert_accessible(page, "survey answered fa-360")
    screenshot(page, "survey-fa-360")
    answer = SurveyAnswer.objects.get()
    assert (answer.process, answer.results, answer.again, answer.comment) == (4, 3, 5, "ممنون از ترجمه")

    staff = browser.new_context(viewport=DESKTOP).new_page()
    login(staff, base, "moderation@musterstadt.de", PASSWORD)
    staff.goto(f"{base}/veranstaltungen/{evening['session'].pk}/umfrage/")
    assert "1 Antwort bisher." in staff.content()
    assert_accessible(staff, "survey figures")
    screenshot(staff, "survey-figures")


def test_an_operator_sets_up_a_funding_body(page, server):
    Municipality.objects.create(name="Beispieldorf", ags="08999003", population=3100)
    User.objects.create_superuser(username="betrieb@example.de", email="betrieb@example.de", password=PASSWORD)
    page.set_viewport_size(DESKTOP)
    login(page, server, "betrieb@example.de", PASSWORD)
    page.goto(f"{server}/betrieb/foerderstellen/")
    assert_accessible(page, "operator: funding bodies")
    page.fill("#id_name", "Landratsamt Musterkreis")
    page.select_option("#id_municipalities", label="Beispieldorf")
    page.get_by_role("button", name="Anlegen").click()
    page.wait_for_selector("text=Personen der Förderstelle")
    assert "Beispieldorf" in page.locator("main").inner_text()
    assert_accessible(page, "operator: one funding body")
    page.fill("#id_member-email", "kreis@musterkreis.example")
    page.get_by_role("button", name="Einladen").click()
    page.wait_for_selector("text=kreis@musterkreis.example")
