"""DSGVO for people without an account — a measure's responsible person from the church or the Jobcenter, the
holder of a report link, a Begleitkreis member: an administrator finds them by e-mail address, shows and
downloads what is stored, and erases it; the measures and reports stay, without their name."""

import datetime
import json

import pytest

from dialogwerk.measures import services as measures
from dialogwerk.measures import tabular
from dialogwerk.measures.models import CatalogueImport, ReminderRecipient, SentReminder
from dialogwerk.privacy.models import ErasureRecord, Subject
from tests.privacy.stored import every_stored_text

pytestmark = pytest.mark.django_db

EMAIL = "h.wegener@kirchengemeinde.example"
NAME = "Hannelore Wegener"


@pytest.fixture
def contact(dialogue, consultant):
    """A measure owner without an account: named responsible, with a link she reported through, a paused
    reminder address, a reminder sent, and a place in the Begleitkreis."""
    measure = measures.measure_create(
        actor=consultant,
        dialogue=dialogue,
        title="Sprachcafé",
        responsible_person=NAME,
        responsible_email=EMAIL,
        responsible_organisation="Kirchengemeinde St. Marien",
    )
    link = measures.owner_link_create(
        actor=consultant, measure=measure, name=NAME, email=EMAIL, base_url="http://testserver", send=False
    )
    measures.owner_report_post(link=link, text="Zwölf Gäste beim ersten Treffen", status="in_progress", progress=30)
    recipient = ReminderRecipient.objects.create(municipality=dialogue.municipality, email=EMAIL)
    measures.reminders_pause(recipient=recipient, paused=True)
    SentReminder.objects.create(
        measure=measure,
        kind="due",
        key="2027-03-01",
        recipient=EMAIL,
        sent_at=datetime.datetime(2027, 2, 20, tzinfo=datetime.UTC),
    )
    measures.steering_member_add(
        actor=consultant, dialogue=dialogue, name=NAME, email=EMAIL, organisation="Kirchengemeinde"
    )
    # A catalogue uploaded and not imported, and one still waiting for the worker: both list her.
    CatalogueImport.objects.create(
        dialogue=dialogue,
        filename="k.csv",
        format="dialogwerk",
        rows=[{"title": "Sprachcafé", "responsible_email": EMAIL}],
    )
    tabular.import_create(
        actor=consultant, dialogue=dialogue, filename="k.csv", content=f"Titel;E-Mail\nSprachcafé;{EMAIL}\n".encode()
    )
    return measure, link


def test_an_admin_finds_shows_downloads_and_erases_a_contact(client_for, admin_user, municipality, contact):
    measure, link = contact
    base = f"/kommunen/{municipality.pk}/datenschutz/"
    client = client_for(admin_user)
    found = client.get(base, {"email": EMAIL}).content.decode()
    assert "kontakte/?email=h.wegener%40kirchengemeinde.example" in found
    page = client.get(f"{base}kontakte/", {"email": EMAIL}).content.decode()
    assert "Sprachcafé" in page and NAME in page and "Begleitkreis" in page
    data = json.loads(client.get(f"{base}kontakte/export.json", {"email": EMAIL}).content)
    assert (
        data["responsible_for"][0]["name"] == NAME and data["reports"][0]["text"] == "Zwölf Gäste beim ersten Treffen"
    )
    assert (
        data["reminders_paused_at"] and len(data["reminders_sent"]) == 1 and data["steering_group"][0]["name"] == NAME
    )
    assert NAME in every_stored_text()

    refused = client.post(f"{base}kontakte/loeschen/?email={EMAIL}", {"email": EMAIL})
    assert refused.status_code == 422 and NAME in every_stored_text()
    response = client.post(f"{base}kontakte/loeschen/?email={EMAIL}", {"email": EMAIL, "confirm": "on"})
    assert response.status_code == 302
    stored = every_stored_text()
    for trace in (NAME, "Wegener", EMAIL, "h.wegener"):
        assert trace not in stored, trace
    measure.refresh_from_db()
    assert (
        measure.responsible_organisation == "Kirchengemeinde St. Marien"
        and measure.updates.get().text == "Zwölf Gäste beim ersten Treffen"
    )
    assert client_for(admin_user).get(f"/sachstand/{link.token}/").status_code in (404, 410)  # the link no longer works
    assert ErasureRecord.objects.get().subject == Subject.CONTACT
    assert client.get(f"{base}kontakte/", {"email": EMAIL}).status_code == 404  # nothing left under the address


def test_an_address_with_nothing_stored_says_so(client_for, admin_user, municipality, contact):
    base = f"/kommunen/{municipality.pk}/datenschutz/"
    client = client_for(admin_user)
    assert (
        "Unter dieser Adresse ist nichts gespeichert."
        in client.get(base, {"email": "niemand@example.org"}).content.decode()
    )
    assert client.get(f"{base}kontakte/", {"email": "niemand@example.org"}).status_code == 404
    assert client.get(f"{base}kontakte/", {"email": "kein Mail"}).status_code == 404


def test_another_municipality_sees_nothing_of_the_contact(client_for, outsider, other_municipality, contact):
    base = f"/kommunen/{other_municipality.pk}/datenschutz/"
    assert client_for(outsider).get(f"{base}kontakte/", {"email": EMAIL}).status_code == 404
    client_for(outsider).post(f"{base}kontakte/loeschen/", {"email": EMAIL, "confirm": "on"})
    assert NAME in every_stored_text()
