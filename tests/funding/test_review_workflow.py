"""The application's way inside Dialogwerk: municipality → funding body (changes requested) → municipality →
approved → receipts → report on the use of funds → changes requested → closed; and who may not."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from dialogwerk.funding import reminders
from dialogwerk.funding.models import FundingBody, FundingBodyMembership, Receipt, ReviewStep
from dialogwerk.tenancy.models import AuditLogEntry
from tests.conftest import make_user
from tests.funding.test_report import report_data

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TODAY = datetime.date.today()


@pytest.fixture
def mails(django_capture_on_commit_callbacks, monkeypatch):
    """Every request runs the e-mails that are sent once its step is stored (after the commit)."""
    post = Client.post

    def post_and_commit(self, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post(self, *args, **kwargs)

    monkeypatch.setattr(Client, "post", post_and_commit)
    return mail.outbox


def client_of(user) -> Client:
    """A client of its own per person: municipality and funding body act in turns."""
    client = Client()
    client.force_login(user)
    return client


def base(application) -> str:
    return f"/dialoge/{application.dialogue_id}/foerderung/"


def review_url(body, application) -> str:
    return f"/foerderstelle/{body.pk}/antraege/{application.pk}/"


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_an_application_goes_from_the_municipality_to_the_funding_body_and_back(
    client_for, consultant, funder, funding_body, application, mails
):
    municipality, body = client_of(consultant), client_of(funder)
    assert "Bei Landeszentrale für politische Bildung BW einreichen" in page(municipality, base(application))

    assert municipality.post(base(application) + "einreichen/").status_code == 302
    application.refresh_from_db()
    assert (application.status, application.funding_body, application.submitted_on) == (
        "submitted",
        funding_body,
        TODAY,
    )
    assert [m.to for m in mails] == [[funder.email]] and "Antrag eingereicht" in mails[0].subject
    assert application.deadlines.get(for_funding_body=True, done=False).title == "Über den Antrag entscheiden"

    # Submitted: the municipality can no longer change it.
    response = municipality.post(base(application) + "kosten/", {"cost-category": "venue", "cost-planned_amount": "99"})
    assert response.status_code == 422 and "kann nicht mehr geändert werden" in response.content.decode()
    assert application.cost_lines.count() == 8

    listing = page(body, f"/foerderstelle/{funding_body.pk}/antraege/")
    assert "Zusammenleben in Kommune A" in listing and "Kommune A" in listing
    review_page = page(body, review_url(funding_body, application))
    assert "Gemeinsam über Wohnen, Schule und Nachbarschaft sprechen" in review_page  # the goals, without the PDF
    assert "DE89 3704 0044 0532 0130 00" not in review_page  # only in the PDF
    assert f"/dialoge/{application.dialogue_id}/" not in review_page  # no links into the municipality's pages

    reply_by = TODAY + datetime.timedelta(days=10)
    response = body.post(
        review_url(funding_body, application) + "aenderungen/",
        {"changes-message": "Bitte die Kinderbetreuung genauer begründen.", "changes-reply_by": reply_by.isoformat()},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "changes_requested"
    assert mails[-1].to == [consultant.email] and "Kinderbetreuung genauer" in mails[-1].body
    overview = page(municipality, base(application))
    assert "Bitte die Kinderbetreuung genauer begründen." in overview and "Änderungen erbeten" in overview
    assert application.deadlines.get(step_key="revise").due_on == reply_by

    # The municipality revises and submits again.
    data = {"cost-category": "childcare", "cost-description": "Zweite Betreuerin", "cost-planned_amount": "0"}
    assert municipality.post(base(application) + "kosten/", data).status_code == 302
    assert municipality.post(base(application) + "einreichen/").status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted" and application.deadlines.get(step_key="revise").done

    response = body.post(
        review_url(funding_body, application) + "bewilligen/",
        {
            "approve-amount": "2800",
            "approve-decided_on": TODAY.isoformat(),
            "approve-message": "Bescheid folgt per Post.",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.approved_amount, application.decided_on) == (
        "approved",
        Decimal("2800"),
        TODAY,
    )
    assert not application.deadlines.filter(for_funding_body=True, done=False).exists()
    overview = page(municipality, base(application))
    assert "Bewilligt" in overview and "2.800,00 €" in overview and "Bescheid folgt per Post." in overview

    # After the event: receipts against the cost plan, the report, submitted.
    venue = application.cost_lines.get(category="venue")
    receipt = {
        "cost_line": venue.pk,
        "description": "Rechnung Bürgersaal Nr. 17",
        "amount": "300.00",
        "paid_on": TODAY.isoformat(),
        "file": SimpleUploadedFile("rechnung.pdf", PDF),
    }
    assert municipality.post(base(application) + "belege/", receipt).status_code == 302
    assert Receipt.objects.get().cost_line == venue
    assert municipality.post(base(application) + "verwendungsnachweis/", report_data(application)).status_code == 302
    assert municipality.post(base(application) + "verwendungsnachweis/einreichen/").status_code == 302
    assert application.report.__class__.objects.get(application=application).status == "submitted"
    assert mails[-1].to == [funder.email]

    review = page(body, review_url(funding_body, application))
    assert "Rechnung Bürgersaal Nr. 17" in review and "300,00" in review
    download = body.get(review_url(funding_body, application) + f"belege/{Receipt.objects.get().pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert body.get(review_url(funding_body, application) + "verwendungsnachweis.pdf").status_code == 200

    assert (
        body.post(
            review_url(funding_body, application) + "nachweis/aenderungen/",
            {"report_changes-message": "Beleg für das Catering fehlt."},
        ).status_code
        == 302
    )
    assert "Beleg für das Catering fehlt." in page(municipality, base(application))
    catering = application.cost_lines.get(category="catering")
    receipt.update(
        cost_line=catering.pk, description="Catering", amount="450.00", file=SimpleUploadedFile("catering.jpg", PDF)
    )
    assert municipality.post(base(application) + "belege/", receipt).status_code == 302
    assert municipality.post(base(application) + "verwendungsnachweis/einreichen/").status_code == 302
    assert (
        body.post(review_url(funding_body, application) + "nachweis/abschliessen/", {"close-message": ""}).status_code
        == 302
    )
    application.report.refresh_from_db()
    assert application.report.status == "closed"
    assert "Geprüft und abgeschlossen" in page(municipality, base(application))

    steps = list(ReviewStep.objects.filter(application=application).values_list("action", flat=True))
    assert steps == [
        "submitted",
        "changes_requested",
        "submitted",
        "approved",
        "report_submitted",
        "report_changes_requested",
        "report_submitted",
        "report_closed",
    ]
    audited = AuditLogEntry.objects.filter(municipality=application.dialogue.municipality, changes__has_key="review")
    assert audited.count() == len(steps)
    # Closed: the report and its receipts stay as they were checked.
    response = municipality.post(base(application) + "belege/", {**receipt, "file": SimpleUploadedFile("x.pdf", PDF)})
    assert response.status_code == 422 and Receipt.objects.count() == 2


def test_a_decision_needs_what_the_municipality_must_know(client_for, consultant, funder, funding_body, application):
    client_for(consultant).post(base(application) + "einreichen/")
    body, url = client_of(funder), review_url(funding_body, application)
    for step, data, error in [
        ("bewilligen/", {"approve-amount": "3500", "approve-decided_on": TODAY.isoformat()}, "höchstens 3.000,00"),
        (
            "bewilligen/",
            {"approve-amount": "2000", "approve-decided_on": (TODAY + datetime.timedelta(3)).isoformat()},
            "heute oder früher",
        ),
        ("bewilligen/", {"approve-amount": "", "approve-decided_on": TODAY.isoformat()}, "bewilligten Betrag"),
        ("ablehnen/", {"reject-reason": "  "}, "Begründung"),
        ("aenderungen/", {"changes-message": ""}, "was die Kommune ändern soll"),
        ("aenderungen/", {"changes-message": "x", "changes-reply_by": "2020-01-01"}, "in der Vergangenheit"),
    ]:
        response = body.post(url + step, data)
        assert response.status_code == 422, step
        assert error in response.content.decode(), (step, error)
    application.refresh_from_db()
    assert application.status == "submitted" and application.approved_amount is None

    assert body.post(url + "ablehnen/", {"reject-reason": "Das Programm ist ausgeschöpft."}).status_code == 302
    application.refresh_from_db()
    assert application.status == "rejected" and application.decision_note == "Das Programm ist ausgeschöpft."
    # Decided: no second decision, and the municipality cannot submit again.
    assert (
        body.post(url + "bewilligen/", {"approve-amount": "100", "approve-decided_on": TODAY.isoformat()}).status_code
        == 422
    )
    response = client_for(consultant).post(base(application) + "einreichen/", follow=True)
    assert "Nur ein Entwurf" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "rejected"


def test_the_municipality_cannot_approve_its_own_application(client_for, consultant, funding_body, application):
    response = client_for(consultant).post(
        base(application) + "status/",
        {"status-status": "approved", "status-approved_amount": "3000", "status-decided_on": TODAY.isoformat()},
    )
    assert response.status_code == 422 and "entscheidet über diesen Antrag in Dialogwerk" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "draft" and application.approved_amount is None


def test_nobody_else_reviews(client_for, consultant, moderator, funder, funding_body, application, other_municipality):
    client_for(consultant).post(base(application) + "einreichen/")
    other_body = FundingBody.objects.create(name="Förderstelle B")
    other_body.municipalities.add(other_municipality)
    other_funder = make_user("b@foerderstelle.example")
    FundingBodyMembership.objects.create(user=other_funder, funding_body=other_body)
    approve = {"approve-amount": "1000", "approve-decided_on": TODAY.isoformat()}
    # Another funding body sees nothing, under its own id or the reviewing body's.
    assert client_of(other_funder).get(review_url(other_body, application)).status_code == 404
    assert client_of(other_funder).post(review_url(other_body, application) + "bewilligen/", approve).status_code == 404
    assert (
        client_of(other_funder).post(review_url(funding_body, application) + "bewilligen/", approve).status_code == 404
    )
    assert "Zusammenleben" not in page(client_of(other_funder), f"/foerderstelle/{other_body.pk}/antraege/")
    # Staff of the municipality are not the funding body; a moderator may not submit.
    assert (
        client_for(consultant).post(review_url(funding_body, application) + "bewilligen/", approve).status_code == 404
    )
    assert client_for(moderator).post(base(application) + "einreichen/").status_code == 403
    application.refresh_from_db()
    assert application.status == "submitted"


def test_a_municipality_never_sees_another_municipalitys_receipts(client_for, consultant, outsider, application):
    line = application.cost_lines.first()
    receipt = Receipt.objects.create(
        application=application,
        cost_line=line,
        description="Rechnung",
        amount=Decimal("10"),
        paid_on=TODAY,
        file=SimpleUploadedFile("r.pdf", PDF),
    )
    assert client_for(outsider).get(base(application) + f"belege/{receipt.pk}/").status_code == 404
    assert client_for(outsider).post(base(application) + f"belege/{receipt.pk}/entfernen/").status_code == 404
    assert Receipt.objects.filter(pk=receipt.pk).exists()


def test_a_receipt_must_be_a_document_and_belong_to_the_cost_plan(client_for, consultant, application):
    line = application.cost_lines.first()
    data = {"cost_line": line.pk, "description": "Rechnung", "amount": "10", "paid_on": TODAY.isoformat()}
    response = client_for(consultant).post(
        base(application) + "belege/", {**data, "file": SimpleUploadedFile("x.html", b"<html><script>")}
    )
    assert response.status_code == 422 and "HTML" in response.content.decode()
    response = client_for(consultant).post(
        base(application) + "belege/", {**data, "cost_line": 999999, "file": SimpleUploadedFile("r.pdf", PDF)}
    )
    assert response.status_code == 422
    assert not Receipt.objects.exists()


def test_without_a_funding_body_in_dialogwerk_the_municipality_records_the_letter(client_for, consultant, application):
    response = client_for(consultant).post(base(application) + "einreichen/", follow=True)
    assert "Keine Förderstelle prüft dieses Programm in Dialogwerk" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "draft"
    assert "Entscheidung aus dem Bescheid eintragen" in page(client_for(consultant), base(application))


def test_the_funding_body_is_reminded_of_its_own_deadline(
    client_for, consultant, admin_user, funder, funding_body, application
):
    client_for(consultant).post(base(application) + "einreichen/")
    mail.outbox.clear()
    decide = application.deadlines.get(step_key="decide")
    assert reminders.send_deadline_reminders(today=decide.due_on - datetime.timedelta(days=14)) >= 1
    to_funder = [m for m in mail.outbox if "Über den Antrag entscheiden" in m.subject]
    assert [m.to for m in to_funder] == [[funder.email]]
    assert review_url(funding_body, application) in to_funder[0].body
    assert consultant.email not in {m.to[0] for m in to_funder}
