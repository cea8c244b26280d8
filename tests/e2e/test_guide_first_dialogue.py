"""Follows the guide's chapter "Ihr erster Dialog" as a new consultant would, in the browser.

The chapter names, for each step, the headings of the page the reader then sees (`> Überschrift: „…“`);
the test fails when a page no longer has a heading its text names.
"""

import datetime
import re

from playwright.sync_api import expect

from dialogwerk.guide import chapters
from dialogwerk.tenancy.models import Municipality, Role
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, screenshot

STEP = re.compile(r"^## Schritt (\d+): (.+)$")
HEADING = re.compile(r"^> Überschrift: „(.+)“$")

# How a reader gets from the dialogue's overview to a step's page: the checklist's link to it.
CHECKLIST_LINKS = {
    4: "/bedarfsanalyse/",
    5: "/akteure/",
    6: "/einladungen/",
    7: "/ablaufplan/",
    8: "/projektplan/",
    9: "/live/",
    11: "/buendeln/",
    12: "/massnahmen/",
    13: "/dokumente/",
}


def chapter_steps() -> list[tuple[int, str, list[str]]]:
    steps: list[tuple[int, str, list[str]]] = []
    for line in chapters.source("erster-dialog").splitlines():
        if match := STEP.match(line):
            steps.append((int(match.group(1)), match.group(2), []))
        elif (match := HEADING.match(line)) and steps:
            steps[-1][2].append(match.group(1))
    return steps


def expect_headings(page, names: list[str], step: str) -> None:
    for name in names:
        assert page.get_by_role("heading", name=name, exact=True).count() >= 1, (
            f"{step}: no heading „{name}“ on {page.url}"
        )


def test_the_chapter_names_a_heading_for_every_step():
    steps = chapter_steps()
    assert [number for number, _title, _headings in steps] == list(range(1, len(steps) + 1))
    assert all(headings for _number, _title, headings in steps)
    assert set(CHECKLIST_LINKS) <= {number for number, _title, _headings in steps}


def test_a_new_consultant_follows_the_first_dialogue_chapter(server, page):
    municipality = Municipality.objects.create(name="Neustadt", ags="08000099", district="Kreis N", population=9000)
    make_user("neu@neustadt.example", municipality, Role.CONSULTANT)
    steps = {number: (title, headings) for number, title, headings in chapter_steps()}
    page.set_viewport_size(DESKTOP)

    # Schritt 1: log in; first the login page, then "Meine Dialoge".
    page.goto(f"{server}/konto/anmelden/")
    expect_headings(page, steps[1][1][:1], "Schritt 1")
    page.fill("input[name=username]", "neu@neustadt.example")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/konto/anmelden/" not in url)
    expect_headings(page, steps[1][1][1:], "Schritt 1")

    # Schritt 2: the wizard, from the help box on the start page.
    page.get_by_role("link", name="Neuen Flüchtlingsdialog für Neustadt anlegen").click()
    expect_headings(page, steps[2][1], "Schritt 2")
    assert_accessible(page, "wizard")
    page.fill("input[name=title]", "Zusammenleben in Neustadt")
    page.fill("input[name=starts_on]", (datetime.date.today() + datetime.timedelta(days=60)).isoformat())
    page.fill("input[name=expected_participants]", "65")
    page.get_by_role("button", name="Dialog anlegen").click()
    page.wait_for_url(re.compile(r"/dialoge/\d+/$"))

    # Schritt 3: the overview with its checklist and the next step.
    expect_headings(page, steps[3][1], "Schritt 3")
    expect(page.locator(".guide-next")).to_contain_text("Nächster Schritt")
    overview = page.url
    assert_accessible(page, "overview with checklist")
    screenshot(page, "guide-first-dialogue-overview")

    # Schritte 4–13: each page reached as the reader would, with the headings the chapter names.
    for number, (title, headings) in sorted(steps.items()):
        if number <= 3:
            continue
        if number in CHECKLIST_LINKS:
            page.goto(overview)
            page.locator(f".guide-checklist-items a[href$='{CHECKLIST_LINKS[number]}']").first.click()
        else:
            page.goto(f"{server}/hilfe/erster-dialog/")
            page.locator(".guide-article").get_by_role("link", name=headings[0]).first.click()
        page.wait_for_load_state()
        expect_headings(page, headings, f"Schritt {number}: {title}")
        assert page.get_by_role("complementary", name="Hilfe zu dieser Seite").count() <= 1

    # The same overview on a phone.
    page.set_viewport_size(PHONE)
    page.goto(overview)
    assert_accessible(page, "overview at 360 px")
