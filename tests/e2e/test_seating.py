"""A moderator plans a World Café of 30 people, reads the figures and opens the print view (desktop and phone)."""

import pytest
from playwright.sync_api import expect

from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.live import services as live_services
from dialogwerk.live.models import Method
from dialogwerk.tenancy.models import Municipality, Role
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, has_no_horizontal_scroll, login, screenshot

PERSPECTIVES = ["Verwaltung", "Ehrenamt", "Geflüchtete", "Nachbarschaft", "Wirtschaft", "Bildung"]


@pytest.fixture
def cafe(server):
    municipality = Municipality.objects.create(
        name="Musterstadt", ags="08999001", district="Landkreis Musterkreis", population=24300
    )
    consultant = make_user("beratung@musterstadt.de", municipality, Role.CONSULTANT)
    make_user("moderation@musterstadt.de", municipality, Role.MODERATOR)
    dialogue = dialogue_create(actor=consultant, municipality=municipality, title="Flüchtlingsdialog Musterstadt")
    session = live_services.session_create(
        actor=consultant, dialogue=dialogue, title="World-Café Rathaus", method=Method.WORLD_CAFE, rounds=3
    )
    return {"server": server, "dialogue": dialogue, "session": session}


def test_a_moderator_plans_thirty_people_and_prints_the_plan(page, cafe):
    base, dialogue = cafe["server"], cafe["dialogue"]
    page.set_viewport_size(DESKTOP)
    login(page, base, "moderation@musterstadt.de", PASSWORD)
    page.goto(f"{base}/dialoge/{dialogue.pk}/tischplan/")
    assert_accessible(page, "seating index")
    page.get_by_role("link", name="Plan erstellen für World-Café Rathaus").click()
    assert page.get_by_label("Runden").input_value() == "3"
    people = "\n".join(f"Person {i:02d} Müller; {PERSPECTIVES[i % 6]}" for i in range(1, 31))
    page.get_by_label("Einzuplanende Personen").fill(people)
    # The session's tables (one per theme) are suggested; this moderator wants tables of five instead.
    assert page.get_by_label("Anzahl der Tische").input_value() == "5"
    page.get_by_label("Anzahl der Tische").fill("")
    page.get_by_label("Personen pro Tisch").fill("5")
    assert_accessible(page, "seating form")
    page.get_by_role("button", name="Plan erstellen").click()
    page.wait_for_url(lambda url: "/tischplan/neu/" not in url)

    assert page.get_by_text("Der Tischplan wurde erstellt.").is_visible()
    figures = page.locator(".seating-figures")
    assert "Wiederholte Begegnungen" in figures.inner_text() and "Untere Schranke" in figures.inner_text()
    assert page.get_by_role("heading", name="Runde 3").is_visible()
    assert page.locator(".seating-table").count() == 18  # 6 tables in each of 3 rounds
    assert_accessible(page, "seating plan desktop")
    screenshot(page, "seating-plan-desktop")

    page.get_by_role("link", name="Druckansicht").click()
    expect(page.get_by_role("heading", name="Laufkarten")).to_be_visible()
    assert page.locator(".seating-card").count() == 30
    assert_accessible(page, "seating print desktop")
    screenshot(page, "seating-print-desktop")

    page.set_viewport_size(PHONE)
    page.reload()
    assert_accessible(page, "seating print 360")
    assert has_no_horizontal_scroll(page)
    screenshot(page, "seating-print-360")
    page.go_back()
    assert_accessible(page, "seating plan 360")
    screenshot(page, "seating-plan-360")
    assert has_no_horizontal_scroll(page)

    page.get_by_role("link", name="Später Dazugekommene und Fehlende: neu planen").click()
    page.get_by_label("Aktuelle Runde").select_option("1")
    page.get_by_label("Person 07 Müller").check()
    page.get_by_label("Später Dazugekommene").fill("Nour Al-Sayed; Geflüchtete")
    assert_accessible(page, "seating replan 360")
    assert has_no_horizontal_scroll(page)
    page.get_by_role("button", name="Restliche Runden neu planen").click()
    expect(page.get_by_text("Die restlichen Runden wurden neu geplant.")).to_be_visible()
    assert "Person 07 Müller" in page.locator("#absent").locator("..").inner_text()
    assert page.get_by_text("Nour Al-Sayed").count() == 3  # seated in every round, from the current one on
