"""The cost plan on the funding page: lines, computed sums, the cap check, status and deadlines."""

import datetime
from decimal import Decimal

from dialogwerk.funding.models import CostLine


def test_the_page_shows_the_sums_of_the_cost_plan(client_for, consultant, application):
    html = client_for(consultant).get(f"/dialoge/{application.dialogue_id}/foerderung/").content.decode()
    assert "3.500,00" in html  # total, written as in the documents
    assert "3.000,00 €" in html  # requested


def test_a_consultant_adds_a_cost_line(client_for, consultant, application):
    response = client_for(consultant).post(
        f"/dialoge/{application.dialogue_id}/foerderung/kosten/",
        {"cost-category": "other", "cost-description": "Plakate für den Aushang", "cost-planned_amount": "80.00"},
    )
    assert response.status_code == 302
    assert application.cost_lines.filter(description="Plakate für den Aushang", planned_amount=Decimal("80")).exists()


def test_going_over_the_cap_is_shown_as_a_problem(client_for, consultant, application):
    CostLine.objects.create(application=application, category="other", planned_amount=Decimal("1000"))
    html = client_for(consultant).get(f"/dialoge/{application.dialogue_id}/foerderung/").content.decode()
    assert "über dem Höchstbetrag" in html


def test_a_negative_amount_is_rejected_and_nothing_changes(client_for, consultant, application):
    before = application.cost_lines.count()
    response = client_for(consultant).post(
        f"/dialoge/{application.dialogue_id}/foerderung/kosten/",
        {"cost-category": "venue", "cost-planned_amount": "-5"},
    )
    assert response.status_code == 422
    assert application.cost_lines.count() == before


def test_a_steering_member_may_not_add_costs(client_for, steering_member, application):
    response = client_for(steering_member).post(
        f"/dialoge/{application.dialogue_id}/foerderung/kosten/", {"cost-category": "venue", "cost-planned_amount": "5"}
    )
    assert response.status_code == 403


def test_editing_and_removing_a_line(client_for, consultant, application):
    line = application.cost_lines.get(category="venue")
    base = f"/dialoge/{application.dialogue_id}/foerderung/kosten/{line.pk}/"
    assert (
        client_for(consultant).post(base + "bearbeiten/", {"category": "venue", "planned_amount": "350"}).status_code
        == 302
    )
    line.refresh_from_db()
    assert line.planned_amount == Decimal("350")
    assert (
        client_for(consultant).post(base + "bearbeiten/", {"category": "venue", "planned_amount": "x"}).status_code
        == 422
    )
    assert client_for(consultant).post(base + "entfernen/").status_code == 302
    assert not CostLine.objects.filter(pk=line.pk).exists()


def test_approving_needs_an_amount_within_the_cap(client_for, consultant, application):
    url = f"/dialoge/{application.dialogue_id}/foerderung/status/"
    assert client_for(consultant).post(url, {"status-status": "approved"}).status_code == 422
    assert (
        client_for(consultant).post(url, {"status-status": "approved", "status-approved_amount": "3500"}).status_code
        == 422
    )
    application.refresh_from_db()
    assert application.status == "draft"
    response = client_for(consultant).post(
        url, {"status-status": "approved", "status-approved_amount": "2800", "status-decided_on": "2026-10-01"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "approved" and application.approved_amount == Decimal("2800")


def test_the_cap_is_a_setting_of_the_programme(client_for, consultant, application):
    application.programme.cap_amount = Decimal("5000")
    application.programme.save()
    response = client_for(consultant).post(
        f"/dialoge/{application.dialogue_id}/foerderung/status/",
        {"status-status": "approved", "status-approved_amount": "3500"},
    )
    assert response.status_code == 302


def test_deadlines_show_as_reminders_until_done(client_for, consultant, application):
    url = f"/dialoge/{application.dialogue_id}/foerderung/fristen/"
    soon = datetime.date.today() + datetime.timedelta(days=3)
    assert (
        client_for(consultant)
        .post(url, {"deadline-title": "Belege sammeln", "deadline-due_on": soon.isoformat()})
        .status_code
        == 302
    )
    html = client_for(consultant).get(f"/dialoge/{application.dialogue_id}/foerderung/").content.decode()
    assert "Fristen im Blick" in html and "Belege sammeln" in html
    deadline = application.deadlines.get(title="Belege sammeln")
    client_for(consultant).post(f"{url}{deadline.pk}/erledigt/")
    deadline.refresh_from_db()
    assert deadline.done
    assert client_for(consultant).post(url, {"deadline-title": "", "deadline-due_on": ""}).status_code == 422
