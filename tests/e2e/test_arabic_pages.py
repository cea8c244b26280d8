"""Every page a participant reads, in Arabic on a 360 px phone, in a real browser: the page is Arabic and right
to left, the dialogue's translated texts are shown in Arabic, nothing scrolls sideways, and axe finds no
serious or critical WCAG 2.1 AA violation. Screenshots land in var/screenshots/ar-360-*.png."""

import datetime

import pytest

from dialogwerk.dialogues.services import dialogue_create, dialogue_set_languages
from dialogwerk.live import services as live_services
from dialogwerk.measures import services as measure_services
from dialogwerk.preparation import services as preparation_services
from dialogwerk.preparation.models import Actor, EventDetails, Invitation
from dialogwerk.survey import services as survey_services
from dialogwerk.tenancy.models import Municipality, Role
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import PHONE, assert_accessible, has_no_horizontal_scroll, login, screenshot

CODE = "E2EARB"
TITLE_AR = "حوار اللاجئين في موسترشتات"
SESSION_AR = "أمسية في البلدية"
MEASURE_AR = "مقهى اللغة في مركز الشباب"
VENUE_AR = "دار المواطنين في السوق"


@pytest.fixture
def town(server):
    municipality = Municipality.objects.create(
        name="Musterstadt", ags="08999001", district="Musterkreis", population=24300
    )
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
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["de", "ar"])
    session = live_services.session_create(actor=consultant, dialogue=dialogue, title="Abend im Rathaus", code=CODE)
    survey_services.survey_open(actor=consultant, session=session)
    measure = measure_services.measure_create(
        actor=consultant, dialogue=dialogue, title="Sprachcafé im Jugendhaus", public=True
    )
    preparation_services.perspectives_ensure_defaults(dialogue=dialogue)
    actor = Actor.objects.create(
        dialogue=dialogue,
        name="Geflüchtetenrat",
        perspective=dialogue.perspectives.first(),
        email="rat@example.org",
        consent=True,
    )
    preparation_services.event_details_save(
        actor=consultant,
        dialogue=dialogue,
        venue="Bürgerhaus am Markt",
        address="Marktplatz 3\n12345 Musterstadt",
        starts_at=datetime.time(17, 0),
        ends_at=datetime.time(21, 0),
        step_free="yes",
        childcare=True,
        interpreters=["ar"],
        interpreter_other="Dari",
    )
    preparation_services.invitations_send(actor=consultant, dialogue=dialogue, actors=[actor], base_url=server)
    return {
        "server": server,
        "dialogue": dialogue,
        "municipality": municipality,
        "rsvp": Invitation.objects.get().token,
        "measure": measure,
        "texts": {
            f"dialogue:{dialogue.pk}:title": TITLE_AR,
            f"session:{session.pk}:title": SESSION_AR,
            f"measure:{measure.pk}:title": MEASURE_AR,
            f"event:{EventDetails.objects.get().pk}:venue": VENUE_AR,
        },
    }


def translate(browser, base: str, dialogue, texts: dict) -> None:
    """The consultant writes the Arabic texts on *Übersetzungen* (through the app, as a user would)."""
    consultant = browser.new_context().new_page()
    login(consultant, base, "beratung@musterstadt.de", PASSWORD)
    consultant.goto(f"{base}/dialoge/{dialogue.pk}/uebersetzungen/ar/")
    for key, text in texts.items():
        consultant.fill(f"textarea[name='t-{key}']", text)
    consultant.get_by_role("button", name="Übersetzungen speichern").click()
    assert f"{len(texts)} Übersetzungen gespeichert." in consultant.locator("main").inner_text()
    consultant.context.close()


def check(page, name: str, arabic_text: str = "") -> None:
    assert page.locator("html").get_attribute("lang") == "ar", name
    assert page.locator("html").get_attribute("dir") == "rtl", name
    if arabic_text:
        assert page.locator(f"[lang=ar]:has-text('{arabic_text}')").count(), name
    assert has_no_horizontal_scroll(page), name
    assert_accessible(page, f"{name} in Arabic at 360 px")
    screenshot(page, f"ar-360-{name}")


def test_every_participant_page_reads_in_arabic_on_a_small_phone(browser, town):
    base, dialogue = town["server"], town["dialogue"]
    translate(browser, base, dialogue, town["texts"])
    phone = browser.new_context(viewport=PHONE, locale="ar").new_page()

    phone.goto(f"{base}/j/{CODE}/?lang=ar")
    check(phone, "join", SESSION_AR)
    phone.check("#id_consent")
    phone.get_by_role("button", name="شارك").click()
    phone.wait_for_url(f"{base}/j/{CODE}/live/")
    check(phone, "participant", SESSION_AR)
    for name, path, arabic_text in [
        ("survey", f"/j/{CODE}/umfrage/", SESSION_AR),
        ("my-data", f"/j/{CODE}/meine-daten/", SESSION_AR),
        ("privacy-notice", f"/datenschutz/{town['municipality'].pk}/", ""),
        ("status", f"/status/{dialogue.pk}/", MEASURE_AR),
        ("measure", f"/status/{dialogue.pk}/massnahmen/{town['measure'].pk}/", MEASURE_AR),
        ("accessibility", "/barrierefreiheit/", ""),
        ("easy-language", "/hilfe/leichte-sprache/", ""),
        ("rsvp", f"/antwort/{town['rsvp']}/", VENUE_AR),
        ("rsvp-code", "/antwort/", ""),
    ]:
        phone.goto(base + path)
        check(phone, name, arabic_text)
