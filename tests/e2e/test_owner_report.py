"""A measure's owner without an account reports from a 360 px phone through the personal link, in a real
browser: no login, a plain German page that passes axe, the report lands in the measure's history."""

import pytest

from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.measures import services
from dialogwerk.measures.models import ProgressUpdate
from dialogwerk.tenancy.models import Municipality, Role
from tests.conftest import make_user
from tests.e2e.conftest import PHONE, assert_accessible, has_no_horizontal_scroll, screenshot


@pytest.fixture
def link(server):
    municipality = Municipality.objects.create(
        name="Musterstadt", ags="08999001", district="Musterkreis", population=24300
    )
    consultant = make_user("beratung@musterstadt.de", municipality, Role.CONSULTANT)
    dialogue = dialogue_create(actor=consultant, municipality=municipality, title="Flüchtlingsdialog Musterstadt")
    measure = services.measure_create(
        actor=consultant,
        dialogue=dialogue,
        title="Sprachcafé im Gemeindehaus",
        description="Jeden Dienstag ein offenes Sprachcafé.",
        responsible_person="Pfarrerin Weber",
    )
    return services.owner_link_create(actor=consultant, measure=measure, name="Pfarrerin Weber", base_url=server)


def test_the_owner_reports_from_a_phone_without_an_account(browser, server, link):
    phone = browser.new_context(viewport=PHONE).new_page()
    phone.goto(f"{server}/sachstand/{link.token}/")
    assert phone.get_by_role("heading", name="Sprachcafé im Gemeindehaus").is_visible()
    assert has_no_horizontal_scroll(phone)
    assert_accessible(phone, "owner's report page")
    phone.get_by_label("Wie ist der Stand?").select_option("in_progress")
    phone.get_by_label("Wie weit ist es, in Prozent?").fill("30")
    phone.get_by_label("Was ist seit dem letzten Bericht passiert?").fill("Der Raum ist gefunden, wir starten im März.")
    phone.get_by_role("button", name="Bericht senden").click()
    phone.wait_for_load_state()
    assert phone.get_by_text("Vielen Dank! Ihr Bericht ist gespeichert.").is_visible()
    assert phone.get_by_text("Der Raum ist gefunden, wir starten im März.").is_visible()
    assert_accessible(phone, "owner's report page after a report")
    screenshot(phone, "owner-report-360")
    assert ProgressUpdate.objects.get().reporter_name == "Pfarrerin Weber"
