"""The whole room live, in a real browser: three phones (one Arabic), the wall and the console through a
World-Café evening. The phones draw each step from the socket's event without asking for the page again,
the wall ranks the dots, shows no participant's name, and the phones put the card form away at the end."""

import re

import pytest

from dialogwerk.dialogues.services import dialogue_create, dialogue_set_languages
from dialogwerk.live import services
from dialogwerk.live.models import Method
from dialogwerk.live.selectors import OPTIONS_PAGE
from dialogwerk.tenancy.models import Municipality, Role
from dialogwerk.translations.services import translations_save
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, login

CODE = "R00MXY"


@pytest.fixture
def evening(server):
    municipality = Municipality.objects.create(
        name="Musterstadt", ags="08999001", district="Musterkreis", population=24300
    )
    consultant = make_user("beratung@musterstadt.de", municipality, Role.CONSULTANT)
    dialogue = dialogue_create(
        actor=consultant, municipality=municipality, title="Flüchtlingsdialog Musterstadt", purpose="Zusammenleben."
    )
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["de", "ar"])
    session = services.session_create(
        actor=consultant, dialogue=dialogue, title="Abend im Rathaus", method=Method.WORLD_CAFE, code=CODE
    )
    second_round = session.steps.order_by("position")[1]
    translations_save(
        actor=consultant, dialogue=dialogue, language="ar", items=[(f"step:{second_round.pk}:title", "الجولة الثانية")]
    )
    return {"server": server, "session": session, "dialogue": dialogue}


def join(browser, base, language: str, name: str):
    context = browser.new_context(viewport=PHONE)
    phone = context.new_page()
    phone.goto(f"{base}/j/{CODE}/?lang={language}")
    phone.fill("#id_display_name", name)
    phone.select_option("#id_language", language)
    phone.check("#id_consent")
    phone.locator("form.live-form button[type=submit]").click()
    phone.wait_for_url(f"{base}/j/{CODE}/live/")
    phone.wait_for_load_state("networkidle")
    # Every request for the participant page from now on: a step must not need one.
    phone.page_loads = []
    phone.on(
        "request",
        lambda request: phone.page_loads.append(request.url) if request.url.endswith(f"/j/{CODE}/live/") else None,
    )
    return phone


def test_the_room_follows_the_evening_on_every_phone_and_the_wall_keeps_names_off(page, browser, evening):
    base, session = evening["server"], evening["session"]
    login(page, base, "beratung@musterstadt.de", PASSWORD)
    page.set_viewport_size(DESKTOP)
    wall = page.context.new_page()
    wall.goto(f"{base}/veranstaltungen/{session.pk}/wand/")
    wall.wait_for_selector("#wall-connection[data-state=open]")
    page.goto(f"{base}/veranstaltungen/{session.pk}/")

    arabic = join(browser, base, "ar", "أمل")
    german = join(browser, base, "de", "Karin")
    third = join(browser, base, "de", "")

    # The moderator starts and moves to round 2: every phone shows it, drawn from the event.
    page.get_by_role("button", name="Starten").click()
    page.get_by_role("button", name="Pausieren", exact=True).wait_for()
    page.get_by_role("button", name="Nächster Schritt").click()
    page.locator(".console-steps li[aria-current=step]", has_text="Runde 2").wait_for()
    arabic.locator("#live-step .live-step-title", has_text="الجولة الثانية").wait_for()
    assert arabic.locator("#live-step .live-step-title").get_attribute("lang") == "ar"
    assert re.search(r"2\D+3", arabic.locator("#live-step .live-step-kicker").inner_text())
    for phone in (german, third):
        phone.locator("#live-step .live-step-title", has_text="Runde 2").wait_for()
        assert phone.locator("#live-step .live-step-title").get_attribute("lang") == "de"
    wall.locator("#live-step .live-step-title", has_text="Runde 2").wait_for()
    assert all(phone.page_loads == [] for phone in (arabic, german, third))
    assert_accessible(arabic, "participant page ar, drawn from the event")

    # Cards: Karin did not choose to show her name, so the wall shows none.
    german.get_by_label("Idee").check()
    german.fill("#id_text", "Ein Sprachcafé im Rathaus")
    german.get_by_role("button", name="Karte senden").click()
    wall.locator(".wall-card", has_text="Ein Sprachcafé im Rathaus").wait_for()
    assert "Karin" not in wall.locator("#wall-themes").inner_text()
    page.locator("#console-card-rows tr", has_text="Ein Sprachcafé im Rathaus").wait_for()  # the console's list too

    # More cards from the tables' flipcharts (typed up at the console meanwhile).
    theme = evening["dialogue"].themes.order_by("position").first()
    for number in range(OPTIONS_PAGE + 2):
        services.contribution_submit(
            session=session, participant=None, kind="situation", theme_id=theme.pk, text=f"Flipchart {number:02d}"
        )

    # A dot vote over all cards: every phone draws it from the event and loads its first page of options.
    page.get_by_role("link", name="Punktabfrage starten").click()
    page.get_by_role("button", name="Punktabfrage starten").click()
    option = arabic.locator(".live-option", has_text="Ein Sprachcafé im Rathaus")
    option.wait_for()
    assert arabic.locator(".live-option").count() == OPTIONS_PAGE
    assert arabic.locator("#vote-heading").get_attribute("lang") == "de"  # the question is not translated
    arabic.locator("#more-options").click()  # the rest, in place
    arabic.locator(".live-option", has_text="Flipchart 20").wait_for()
    assert arabic.locator(".live-option").count() == OPTIONS_PAGE + 3 and arabic.locator("#more-options").count() == 0
    assert_accessible(arabic, "participant page ar with the vote drawn from the event")
    # A card written during the vote: the other phones hear that there is one more option, and offer it; the
    # console fetches that card's row alone, not the whole console with every card.
    page.wait_for_url(f"{base}/veranstaltungen/{session.pk}/")
    page.wait_for_load_state("networkidle")
    console_loads = []
    page.on("request", lambda request: console_loads.append(request.url) if "/karten" not in request.url else None)
    german.get_by_label("Idee").check()
    german.fill("#id_text", "Ein Fest im Stadtpark")
    german.get_by_role("button", name="Karte senden").click()
    page.locator("#console-card-rows tr:first-child", has_text="Ein Fest im Stadtpark").wait_for()
    assert console_loads == []
    arabic.locator("#more-options").click()
    arabic.locator(".live-option", has_text="Ein Fest im Stadtpark").wait_for()
    before = arabic.locator("#dots-left").inner_text()
    option.locator("button[value=dot]").click()
    arabic.wait_for_function("before => document.querySelector('#dots-left').textContent !== before", arg=before)
    assert arabic.locator("#dots-left").get_attribute("aria-live") == "polite"
    assert re.search("[\u0600-\u06ff]", arabic.locator("#dots-left").inner_text())  # said in Arabic
    wall.locator("#ranking-list li", has_text="1 Punkt").wait_for()
    assert "1 Punkte" not in wall.locator("#ranking-list").inner_text()

    # The end: the phones say so and put the card form away, without a reload.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Veranstaltung beenden").click()
    for phone in (arabic, german, third):
        phone.locator("#live-step", has_text=re.compile(r"انتهت|beendet")).wait_for()
        assert phone.locator("#card-form").is_hidden()
    assert all(phone.page_loads == [] for phone in (arabic, german, third))
    for phone in (arabic, german, third):
        phone.context.close()


def test_a_join_without_consent_puts_the_focus_on_the_error_summary(page, evening):
    page.set_viewport_size(PHONE)
    page.goto(f"{evening['server']}/j/{CODE}/?lang=fa")
    page.fill("#id_display_name", "Sara")
    page.locator("form.live-form button[type=submit]").click()
    page.wait_for_load_state()
    focused = page.evaluate("() => document.activeElement.hasAttribute('data-error-summary')")
    assert focused and page.locator("[data-error-summary] a[href='#id_consent']").is_visible()
    page.locator("[data-error-summary] a[href='#id_consent']").click()
    assert page.evaluate("() => document.activeElement.id") == "id_consent"
    assert_accessible(page, "join page fa with an error summary")


def test_a_wall_for_a_full_room_turns_its_themes_and_the_moderator_pins_one(page, evening):
    session, dialogue = evening["session"], evening["dialogue"]
    themes = list(dialogue.themes.order_by("position"))
    for number in range(70):
        services.contribution_submit(
            session=session, participant=None, kind="idea", theme_id=themes[number % 2].pk, text=f"Idee {number:02d}"
        )
    login(page, evening["server"], "beratung@musterstadt.de", PASSWORD)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{evening['server']}/veranstaltungen/{session.pk}/wand/")
    assert page.locator("img.wall-qr").is_visible() and page.locator(".wall-code").inner_text() == CODE
    # 70 cards: one theme at a time, turning by itself.
    assert page.locator("#wall-rotate").get_attribute("aria-pressed") == "true"
    assert page.locator(".wall-theme:not([hidden])").count() == 1
    assert_accessible(page, "wall of a full room")
    # The moderator pins the second theme: it stays.
    page.locator(f"[data-filter='{themes[1].pk}']").click()
    assert page.locator("#wall-rotate").get_attribute("aria-pressed") == "false"
    assert page.locator(".wall-theme:not([hidden])").get_attribute("data-theme") == str(themes[1].pk)
    # Its idea column shows the newest ten; the older ones come on request, in place.
    column = page.locator(f".wall-theme[data-theme='{themes[1].pk}'] .wall-kind[data-kind='idea']")
    assert column.locator(".wall-card").count() == 10 and column.locator(".wall-card").first.inner_text().count(
        "Idee 69"
    )
    column.locator(".wall-older").click()
    column.locator(".wall-card", has_text="Idee 49").wait_for()
    assert column.locator(".wall-card").count() == 20


def test_a_phone_reloads_without_network_right_after_joining_and_says_when_nothing_waits(browser, evening):
    phone = join(browser, evening["server"], "tr", "Elif")
    # The page stores itself for offline use once its service worker is ready.
    phone.wait_for_function(
        "async () => { const cache = await caches.open(JSON.parse(document.getElementById('live-config').textContent).offlineCache);"
        " return !!(await cache.match(location.pathname, { ignoreVary: true })); }"
    )
    phone.wait_for_function("() => navigator.serviceWorker.controller !== null")  # it claims the page once active
    phone.context.set_offline(True)
    phone.wait_for_function("() => !navigator.onLine")
    pending = phone.locator("#live-pending")
    pending.filter(has_text="Şu anda bağlantı yok").wait_for()  # offline, and nothing waiting to be sent
    phone.reload()
    assert phone.locator("#card-form").is_visible() and phone.get_attribute("html", "lang") == "tr"
    phone.context.close()
