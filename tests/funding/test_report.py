"""The report on the use of funds (Verwendungsnachweis): actual costs, deviations, participants, results."""

from decimal import Decimal

from django.db import models

from dialogwerk.funding.models import FundingReport
from tests.reports.conftest import cards, live_session  # noqa: F401 (fixtures)
from tests.reports.readback import docx_text, pdf_text


def report_data(application, **overrides):
    data = {"results_summary": "", "remarks": "", "people_counted": ""}
    for line in application.cost_lines.all():
        data[f"actual_{line.pk}"] = str(line.planned_amount)
        data[f"note_{line.pk}"] = ""
    data.update(overrides)
    return data


def test_a_consultant_records_actual_costs_and_the_report_shows_deviations(client_for, consultant, application, cards):
    venue = application.cost_lines.get(category="venue")
    catering = application.cost_lines.get(category="catering")
    url = f"/dialoge/{application.dialogue_id}/foerderung/verwendungsnachweis/"
    data = report_data(
        application,
        **{
            f"actual_{venue.pk}": "450.00",
            f"note_{venue.pk}": "Größerer Saal nötig",
            f"actual_{catering.pk}": "300.00",
        },
    )
    assert client_for(consultant).post(url, data).status_code == 302
    venue.refresh_from_db()
    assert venue.actual_amount == Decimal("450.00") and venue.deviation_note == "Größerer Saal nötig"

    pdf = client_for(consultant).get(f"/dialoge/{application.dialogue_id}/foerderung/verwendungsnachweis.pdf")
    text = pdf_text(pdf.content)
    assert "Verwendungsnachweis" in text and "Tatsächliche Kosten im Vergleich zum Plan" in text
    assert "+150,00 € (+50 %)" in text and "Größerer Saal nötig" in text
    assert "-150,00 € (-33 %)" in text
    assert "brauchen noch eine Begründung" in text  # catering differs by a third without a reason
    assert "3.500,00 €" in text  # planned total; actual total is the same
    # participants come from the live session (seven registered)
    assert "Tatsächliche Teilnehmende" in text and "7" in text
    assert "Ergebnisse in Kürze" in text and "9 Karten" in text


def test_the_report_docx_reads_back(client_for, consultant, application):
    response = client_for(consultant).get(f"/dialoge/{application.dialogue_id}/foerderung/verwendungsnachweis.docx")
    text = docx_text(response.content)
    assert "Verwendungsnachweis" in text and "Bestätigung" in text and "Summe" in text


def test_a_negative_actual_cost_is_rejected_and_nothing_is_saved(client_for, consultant, application):
    line = application.cost_lines.first()
    url = f"/dialoge/{application.dialogue_id}/foerderung/verwendungsnachweis/"
    response = client_for(consultant).post(url, report_data(application, **{f"actual_{line.pk}": "-1"}))
    assert response.status_code == 422
    line.refresh_from_db()
    assert line.actual_amount is None and not FundingReport.objects.exists()


def test_a_moderator_may_read_but_not_write_the_report(client_for, moderator, application):
    base = f"/dialoge/{application.dialogue_id}/foerderung/"
    assert client_for(moderator).get(base + "verwendungsnachweis/").status_code == 403
    assert client_for(moderator).get(base + "verwendungsnachweis.pdf").status_code == 200


def test_a_report_without_actual_costs_does_not_claim_minus_100_percent(client_for, consultant, application):
    """Before anything is reported the funder must not read 'total 0,00 €, deviation −100 %'."""
    text = pdf_text(
        client_for(consultant).get(f"/dialoge/{application.dialogue_id}/foerderung/verwendungsnachweis.pdf").content
    )
    assert "-100 %" not in text and "Tatsächliche Gesamtkosten" not in text
    lines = application.cost_lines.count()
    assert f"{lines} von {lines} Kostenpositionen haben noch keinen tatsächlichen Betrag." in text


def test_a_partly_reported_report_sums_what_is_reported_and_names_what_is_missing(client_for, consultant, application):
    first, *rest = list(application.cost_lines.all())
    first.actual_amount = first.planned_amount + Decimal("10.00")
    first.save()
    text = pdf_text(
        client_for(consultant).get(f"/dialoge/{application.dialogue_id}/foerderung/verwendungsnachweis.pdf").content
    )
    assert f"{len(rest)} von {len(rest) + 1} Kostenpositionen haben noch keinen tatsächlichen Betrag." in text
    assert "Tatsächliche Kosten bisher" in text and "Tatsächliche Gesamtkosten" not in text
    assert "(-" not in text.split("Summe")[-1].split("Teilnehmende")[0]  # no total deviation while lines are open


def test_the_report_total_appears_once_even_when_the_table_runs_over_a_page(client_for, consultant, application):
    from dialogwerk.funding.models import CostLine

    for index in range(40):  # long enough to break the table across pages
        CostLine.objects.create(
            application=application,
            category="materials",
            description=f"Material {index}",
            planned_amount=Decimal("10.00"),
            actual_amount=Decimal("10.00"),
            position=100 + index,
        )
    application.cost_lines.update(actual_amount=models.F("planned_amount"))
    text = pdf_text(
        client_for(consultant).get(f"/dialoge/{application.dialogue_id}/foerderung/verwendungsnachweis.pdf").content
    )
    assert text.count("Summe") == 1


def test_the_report_form_writes_planned_amounts_the_german_way(client_for, consultant, application):
    html = (
        client_for(consultant)
        .get(f"/dialoge/{application.dialogue_id}/foerderung/verwendungsnachweis/")
        .content.decode()
    )
    assert "geplant 1.200,00 EUR" in html and "1200.00 EUR" not in html


def test_without_a_live_session_the_participants_are_the_accepted_invitations(client_for, consultant, application):
    """A dialogue run on paper: the report and the documentation count the RSVPs, by perspective."""
    import datetime

    from dialogwerk.preparation.models import Actor, Invitation, Perspective
    from dialogwerk.reports import services as report_services

    dialogue = application.dialogue
    neighbours = Perspective.objects.create(dialogue=dialogue, name="Nachbarschaft")
    refugees = Perspective.objects.create(dialogue=dialogue, name="Geflüchtete")
    answers = [
        (neighbours, "accepted"),
        (neighbours, "accepted"),
        (refugees, "accepted"),
        (refugees, "declined"),
        (refugees, "pending"),
    ]
    for index, (perspective, status) in enumerate(answers):
        actor = Actor.objects.create(
            dialogue=dialogue,
            name=f"Akteur {index}",
            perspective=perspective,
            email=f"a{index}@example.org",
            consent=True,
        )
        Invitation.objects.create(dialogue=dialogue, actor=actor, status=status, expires_on=datetime.date(2030, 1, 1))
    report = docx_text(
        client_for(consultant).get(f"/dialoge/{dialogue.pk}/foerderung/verwendungsnachweis.docx").content
    )
    assert "Tatsächliche Teilnehmende 3" in report and "Zugesagte Einladungen 3 von 5" in report
    assert "Nachbarschaft 2" in report and "Geflüchtete 1" in report
    documentation = pdf_text(report_services.render(dialogue=dialogue, kind="documentation", format="pdf"))
    assert "3 Personen haben teilgenommen (zugesagte Einladungen)." in documentation
    assert "3 von 5 Einladungen wurden angenommen." in documentation
