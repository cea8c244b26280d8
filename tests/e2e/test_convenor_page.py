"""A working group's convenor without an account hands in minutes and the group's proposals from a 360 px
phone through the personal link, in a real browser: no login, a plain German page that passes axe."""

import datetime

import pytest

from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.synthesis import convenor_links, services
from dialogwerk.synthesis.models import WorkingGroupMeeting, WorkingGroupProposal
from dialogwerk.tenancy.models import Municipality, Role
from tests.conftest import make_user
from tests.e2e.conftest import PHONE, assert_accessible, has_no_horizontal_scroll, screenshot


@pytest.fixture
def link(server):
    municipality = Municipality.objects.create(
        name="Musterstadt", ags="08999005", district="Musterkreis", population=24300
    )
    consultant = make_user("beratung@musterstadt.de", municipality, Role.CONSULTANT)
    dialogue = dialogue_create(actor=consultant, municipality=municipality, title="Flüchtlingsdialog Musterstadt")
    group = services.working_group_create(
        actor=consultant,
        dialogue=dialogue,
        name="AG Wohnen",
        mandate="Wohnraum für Familien finden.",
        proposal_due_on=datetime.date(2027, 3, 31),
    )
    return convenor_links.convenor_link_create(actor=consultant, working_group=group, name="Frau Yilmaz")


def test_the_convenor_hands_in_minutes_and_proposals_from_a_phone(browser, server, link):
    phone = browser.new_context(viewport=PHONE).new_page()
    phone.goto(f"{server}/arbeitsgruppe/{link.token}/")
    assert phone.get_by_role("heading", name="AG Wohnen").is_visible()
    assert has_no_horizontal_scroll(phone)
    assert_accessible(phone, "convenor's page")
    phone.locator("#id_meeting-held_on").fill("2027-02-10")
    phone.locator("#id_meeting-minutes").fill("Drei Wohnungen in Aussicht.")
    phone.get_by_role("button", name="Protokoll speichern").click()
    phone.get_by_text("Danke! Das Protokoll wurde gespeichert").wait_for()
    phone.locator("#id_report-report").fill("Wir haben mit der Wohnbau gesprochen.")
    phone.locator("#id_report-proposals").fill("Belegungsrechte kaufen")
    phone.get_by_role("button", name="Bericht senden").click()
    phone.get_by_text("Belegungsrechte kaufen – wartet auf Entscheidung").wait_for()
    assert_accessible(phone, "convenor's page after a report")
    screenshot(phone, "convenor-360")
    assert WorkingGroupMeeting.objects.get().minutes == "Drei Wohnungen in Aussicht."
    assert WorkingGroupProposal.objects.get().title == "Belegungsrechte kaufen"
