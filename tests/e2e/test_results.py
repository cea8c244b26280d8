"""What happens to what was said, in the browser: the consultant bundles with a suggestion, decides,
delegates and turns a decision into a measure; a Begleitkreis member posts progress and sees what is
overdue; the public reads the status page (axe-clean on a desktop and at 360 px)."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.live import services as live
from dialogwerk.measures import services as measures
from dialogwerk.measures import tabular
from dialogwerk.measures.models import Measure
from dialogwerk.tenancy.models import Municipality, Role
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, has_no_horizontal_scroll, login, screenshot
from tests.worker import run_worker


@pytest.fixture
def musterstadt(server):
    municipality = Municipality.objects.create(name="Musterstadt", ags="08999001", population=24300)
    consultant = make_user("beratung@musterstadt.de", municipality, Role.CONSULTANT)
    make_user("begleitkreis@musterstadt.de", municipality, Role.STEERING_MEMBER)
    dialogue = dialogue_create(actor=consultant, municipality=municipality, title="Flüchtlingsdialog Musterstadt")
    session = live.session_create(actor=consultant, dialogue=dialogue, title="Abend im Rathaus")
    theme = dialogue.themes.all()[1].pk
    for text, kind, language in [
        ("Es fehlen Kita-Plätze für die Kinder", "situation", "de"),
        ("Zu wenige Plätze in der Kita", "situation", "de"),
        ("Kitaplätze fehlen im Neubaugebiet", "situation", "de"),
        ("Sprachcafé mit Ehrenamtlichen", "idea", "de"),
        ("Hausaufgabenhilfe im Jugendhaus", "idea", "de"),
        ("لا توجد أماكن كافية في الحضانة لأطفالنا", "situation", "ar"),
    ]:
        live.contribution_submit(
            session=session, author_user=consultant, kind=kind, theme_id=theme, text=text, language=language
        )
    measures.measure_create(
        actor=consultant,
        dialogue=dialogue,
        title="WLAN in der Unterkunft",
        status="in_progress",
        public=True,
        responsible_organisation="Landratsamt",
        due_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    return {"server": server, "dialogue": dialogue}


def test_from_cards_to_a_measure_its_progress_and_the_public_status_page(page, musterstadt):
    base, dialogue = musterstadt["server"], musterstadt["dialogue"]
    login(page, base, "beratung@musterstadt.de", PASSWORD)

    # Bundle: take over the suggestion, then move a card with its field and button (the keyboard way).
    # The suggestions are computed by the worker; the board asks until they are and then offers them.
    page.goto(f"{base}/dialoge/{dialogue.pk}/buendeln/")
    assert page.get_by_text("Vorschläge werden im Hintergrund berechnet.").is_visible()
    run_worker()
    page.get_by_role("link", name="Neue Vorschläge sind fertig: anzeigen").click()
    # The Arabic card about missing Kita places is suggested with the German ones.
    suggestion = page.locator(".suggestion", has=page.get_by_role("heading", name="Diese 4 Karten sagen fast dasselbe"))
    assert suggestion.get_by_text("لا توجد أماكن كافية في الحضانة لأطفالنا").is_visible()
    assert_accessible(page, "bundling board")
    page.get_by_label("Titel", exact=True).first.fill("Kita-Plätze fehlen")
    page.get_by_role("button", name="Diese Karten bündeln").first.click()
    expect(page.get_by_role("heading", name="Kita-Plätze fehlen")).to_be_visible()
    card = page.locator(".bundle-card", has_text="Sprachcafé mit Ehrenamtlichen")
    # The cluster's number is shown on it (#…) and offered by the field's list of clusters.
    target = page.locator("article.cluster", has=page.get_by_role("heading", name="Kita-Plätze fehlen")).get_attribute(
        "data-cluster-id"
    )
    card.get_by_label("In Bündel verschieben").fill(target)
    card.get_by_role("button", name=re.compile("Verschieben")).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    cluster = page.locator("article.cluster", has=page.get_by_role("heading", name="Kita-Plätze fehlen"))
    assert cluster.get_by_text("Sprachcafé mit Ehrenamtlichen", exact=True).is_visible()
    screenshot(page, "results-board")
    # Cards like this one, from any card of the board.
    page.locator(".bundle-card", has_text="Hausaufgabenhilfe im Jugendhaus").get_by_role(
        "link", name=re.compile("Karten wie diese")
    ).click()
    expect(page.get_by_role("heading", name="Karten wie diese")).to_be_visible()
    assert_accessible(page, "cards like this one")

    # Decide: adopt the cluster, delegate a single idea to a new working group.
    page.goto(f"{base}/dialoge/{dialogue.pk}/entscheidungen/")
    page.get_by_label("Worüber entschieden wird").select_option(label="Kita-Plätze fehlen")
    page.get_by_label("Beschlossen").check()
    page.get_by_role("button", name="Entscheidung festhalten").click()
    expect(page.get_by_text("Die Entscheidung „Kita-Plätze fehlen“ wurde festgehalten.")).to_be_visible()
    page.get_by_label("Worüber entschieden wird").select_option(label="Hausaufgabenhilfe im Jugendhaus")
    page.get_by_label("An eine Arbeitsgruppe übertragen").check()
    page.get_by_label("Name einer neuen Arbeitsgruppe").fill("AG Bildung")
    page.get_by_label("Ihr Auftrag").fill("Ein Konzept für die Hausaufgabenhilfe vorschlagen")
    page.get_by_label("Frist für ihren Vorschlag").fill("2027-03-31")
    page.get_by_role("button", name="Entscheidung festhalten").click()
    expect(page.get_by_role("link", name="AG Bildung").first).to_be_visible()
    assert_accessible(page, "decisions")

    # Turn the adopted decision into a measure.
    page.get_by_role("link", name=re.compile("Als Maßnahme anlegen")).click()
    assert page.get_by_label("Titel").input_value() == "Kita-Plätze fehlen"
    page.get_by_label("Titel").fill("Übergangsgruppe Kita")
    page.get_by_label("verantwortliche Organisation").fill("Amt für Familie")
    page.get_by_label("Fällig", exact=True).fill((timezone.localdate() + datetime.timedelta(days=20)).isoformat())
    page.get_by_label("auf der öffentlichen Statusseite zeigen").check()
    assert_accessible(page, "measure form")
    page.get_by_role("button", name="In den Katalog aufnehmen").click()
    expect(page.get_by_role("heading", level=1, name="Übergangsgruppe Kita")).to_be_visible()
    assert page.get_by_text("Es fehlen Kita-Plätze für die Kinder").is_visible()  # the original cards
    measure = Measure.objects.get(title="Übergangsgruppe Kita")
    page.goto(f"{base}/dialoge/{dialogue.pk}/massnahmen/")
    assert page.get_by_role("link", name="Übergangsgruppe Kita").is_visible()
    assert_accessible(page, "catalogue")

    # Export, change a cell and write a wrong date, import: the preview shows both and applies nothing.
    text = tabular.catalogue_csv(dialogue).lstrip("\ufeff").replace("Amt für Familie", "Amt für Familie und Soziales")
    lines = text.split("\r\n")
    header = lines[0].split(";")
    rows = [line.split(";") for line in lines[1:] if line]
    wlan = next(row for row in rows if row[1] == "WLAN in der Unterkunft")
    wlan[header.index("Fällig am")] = "31.02.2027"
    body = "\r\n".join(";".join(row) for row in [header, *rows]) + "\r\n"
    page.goto(f"{base}/dialoge/{dialogue.pk}/massnahmen/import/")
    page.set_input_files(
        "input[type=file]", files=[{"name": "katalog.csv", "mimeType": "text/csv", "buffer": body.encode()}]
    )
    page.get_by_role("button", name="Vorschau zeigen").click()
    page.get_by_text("Die Datei wird gelesen").wait_for()
    run_worker()
    page.get_by_text("Amt für Familie und Soziales").wait_for()
    assert page.get_by_text("„31.02.2027“ ist kein Datum").is_visible()
    assert page.get_by_role("button", name="Diese Änderungen übernehmen").count() == 0
    assert_accessible(page, "import preview")
    assert Measure.objects.get(title="Übergangsgruppe Kita").responsible_organisation == "Amt für Familie"

    # The Begleitkreis member posts progress and sees the overdue list.
    page.context.clear_cookies()
    login(page, base, "begleitkreis@musterstadt.de", PASSWORD)
    page.goto(f"{base}/dialoge/{dialogue.pk}/massnahmen/{measure.pk}/")
    page.get_by_label("Was passiert ist").fill("Raum im Gemeindehaus zugesagt.")
    page.locator("#id_status").select_option("in_progress")
    page.get_by_label("Fortschritt (%)").fill("30")
    page.get_by_role("button", name="Sachstand speichern").click()
    expect(page.get_by_text("Der Sachstand wurde gespeichert.")).to_be_visible()
    assert_accessible(page, "measure detail")
    page.goto(f"{base}/dialoge/{dialogue.pk}/begleitkreis/")
    overdue = page.locator("section", has=page.locator("#overdue-heading"))
    assert overdue.get_by_role("link", name="WLAN in der Unterkunft").is_visible()
    assert (
        page.locator("section", has=page.locator("#due-heading"))
        .get_by_role("link", name="Übergangsgruppe Kita")
        .is_visible()
    )
    assert_accessible(page, "steering dashboard")
    page.goto(f"{base}/dialoge/{dialogue.pk}/begleitkreis/sitzung/")
    assert_accessible(page, "meeting view")

    # The public reads the status page, without an account, on a desktop and a phone.
    page.context.clear_cookies()
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        page.goto(f"{base}/status/{dialogue.pk}/")
        assert page.get_by_role("heading", name="Übergangsgruppe Kita").is_visible()
        assert page.get_by_text("Raum im Gemeindehaus zugesagt.").is_visible()
        assert_accessible(page, f"status page {viewport['width']}")
        assert has_no_horizontal_scroll(page)
        screenshot(page, f"status-page-{viewport['width']}")
