"""The experience report (Steckbrief): one or two pages from the data, never with bank details."""

from tests.reports.conftest import cards, live_session  # noqa: F401 (fixtures)
from tests.reports.readback import docx_text, pdf_images, pdf_pages, pdf_text


def steckbrief_data(**overrides):
    data = {
        "region": "Stuttgart",
        "contact": "Bürgerbüro, Jörg Müller",
        "format": "Ganzer Tag",
        "occasion": "Neue Unterkunft in der Südstadt",
        "satisfaction_process": "4",
        "satisfaction_results": "3",
        "result_1": "Begegnungsfest im Frühjahr – Kulturamt lädt ein",
        "recommendations": "Früh Dolmetscher buchen",
    }
    data.update(overrides)
    return data


def test_a_consultant_fills_the_steckbrief_and_it_reads_back(client_for, consultant, application, cards):
    url = f"/dialoge/{application.dialogue_id}/foerderung/steckbrief/"
    assert client_for(consultant).post(url, steckbrief_data()).status_code == 302
    pdf = client_for(consultant).get(url.replace("steckbrief/", "steckbrief.pdf")).content
    text = pdf_text(pdf)
    for heading in (
        "Steckbrief",
        "Kommune",
        "Veranstaltungskonzept",
        "Ausgangssituation und Anlass",
        "Beratung und Moderation",
        "Beteiligte Akteure",
        "Zufriedenheit mit Prozess und Ergebnissen",
        "Drei wichtige Ergebnisse",
        "Kosten",
        "Empfehlungen für andere Kommunen",
    ):
        assert heading in text, heading
    assert "12.000" in text and "Kreis A" in text and "Stuttgart" in text
    assert "Geflüchtete" in text and "Begegnungsfest im Frühjahr" in text
    assert "3.500,00 €" in text
    assert "DE89" not in text and "IBAN" not in text
    assert pdf_pages(pdf) <= 2
    assert pdf_images(pdf) >= 1  # the satisfaction chart
    docx = client_for(consultant).get(url.replace("steckbrief/", "steckbrief.docx")).content
    assert "Früh Dolmetscher buchen" in docx_text(docx)


def test_a_rating_outside_one_to_five_is_rejected(client_for, consultant, dialogue):
    url = f"/dialoge/{dialogue.pk}/foerderung/steckbrief/"
    assert client_for(consultant).post(url, steckbrief_data(satisfaction_process="7")).status_code == 422
    assert not dialogue.__class__.objects.get(pk=dialogue.pk).__dict__.get("steckbrief")


def test_a_moderator_reads_but_may_not_change_the_steckbrief(client_for, moderator, dialogue):
    url = f"/dialoge/{dialogue.pk}/foerderung/steckbrief/"
    assert client_for(moderator).get(url).status_code == 200
    assert client_for(moderator).post(url, steckbrief_data()).status_code == 403
