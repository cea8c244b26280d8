"""A citizen who is not on the actor list registers on the public event page, on a phone in Ukrainian: the
page and the form speak Ukrainian, axe finds nothing serious, nothing scrolls sideways, and the staff's
venue page lists the registration."""

import datetime

import pytest
from playwright.sync_api import expect

from dialogwerk.dialogues.services import dialogue_create, dialogue_set_languages
from dialogwerk.preparation import services as preparation_services
from dialogwerk.preparation.models import Registration
from dialogwerk.tenancy.models import Municipality, Role
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import PHONE, assert_accessible, has_no_horizontal_scroll, login, screenshot


@pytest.fixture
def town(server):
    municipality = Municipality.objects.create(name="Musterstadt", ags="08999001", population=24300)
    consultant = make_user("beratung@musterstadt.de", municipality, Role.CONSULTANT)
    day = datetime.date.today() + datetime.timedelta(days=14)
    dialogue = dialogue_create(
        actor=consultant,
        municipality=municipality,
        title="Flüchtlingsdialog Musterstadt",
        purpose="Wir beraten gemeinsam, wie wir gut zusammenleben.",
        starts_on=day,
        ends_on=day,
    )
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["de", "uk", "ar"])
    preparation_services.event_details_save(
        actor=consultant,
        dialogue=dialogue,
        venue="Bürgerhaus am Markt",
        address="Marktplatz 3\n12345 Musterstadt",
        starts_at=datetime.time(17, 0),
        ends_at=datetime.time(21, 0),
        step_free="yes",
        childcare=True,
        capacity=80,
        interpreters=["uk", "ar"],
        registration_open=True,
    )
    return {"server": server, "dialogue": dialogue}


def test_a_citizen_registers_in_ukrainian_on_a_phone(browser, town):
    base, dialogue = town["server"], town["dialogue"]
    phone = browser.new_context(viewport=PHONE, locale="uk").new_page()
    phone.goto(f"{base}/anmeldung/{dialogue.pk}/?lang=uk")
    assert phone.locator("html").get_attribute("lang") == "uk"
    assert phone.get_by_text("Залишилося 80 місць.").is_visible()
    phone.get_by_role("button", name="Зареєструватися").click()
    expect(phone.get_by_text("Будь ласка, введіть своє ім’я.").first).to_be_visible()
    assert_accessible(phone, "registration with errors in Ukrainian at 360 px")
    phone.get_by_label("Ваше ім’я").fill("Olena Kovalenko")
    phone.get_by_label("Бажана мова на заході").select_option("uk")
    phone.get_by_label("Я прочитав/ла повідомлення і погоджуюся.").check()
    phone.get_by_role("button", name="Зареєструватися").click()
    phone.get_by_text("Ви зареєстровані.").wait_for()
    assert has_no_horizontal_scroll(phone)
    assert_accessible(phone, "own registration in Ukrainian at 360 px")
    screenshot(phone, "uk-360-registration")
    assert Registration.objects.get().name == "Olena Kovalenko"

    staff = browser.new_context().new_page()
    login(staff, base, "beratung@musterstadt.de", PASSWORD)
    staff.goto(f"{base}/dialoge/{dialogue.pk}/veranstaltungsort/")
    assert staff.get_by_role("cell", name="Olena Kovalenko", exact=True).is_visible()
    assert_accessible(staff, "venue page with registrations")
