"""Every kind of PDF Dialogwerk writes is tagged PDF/UA-1 (accessible documents, BITV 2.0): the `pdfua` checker
finds no error and no warning in any of them, each names its language and title, and charts carry their figures in words."""

import tempfile
from html import escape

import pikepdf
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from pdfua import Severity, validate

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.funding import documents as funding_documents
from dialogwerk.preparation.models import Channel, Invitation
from dialogwerk.reports import blocks, documentation, render_pdf, services
from dialogwerk.seating.models import SeatingPlan
from dialogwerk.tenancy.models import User


def check(content: bytes) -> tuple[list[str], str, str]:
    """(error and warning findings, document language, title) of a PDF."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        report = validate(handle.name)
        with pikepdf.open(handle.name) as pdf:
            language = str(pdf.Root.get("/Lang", ""))
            title = str(pdf.open_metadata().get("dc:title", ""))
    # Warnings too: a table whose cells a screen reader cannot tie to their headers is a warning (UA-15-003).
    errors = [f"{f.rule_id}: {f.message}" for f in report.findings if f.severity in (Severity.ERROR, Severity.WARNING)]
    return errors, language, title


def test_every_kind_of_pdf_passes_the_pdf_ua_check(db, client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    dialogue = Dialogue.objects.filter(municipality__name="Musterstadt").order_by("pk").first()
    client.force_login(User.objects.get(email="beratung@musterstadt.de"))
    plan = SeatingPlan.objects.filter(session__dialogue=dialogue).first()
    Invitation.objects.filter(pk=Invitation.objects.filter(dialogue=dialogue).first().pk).update(channel=Channel.LETTER)
    with translation.override("de"):
        pdfs = {
            "documentation": services.render(dialogue=dialogue, kind="documentation", format="pdf"),
            "catalogue": services.render(dialogue=dialogue, kind="catalogue", format="pdf"),
            **{
                kind: funding_documents.render(funding_documents.build(kind, dialogue), "pdf")
                for kind in ("application", "report", "steckbrief")
            },
        }
    for name, args in [
        ("preparation:analysis_pdf", [dialogue.pk]),
        ("preparation:invitation_letters", [dialogue.pk]),
        ("design:agenda_pdf", [dialogue.pk]),
        ("seating:route_cards_pdf", [dialogue.pk, plan.pk]),
        ("seating:table_lists_pdf", [dialogue.pk, plan.pk]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
        pdfs[name] = b"".join(response.streaming_content) if response.streaming else response.content
    for name, content in pdfs.items():
        errors, language, title = check(content)
        assert not errors, (name, errors)
        assert language.startswith("de") and title, (name, language, title)


def test_a_chart_is_described_with_its_figures(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    dialogue = Dialogue.objects.filter(municipality__name="Musterstadt").order_by("pk").first()
    with translation.override("de"):
        document = documentation.build(dialogue)
    figures = [block for section in document.sections for block in section.blocks if isinstance(block, blocks.Figure)]
    assert figures
    html = render_pdf.to_html(document)
    for figure in figures:
        # "Balkendiagramm: Teilnehmende nach Perspektive: Geflüchtete 4, Ehrenamtliche 3, …"
        assert figure.alt.startswith("Balkendiagramm") and any(ch.isdigit() for ch in figure.alt), figure.alt
        assert f'alt="{escape(figure.alt)}"' in html
