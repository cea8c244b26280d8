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
    for section in ("Zusammenfassung", "Die Bedarfsanalyse in Kürze", "Wer teilgenommen hat", "Ablauf und Methode",
                    "Ergebnisse nach Themenfeldern", "Maßnahmenkatalog", "Nächste Schritte und Begleitkreis"):
        assert section in text
    assert "Musterstadt" in text and "Seite 2 von" in text
    assert pdf_images(documentation) >= 1  # the logo, and charts where there is data
    assert "Zusammenfassung" in docx_text(services.render(dialogue=dialogue, kind="documentation", format="docx"))

    catalogue = pdf_text(services.render(dialogue=dialogue, kind="catalogue", format="pdf"))
    assert "Maßnahmenkatalog" in catalogue

    with translation.override("de"):
        application = pdf_text(funding_documents.render(funding_documents.build("application", dialogue, show_bank_details=True), "pdf"))
        report = pdf_text(funding_documents.render(funding_documents.build("report", dialogue), "pdf"))
        steckbrief = pdf_text(funding_documents.render(funding_documents.build("steckbrief", dialogue), "pdf"))
    assert "3.500,00 €" in application and "3.000,00 €" in application and "Stadtkasse Musterstadt" in application
    assert "Verwendungsnachweis" in report and "3.000,00 €" in report
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
