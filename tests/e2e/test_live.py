"""The evening in the town hall, in a real browser: a participant on a 360 px phone, in Arabic, joins,
writes a card while the wifi is gone, and the card reaches the wall exactly once when it is back."""

import pytest

from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.live import services
from dialogwerk.live.models import Contribution, Method
from dialogwerk.tenancy.models import Municipality, Role
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, has_no_horizontal_scroll, login, screenshot

CODE = "E2EW4C"


@pytest.fixture
def evening(server):
    municipality = Municipality.objects.create(
        name="Musterstadt", ags="08999001", district="Musterkreis", population=24300
    )
    consultant = make_user("beratung@musterstadt.de", municipality, Role.CONSULTANT)
    dialogue = dialogue_create(
        actor=consultant,
        municipality=municipality,
        title="Flüchtlingsdialog Musterstadt",
        purpose="Wir beraten gemeinsam, wie wir gut zusammenleben. Der Gemeinderat antwortet öffentlich.",
    )
    session = services.session_create(
        actor=consultant, dialogue=dialogue, title="Abend im Rathaus", method=Method.WORLD_CAFE, code=CODE
    )
    services.voting_open(actor=consultant, session=session, title="Was ist am wichtigsten?", all_cards=True, budget=5)
    return {"server": server, "session": session, "dialogue": dialogue}


def test_an_arabic_participant_writes_a_card_offline_and_it_reaches_the_wall_once(page, browser, evening):
    base = evening["server"]
    text = "نحتاج إلى دورات لغة في المساء"

    wall_context = browser.new_context(viewport=DESKTOP)
    wall = wall_context.new_page()
    login(wall, base, "beratung@musterstadt.de", PASSWORD)
    wall.goto(f"{base}/veranstaltungen/{evening['session'].pk}/wand/")
    wall.wait_for_selector("#wall-connection[data-state=open]")
    assert_accessible(wall, "wall")
    screenshot(wall, "live-wall-before")

    page.set_viewport_size(PHONE)
    page.goto(f"{base}/j/{CODE}/?lang=ar")
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
    assert_accessible(page, "join page ar-360")
    assert has_no_horizontal_scroll(page)
    screenshot(page, "live-join-ar-360")
    page.fill("#id_display_name", "أمل")
    page.select_option("#id_language", "ar")
    page.check("#id_consent")
    page.get_by_role("button", name="شارك").click()
    page.wait_for_url(f"{base}/j/{CODE}/live/")
    assert page.get_attribute("html", "dir") == "rtl"
    assert_accessible(page, "participant page ar-360")
    assert has_no_horizontal_scroll(page)

    page.context.set_offline(True)
    page.get_by_label("فكرة").check()
    page.select_option("#id_theme", label="Gemeinschaft & Nachbarschaft")
    page.fill("#id_text", text)
    page.keyboard.press("Tab")
    page.get_by_role("button", name="أرسل البطاقة").click()
    pending = page.locator("#live-pending")
    assert "جارٍ إرسال مساهمة واحدة" in pending.inner_text()
    assert page.locator("#my-card-list li", has_text=text).is_visible()
    screenshot(page, "live-participant-offline-ar-360")
    assert Contribution.objects.filter(text=text).count() == 0

    page.context.set_offline(False)
    wall.locator(".wall-card", has_text=text).wait_for()
    page.wait_for_function("() => !document.querySelector('#my-card-list [data-key]')")
    assert "تم إرسال كل شيء" in pending.inner_text()
    assert wall.locator(".wall-card", has_text=text).count() == 1
    assert Contribution.objects.filter(text=text).count() == 1
    card = Contribution.objects.get(text=text)
    assert card.kind == "idea" and card.language == "ar" and card.theme.name == "Gemeinschaft & Nachbarschaft"
    theme_column = wall.locator(f".wall-theme[data-theme='{card.theme_id}'] .wall-kind[data-kind='idea']")
    assert theme_column.locator(".wall-card", has_text=text).count() == 1

    wall.locator(".wall-card", has_text=text).get_by_role("button").click()
    assert wall.locator("#wall-enlarged").is_visible() and wall.locator("#wall-enlarged-text").inner_text() == text
    assert_accessible(wall, "wall with an enlarged card")
    screenshot(wall, "live-wall-enlarged")
    wall.keyboard.press("Escape")
    wall_context.close()


def test_the_wall_catches_up_after_its_socket_dropped(page, evening):
    base = evening["server"]
    session = evening["session"]
    login(page, base, "beratung@musterstadt.de", PASSWORD)
    page.goto(f"{base}/veranstaltungen/{session.pk}/wand/")
    page.wait_for_selector("#wall-connection[data-state=open]")
    page.context.set_offline(True)
    page.wait_for_selector("#wall-connection[data-state=closed]")
    theme = evening["dialogue"].themes.order_by("position").first()
    services.contribution_submit(
        session=session,
        author_user=None,
        participant=None,
        kind="situation",
        theme_id=theme.pk,
        text="Während der Funkstille geschrieben",
    )
    page.context.set_offline(False)
    page.locator(".wall-card", has_text="Während der Funkstille geschrieben").wait_for()
    assert page.locator(".wall-card", has_text="Während der Funkstille geschrieben").count() == 1


def test_a_wall_whose_socket_cannot_connect_shows_new_cards_by_polling(page, evening):
    """Redis away, or a proxy that drops WebSockets: the wall asks for new events over HTTP instead."""
    base = evening["server"]
    session = evening["session"]
    page.route_web_socket("**/ws/live/**", lambda socket: socket.close())
    login(page, base, "beratung@musterstadt.de", PASSWORD)
    page.goto(f"{base}/veranstaltungen/{session.pk}/wand/")
    page.wait_for_selector("#wall-connection[data-state=closed]")
    theme = evening["dialogue"].themes.order_by("position").first()
    services.contribution_submit(
        session=session,
        author_user=None,
        participant=None,
        kind="idea",
        theme_id=theme.pk,
        text="Ohne Socket geschrieben",
    )
    page.locator(".wall-card", has_text="Ohne Socket geschrieben").wait_for(timeout=15000)
    assert page.locator(".wall-card", has_text="Ohne Socket geschrieben").count() == 1
