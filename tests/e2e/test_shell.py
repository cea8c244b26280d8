"""The shell as people see it: login, dashboard and dialogue overview, in German and for someone who chose
Arabic (staff pages are German then, with a note in Arabic), on a desktop and a phone, with no serious
accessibility problem (axe-core) and no sideways scrolling."""

import pytest

from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.tenancy.models import Municipality, Role
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import (
    DESKTOP,
    PHONE,
    assert_accessible,
    has_no_horizontal_scroll,
    login,
    screenshot,
    switch_language,
)


@pytest.fixture
def musterstadt(server):
    municipality = Municipality.objects.create(
        name="Musterstadt", ags="08999001", district="Landkreis Musterkreis", population=24300
    )
    consultant = make_user("beratung@musterstadt.de", municipality, Role.CONSULTANT)
    dialogue = dialogue_create(
        actor=consultant, municipality=municipality, title="Flüchtlingsdialog Musterstadt", expected_participants=70
    )
    return {"server": server, "user": consultant, "dialogue": dialogue}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_shell_pages_are_accessible(page, musterstadt, language, viewport):
    base = musterstadt["server"]
    page.set_viewport_size(viewport)
    if language != "de":
        page.goto(f"{base}/j/")  # a participant page offers every language; staff pages German and English
        switch_language(page, language)
    page.goto(f"{base}/konto/anmelden/")
    assert (page.get_attribute("html", "lang"), page.get_attribute("html", "dir")) == ("de", "ltr")
    if language != "de":
        note = page.locator(f".language-note[lang={language}]")
        assert note.is_visible() and note.get_attribute("dir") == "rtl"
    tag = f"{language}-{viewport['width']}"
    assert_accessible(page, f"login {tag}")
    assert has_no_horizontal_scroll(page)
    screenshot(page, f"login-{tag}")

    page.fill("input[name=username]", "beratung@musterstadt.de")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}/")
    assert page.get_attribute("html", "lang") == "de"
    assert page.locator(".language-note").count() == (language != "de")
    assert_accessible(page, f"dashboard {tag}")
    assert has_no_horizontal_scroll(page)
    screenshot(page, f"dashboard-{tag}")

    page.goto(f"{base}/dialoge/{musterstadt['dialogue'].pk}/")
    assert_accessible(page, f"overview {tag}")
    assert has_no_horizontal_scroll(page)
    screenshot(page, f"overview-{tag}")


def test_a_consultant_creates_a_dialogue_and_changes_its_phase_with_the_keyboard(page, musterstadt):
    base = musterstadt["server"]
    login(page, base, "beratung@musterstadt.de", PASSWORD)
    page.get_by_role("link", name="Neuer Dialog").click()
    page.get_by_label("Titel").fill("Zweiter Dialog")
    page.get_by_label("erster Veranstaltungstag").fill("2027-05-08")
    page.get_by_role("button", name="Dialog anlegen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Zweiter Dialog"
    assert page.get_by_text("Der Dialog wurde mit den fünf üblichen Themenfeldern angelegt.").is_visible()
    page.get_by_label("Phase ändern in").focus()
    page.keyboard.press("ArrowDown")
    assert page.get_by_label("Phase ändern in").input_value() == "dialogue"
    page.get_by_role("button", name="Phase ändern").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Die Phase ist jetzt: Dialog.").is_visible()
    assert page.locator("[aria-current=step]").inner_text().strip().startswith("Dialog")


def test_the_skip_link_is_the_first_thing_the_keyboard_reaches(page, musterstadt):
    login(page, musterstadt["server"], "beratung@musterstadt.de", PASSWORD)
    page.goto(f"{musterstadt['server']}/dialoge/{musterstadt['dialogue'].pk}/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Zum Inhalt springen"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_the_layout_works_at_320_pixels(page, musterstadt):
    page.set_viewport_size({"width": 320, "height": 640})
    login(page, musterstadt["server"], "beratung@musterstadt.de", PASSWORD)
    page.goto(f"{musterstadt['server']}/dialoge/{musterstadt['dialogue'].pk}/themen/")
    assert has_no_horizontal_scroll(page)
    assert_accessible(page, "themes 320")
