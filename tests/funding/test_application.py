"""The funding application: create, edit, permissions, bad input, bank details with care."""

from decimal import Decimal

from dialogwerk.funding.models import FundingApplication
from dialogwerk.tenancy.models import AuditLogEntry

from .conftest import VALID_IBAN


def form_data(**overrides):
    data = {
        "applicant": "Kommune A",
        "project_title": "Flüchtlingsdialog Kommune A",
        "own_share": "250.00",
        "iban": "DE89 3704 0044 0532 0130 00",
        "contact_name": "Jörg Müller",
        "goals": "Zusammenleben gestalten",
    }
    data.update(overrides)
    return data


def test_a_consultant_starts_an_application_prefilled_from_the_dialogue(client_for, consultant, dialogue):
    page = client_for(consultant).get(f"/dialoge/{dialogue.pk}/foerderung/antrag/")
    assert page.status_code == 200
    assert "Zusammenleben in Kommune A" in page.content.decode()

    response = client_for(consultant).post(f"/dialoge/{dialogue.pk}/foerderung/antrag/", form_data())
    assert response.status_code == 302
    application = FundingApplication.objects.get(dialogue=dialogue)
    assert application.iban == VALID_IBAN
    assert application.programme.cap_amount == Decimal("3000.00")  # the default programme of the state
    assert application.deadlines.filter(title__icontains="Verwendungsnachweis").exists()


def test_it_rejects_an_invalid_iban_and_stores_nothing(client_for, consultant, dialogue):
    response = client_for(consultant).post(f"/dialoge/{dialogue.pk}/foerderung/antrag/", form_data(iban="DE00123"))
    assert response.status_code == 422
    assert "IBAN ist ungültig" in response.content.decode()
    assert not FundingApplication.objects.filter(dialogue=dialogue).exists()


def test_it_rejects_a_project_that_ends_before_it_starts(client_for, consultant, application):
    response = client_for(consultant).post(
        f"/dialoge/{application.dialogue_id}/foerderung/antrag/",
        form_data(starts_on="2026-12-05", ends_on="2026-12-01"),
    )
    assert response.status_code == 422
    application.refresh_from_db()
    assert application.own_share == Decimal("500.00")


def test_a_moderator_sees_the_funding_page_but_only_a_masked_iban(client_for, moderator, application):
    page = client_for(moderator).get(f"/dialoge/{application.dialogue_id}/foerderung/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "3704" not in html and "DE••" in html


def test_a_planner_sees_the_full_iban(client_for, admin_user, application):
    html = client_for(admin_user).get(f"/dialoge/{application.dialogue_id}/foerderung/").content.decode()
    assert "DE89 3704 0044 0532 0130 00" in html


def test_a_moderator_may_not_edit_the_application(client_for, moderator, application):
    url = f"/dialoge/{application.dialogue_id}/foerderung/antrag/"
    assert client_for(moderator).get(url).status_code == 403
    assert client_for(moderator).post(url, form_data(project_title="Gekapert")).status_code == 403
    application.refresh_from_db()
    assert application.project_title != "Gekapert"


def test_an_outsider_learns_nothing(client_for, outsider, application):
    assert client_for(outsider).get(f"/dialoge/{application.dialogue_id}/foerderung/").status_code == 404


def test_changing_the_iban_is_audited_without_the_number(client_for, consultant, application):
    client_for(consultant).post(
        f"/dialoge/{application.dialogue_id}/foerderung/antrag/",
        form_data(iban="GB82 WEST 1234 5698 7654 32", own_share="500.00"),
    )
    entry = AuditLogEntry.objects.filter(action="update", changes__has_key="iban").get()
    assert entry.changes["iban"] == ["•••", "•••"]
    assert "GB82" not in str(entry.changes)
