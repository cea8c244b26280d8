"""What the issue is checked by: the demo Musterstadt's documentation, catalogue, funding application and
report on the use of funds, generated and read as the mayor and the funder would."""

from django.core.management import call_command
from django.utils import translation

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.funding import documents as funding_documents
from dialogwerk.reports import services
from dialogwerk.tenancy.models import User

from .readback import docx_text, pdf_images, pdf_text


def test_the_demo_documents_are_complete_and_readable(db, client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    dialogue = Dialogue.objects.filter(municipality__name="Musterstadt").order_by("pk").first()

    documentation = services.render(dialogue=dialogue, kind="documentation", format="pdf")
    text = pdf_text(documentation)
    for section in (
        "Zusammenfassung",
        "Die Bedarfsanalyse in Kürze",
        "Wer teilgenommen hat",
        "Ablauf und Methode",
        "Ergebnisse nach Themenfeldern",
        "Maßnahmenkatalog",
        "Nächste Schritte und Begleitkreis",
    ):
        assert section in text
    assert "Musterstadt" in text and "Seite 2 von" in text
    assert pdf_images(documentation) >= 1  # the logo, and charts where there is data
    assert "Zusammenfassung" in docx_text(services.render(dialogue=dialogue, kind="documentation", format="docx"))

    catalogue = pdf_text(services.render(dialogue=dialogue, kind="catalogue", format="pdf"))
    assert "Maßnahmenkatalog" in catalogue

    with translation.override("de"):
        application = pdf_text(
            funding_documents.render(funding_documents.build("application", dialogue, show_bank_details=True), "pdf")
        )
        report_pdf = pdf_text(funding_documents.render(funding_documents.build("report", dialogue), "pdf"))
        report = docx_text(
            funding_documents.render(funding_documents.build("report", dialogue), "docx")
        )  # rows in order
        steckbrief = pdf_text(funding_documents.render(funding_documents.build("steckbrief", dialogue), "pdf"))
    assert "3.500,00 €" in application and "3.000,00 €" in application and "Stadtkasse Musterstadt" in application
    assert "Verwendungsnachweis" in report and "3.000,00 €" in report and "Verwendungsnachweis" in report_pdf
    assert "Steckbrief" in steckbrief and "Stuttgart" in steckbrief and "DE89" not in steckbrief

    funder = User.objects.get(email="foerderstelle@musterstadt.de")
    assert funder.check_password("musterstadt-demo")
    client.force_login(funder)
    overview = client.get("/foerderstelle/", follow=True)
    assert overview.status_code == 200 and "Musterstadt" in overview.content.decode()


def test_loading_the_demo_twice_adds_no_second_application(db):
    from dialogwerk.funding.models import CostLine, FundingApplication, FundingBody

    call_command("seed_demo", stdout=open("/dev/null", "w"))
    counts = (FundingApplication.objects.count(), CostLine.objects.count(), FundingBody.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert (FundingApplication.objects.count(), CostLine.objects.count(), FundingBody.objects.count()) == counts


def _figures(dialogue):
    """The numbers the documents must show, counted straight from the database."""
    from collections import Counter

    from dialogwerk.live.models import Participant, Vote
    from dialogwerk.preparation.models import Invitation

    participants = Participant.objects.filter(session__dialogue=dialogue)
    votes = Vote.objects.filter(voting__session__dialogue=dialogue, withdrawn_at__isnull=True)
    dots = Counter(votes.values_list("contribution__text", flat=True))
    invitations = Invitation.objects.filter(dialogue=dialogue)
    return {
        "counted": dialogue.people_counted,
        "participants": participants.count(),
        "by_perspective": Counter(p or "ohne Angabe" for p in participants.values_list("perspective", flat=True)),
        "arabic": participants.filter(language="ar").count(),
        "voters": votes.values("participant").distinct().count(),
        "top_card": dots.most_common(1)[0],
        "accepted": invitations.filter(status="accepted").count(),
        "invited": invitations.count(),
    }


def test_the_demo_documents_show_the_evening_with_numbers_that_match_the_data(db, client):
    """Read as the mayor and the funder would: who came (live session and RSVPs), how they voted, what it cost."""
    import io

    import openpyxl

    from dialogwerk.funding.models import FundingApplication

    from .readback import pdf_pages

    call_command("seed_demo", stdout=open("/dev/null", "w"))
    dialogue = Dialogue.objects.filter(municipality__name="Musterstadt").order_by("pk").first()
    figures = _figures(dialogue)
    assert (
        figures["participants"] > 40 and figures["voters"] > 20 and figures["accepted"] > 10
    )  # the demo has an evening

    documentation = services.render(dialogue=dialogue, kind="documentation", format="pdf")
    text = pdf_text(documentation)
    # One attendance figure, the people counted at the event, in every document; the phones a line of their own.
    assert figures["counted"] > figures["participants"]
    assert f"{figures['counted']} Personen haben teilgenommen (bei der Veranstaltung gezählt)" in text
    assert f"{figures['participants']} von ihnen haben sich mit dem Handy in der Live-Veranstaltung angemeldet" in text
    assert f"{figures['accepted']} von {figures['invited']} Einladungen wurden angenommen" in text
    for perspective, count in figures["by_perspective"].most_common(3):
        assert f"{perspective} {count}" in text
    assert f"Arabisch: {figures['arabic']}" in text  # languages by name, with their count
    assert f"{figures['voters']} Personen haben abgestimmt, je 5 Punkte." in text
    card, dots = figures["top_card"]
    assert f"1 {card} {dots}" in text  # first place of the vote, with its dots
    assert "مقهى لغة للنساء مع رعاية الأطفال" in text  # the Arabic card, intact
    word = docx_text(services.render(dialogue=dialogue, kind="documentation", format="docx"))
    assert "Kita-Plätze fehlen Situation 3" in word  # a bundle with the cards behind it
    assert f"{figures['counted']} Personen haben teilgenommen" in word and "مقهى لغة للنساء مع رعاية الأطفال" in word
    assert (
        "Methoden: Plenumsforum, World Café" in text
        and "World-Café" not in text.split("Ablauf und Methode")[-1].split("Zeit Schritt")[0]
    )
    results = text.split("Ergebnisse nach Themenfeldern")[-1].split("Ergebnisse der Punktabfrage")[0]
    assert "Nicht gebündelt: 4 Karten" in results  # Gemeinschaft & Nachbarschaft: 6 cards, a bundle of 2
    assert (
        "Ein Sprachcafé im Rathaus, jeden Mittwoch" in results
    )  # the most voted idea is not lost in a bundle-only list
    annex = text.split("Anhang: alle Karten")[-1]
    housing = annex.split("Bauen & Wohnen: 3 Karten")[1].split("Kindergarten")[0]
    assert housing.index("Handlungsfeld") < housing.index("Konfliktfeld")  # kinds in the order of the results
    assert pdf_images(documentation) >= 4  # logo, participants, cards per theme, the vote
    from dialogwerk.measures.models import Measure

    planned = Measure.objects.filter(dialogue=dialogue, status="planned").count()
    running = Measure.objects.filter(dialogue=dialogue, status="in_progress").count()
    assert f"Geplant: {planned}, In Umsetzung: {running}, Erledigt:" in text  # statuses in the order of their course
    assert "Der Begleitkreis koordiniert die Umsetzung." in text and "„Begleitkreis“" not in text

    client.force_login(User.objects.get(email="beratung@musterstadt.de"))
    base = f"/dialoge/{dialogue.pk}/dokumente/"
    xlsx = client.get(base + "massnahmenkatalog.xlsx")
    assert "massnahmenkatalog-musterstadt" in xlsx["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:") and sheet.freeze_panes in ("A2", "B2")
    first_number, first_title = sheet.cell(2, 1).value, sheet.cell(2, 2).value
    catalogue = pdf_text(client.get(base + "massnahmenkatalog.pdf").content)
    assert (
        catalogue.split("Priorität Status", 1)[1].strip().startswith(f"{first_number} {first_title}")
    )  # same order, same No.

    application = FundingApplication.objects.get(dialogue=dialogue)
    lines = list(application.cost_lines.all())
    planned = sum(line.planned_amount for line in lines)
    actual = sum(line.actual_amount for line in lines)
    with translation.override("de"):
        report_pdf = pdf_text(funding_documents.render(funding_documents.build("report", dialogue), "pdf"))
        report = docx_text(
            funding_documents.render(funding_documents.build("report", dialogue), "docx")
        )  # rows in order
        steckbrief_pdf = funding_documents.render(funding_documents.build("steckbrief", dialogue), "pdf")
    from dialogwerk.funding.calc import format_eur

    assert f"Summe {format_eur(planned)} {format_eur(actual)}" in report
    assert f"Tatsächliche Gesamtkosten {format_eur(actual)}" in report
    assert f"davon Eigenmittel {format_eur(actual - application.approved_amount)}" in report
    for line in lines:
        if line.deviation_note:
            assert line.deviation_note in report
    assert "noch eine Begründung" not in report  # every deviation above the threshold is explained
    assert f"Tatsächliche Teilnehmende {figures['counted']}" in report
    assert f"Mit dem Handy in der Live-Veranstaltung angemeldet {figures['participants']}" in report
    assert f"Zugesagte Einladungen {figures['accepted']} von {figures['invited']}" in report
    assert "Verwendungsnachweis" in report_pdf and format_eur(actual) in report_pdf and "-100 %" not in report_pdf
    from dialogwerk.measures.models import Measure as AgreedMeasure

    done = AgreedMeasure.objects.filter(dialogue=dialogue, status="done").first()
    dropped = AgreedMeasure.objects.filter(dialogue=dialogue, status="dropped").first()
    results_part = report.split("Ergebnisse in Kürze")[-1]
    assert "Vereinbarte Maßnahmen (Auswahl)" in results_part and done.title in results_part
    assert dropped.title not in results_part  # a dropped measure is no result
    assert "Dieses Dokument" not in report  # the results in short speak of the dialogue, not of "this document"

    steckbrief = pdf_text(steckbrief_pdf)
    assert pdf_pages(steckbrief_pdf) <= 2  # the programme asked for one or two pages
    assert f"{figures['counted']} Personen haben teilgenommen" in steckbrief
    assert f"Gesamt {sum(figures['by_perspective'].values())}" in steckbrief
    assert "16:00–21:00" in steckbrief and "Verworfen" not in steckbrief

    client.force_login(User.objects.get(email="foerderstelle@musterstadt.de"))
    body = client.get("/foerderstelle/", follow=True)
    rows = client.get(body.request["PATH_INFO"] + "uebersicht.csv").content.decode("utf-8-sig").splitlines()
    musterstadt = next(row.split(";") for row in rows if row.startswith("Musterstadt;"))
    assert musterstadt[6] == str(figures["counted"]) and musterstadt[5] == "3000,00"
