"""One attendance figure: the people counted at the event, entered at the console's door or in the report
on the use of funds, named alike by the documentation, the Steckbrief, the Verwendungsnachweis and the funding
body's overview; the phones registered in the live session are a line of their own."""

from django.test import Client

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.reports import services as report_services
from dialogwerk.tenancy.models import AuditLogEntry
from tests.funding.test_report import report_data
from tests.reports.conftest import cards, live_session  # noqa: F401 (fixtures)
from tests.reports.readback import docx_text, pdf_text


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_head_count_from_the_door_is_the_figure_of_every_document(
    moderator, consultant, funder, funding_body, application, live_session, cards
):
    dialogue = application.dialogue
    console = client_of(moderator)
    response = console.post(f"/veranstaltungen/{live_session.pk}/beitritt/gezaehlt/", {"count": "12"}, follow=True)
    assert "12 Personen gezählt." in response.content.decode()
    dialogue.refresh_from_db()
    assert dialogue.people_counted == 12
    assert AuditLogEntry.objects.filter(changes__people_counted=["", "12"]).exists()

    documentation = pdf_text(report_services.render(dialogue=dialogue, kind="documentation", format="pdf"))
    assert "12 Personen nahmen am Dialog" in documentation  # the summary
    assert "12 Personen haben teilgenommen (bei der Veranstaltung gezählt)." in documentation
    assert "7 von ihnen haben sich mit dem Handy in der Live-Veranstaltung angemeldet." in documentation
    municipality = client_of(consultant)
    base = f"/dialoge/{dialogue.pk}/foerderung/"
    report = docx_text(municipality.get(base + "verwendungsnachweis.docx").content)  # a table's cells in order
    assert "Tatsächliche Teilnehmende 12" in report
    assert "Mit dem Handy in der Live-Veranstaltung angemeldet 7" in report
    steckbrief = pdf_text(municipality.get(base + "steckbrief.pdf").content)
    assert "12 Personen haben teilgenommen; von 7 ist die Gruppe bekannt" in steckbrief
    csv = client_of(funder).get(f"/foerderstelle/{funding_body.pk}/uebersicht.csv").content.decode("utf-8-sig")
    row = next(line.split(";") for line in csv.splitlines() if line.startswith("Kommune A;"))
    assert row[6] == "12"

    # The report on the use of funds edits the same figure; every document follows.
    assert "Im Raum gezählte Personen" in console.get(f"/veranstaltungen/{live_session.pk}/").content.decode()
    assert (
        municipality.post(base + "verwendungsnachweis/", report_data(application, people_counted="15")).status_code
        == 302
    )
    dialogue.refresh_from_db()
    assert dialogue.people_counted == 15
    assert 'value="15"' in console.get(f"/veranstaltungen/{live_session.pk}/").content.decode()
    assert "Tatsächliche Teilnehmende 15" in pdf_text(municipality.get(base + "verwendungsnachweis.pdf").content)
    documentation = pdf_text(report_services.render(dialogue=dialogue, kind="documentation", format="pdf"))
    assert "15 Personen haben teilgenommen" in documentation

    # Cleared: the documents fall back to the phones, and say so.
    console.post(f"/veranstaltungen/{live_session.pk}/beitritt/gezaehlt/", {"count": ""})
    dialogue.refresh_from_db()
    documentation = pdf_text(report_services.render(dialogue=dialogue, kind="documentation", format="pdf"))
    assert "7 Personen haben teilgenommen (in der Live-Veranstaltung angemeldet)." in documentation


def test_a_wrong_head_count_changes_nothing_and_says_why(
    moderator, steering_member, outsider, application, live_session
):
    dialogue = application.dialogue
    Dialogue.objects.filter(pk=dialogue.pk).update(people_counted=40)
    url = f"/veranstaltungen/{live_session.pk}/beitritt/gezaehlt/"
    for bad in ("-3", "zwölf", "100001"):
        response = client_of(moderator).post(url, {"count": bad}, follow=True)
        assert "Bitte geben Sie eine Zahl von 0 bis 100000 an." in response.content.decode()
    assert client_of(steering_member).post(url, {"count": "1"}).status_code == 403
    assert client_of(outsider).post(url, {"count": "1"}).status_code == 404
    assert Dialogue.objects.get(pk=dialogue.pk).people_counted == 40
