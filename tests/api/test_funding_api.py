"""The funding application over the API: members read it, planners change it; bank details never leave masked."""

import pytest

from dialogwerk.funding.models import CostLine, FundingApplication

pytestmark = pytest.mark.django_db

IBAN = "DE89370400440532013000"


@pytest.fixture
def application(api_as, consultant, dialogue):
    response = api_as(consultant).post(
        f"/api/v1/dialogues/{dialogue.pk}/funding-application", {"iban": IBAN, "bic": "COBADEFFXXX"}
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_a_planner_starts_the_application_from_the_dialogue_and_sees_the_iban_masked(
    application, api_as, consultant, dialogue
):
    assert application["project_title"] == dialogue.title and application["applicant"] == "Kommune A"
    assert application["iban_masked"] == "DE•• •••• •••• •••• ••30 00" and application["has_bank_details"] is True
    raw = api_as(consultant).get(f"/api/v1/dialogues/{dialogue.pk}/funding-application").content.decode()
    assert IBAN not in raw and "COBADEFFXXX" not in raw and "0532013000" not in raw
    assert FundingApplication.objects.get().iban == IBAN


def test_a_second_application_is_refused(application, api_as, consultant, dialogue):
    response = api_as(consultant).post(f"/api/v1/dialogues/{dialogue.pk}/funding-application", {})
    assert response.status_code == 422
    assert FundingApplication.objects.count() == 1


def test_a_member_without_bank_rights_reads_it_without_the_iban(application, api_as, moderator, dialogue):
    response = api_as(moderator).get(f"/api/v1/dialogues/{dialogue.pk}/funding-application")
    assert response.status_code == 200 and response.json()["iban_masked"] is None


def test_the_application_and_its_cost_plan_are_changed(application, api_as, consultant, dialogue):
    api = api_as(consultant)
    base = f"/api/v1/dialogues/{dialogue.pk}/funding-application"
    changed = api.patch(base, {"contact_name": "Herr Maier", "own_share": "100.00"})
    assert changed.status_code == 200 and changed.json()["contact_name"] == "Herr Maier"
    line = api.post(f"{base}/cost-lines/", {"category": "venue", "planned_amount": "500.00"})
    assert line.status_code == 201, line.content
    assert api.patch(f"{base}/cost-lines/{line.json()['id']}", {"planned_amount": "600"}).status_code == 200
    assert api.get(f"{base}/cost-lines/").json()["count"] == 1
    plan = api.get(base).json()["plan"]
    assert float(plan["total"]) == 600 and float(plan["requested"]) == 500
    assert api.delete(f"{base}/cost-lines/{line.json()['id']}").status_code == 204
    assert not CostLine.objects.exists()


def test_bad_input_changes_nothing(application, api_as, consultant, dialogue):
    api = api_as(consultant)
    base = f"/api/v1/dialogues/{dialogue.pk}/funding-application"
    bad = api.patch(base, {"iban": "DE00123", "contact_name": "Neu"})
    assert bad.status_code == 422 and list(bad.json()["errors"]) == ["iban"]
    bad = api.patch(base, {"starts_on": "2027-02-01", "ends_on": "2027-01-01"})
    assert bad.status_code == 422 and "ends_on" in bad.json()["errors"]
    assert api.post(f"{base}/cost-lines/", {"category": "venue", "planned_amount": "-1"}).status_code == 422
    stored = FundingApplication.objects.get()
    assert stored.iban == IBAN and stored.contact_name == "" and not CostLine.objects.exists()


def test_roles_tokens_and_municipalities(application, api_as, consultant, moderator, outsider, dialogue):
    base = f"/api/v1/dialogues/{dialogue.pk}/funding-application"
    assert api_as(moderator).patch(base, {"contact_name": "X"}).status_code == 403
    assert (
        api_as(moderator).post(f"{base}/cost-lines/", {"category": "venue", "planned_amount": "1"}).status_code == 403
    )
    assert api_as(consultant, scope="read").patch(base, {"contact_name": "X"}).status_code == 403
    assert api_as(outsider).get(base).status_code == 404
    assert api_as(outsider).patch(base, {"contact_name": "X"}).status_code == 404
    assert FundingApplication.objects.get().contact_name == ""


def status_url(dialogue) -> str:
    return f"/api/v1/dialogues/{dialogue.pk}/funding-application/status"


def test_a_planner_records_submission_and_approval_and_it_is_audited(application, api_as, consultant, dialogue):
    from dialogwerk.tenancy.models import AuditLogEntry

    api = api_as(consultant)
    submitted = api.post(status_url(dialogue), {"status": "submitted", "submitted_on": "2026-10-01"})
    assert submitted.status_code == 200, submitted.content
    assert (submitted.json()["status"], submitted.json()["submitted_on"]) == ("submitted", "2026-10-01")
    approved = api.post(
        status_url(dialogue),
        {
            "status": "approved",
            "decided_on": "2026-11-02",
            "approved_amount": "2500.00",
            "decision_note": "Bescheid vom 2.11.",
        },
    )
    body = approved.json()
    assert approved.status_code == 200 and body["status"] == "approved" and body["approved_amount"] == "2500.00"
    assert body["submitted_on"] == "2026-10-01" and body["decided_on"] == "2026-11-02"
    changes = [
        entry.changes
        for entry in AuditLogEntry.objects.filter(target_type__in=["Förderantrag", "funding application"]).order_by(
            "id"
        )
    ]
    assert {"status": ["Eingereicht", "Bewilligt"]} in changes


def test_approval_without_an_amount_or_above_the_cap_changes_nothing(application, api_as, consultant, dialogue):
    api = api_as(consultant)
    missing = api.post(status_url(dialogue), {"status": "approved"})
    assert missing.status_code == 422 and list(missing.json()["errors"]) == ["approved_amount"]
    too_much = api.post(status_url(dialogue), {"status": "approved", "approved_amount": "999999.00"})
    assert too_much.status_code == 422 and list(too_much.json()["errors"]) == ["approved_amount"]
    unknown = api.post(status_url(dialogue), {"status": "bewilligt"})
    assert unknown.status_code == 422 and list(unknown.json()["errors"]) == ["status"]
    assert FundingApplication.objects.get().status == "draft"


def test_a_moderator_may_not_record_the_status(application, api_as, moderator, dialogue):
    assert api_as(moderator).post(status_url(dialogue), {"status": "submitted"}).status_code == 403
    assert FundingApplication.objects.get().status == "draft"


def test_members_list_their_applications_filtered_by_status_and_municipality(
    application, api_as, consultant, moderator, dialogue, municipality, outsider, other_municipality
):
    from dialogwerk.dialogues.services import dialogue_create

    foreign = dialogue_create(actor=outsider, municipality=other_municipality, title="Dialog B")
    assert api_as(outsider).post(f"/api/v1/dialogues/{foreign.pk}/funding-application", {}).status_code == 201
    reader = api_as(moderator)
    listed = reader.get("/api/v1/funding-applications/").json()
    assert listed["count"] == 1 and listed["items"][0]["dialogue"] == dialogue.pk  # not Kommune B's
    assert listed["items"][0]["iban_masked"] is None  # a moderator does not see bank details, as on the page
    assert reader.get("/api/v1/funding-applications/", status="submitted").json()["count"] == 0
    assert (
        reader.get("/api/v1/funding-applications/", status="draft", municipality=municipality.pk).json()["count"] == 1
    )
    assert reader.get("/api/v1/funding-applications/", municipality=other_municipality.pk).json()["count"] == 0
    assert reader.get("/api/v1/funding-applications/", status="genehmigt").status_code == 422


def test_the_application_is_submitted_to_its_funding_body_which_alone_decides(
    api_as, consultant, dialogue, municipality
):
    from dialogwerk.funding.models import FundingBody

    api = api_as(consultant)
    base = f"/api/v1/dialogues/{dialogue.pk}/funding-application"
    assert api.post(base, {"applicant": "Kommune A", "project_title": "Zusammenleben"}).status_code == 201
    refused = api.post(f"{base}/submit", {})
    assert refused.status_code == 422 and "Keine Förderstelle" in str(refused.json())  # none reviews it yet
    body = FundingBody.objects.create(name="Landeszentrale")
    body.municipalities.add(municipality)
    no_costs = api.post(f"{base}/submit", {})
    assert no_costs.status_code == 422 and "Kostenposition" in str(no_costs.json())
    assert api.post(f"{base}/cost-lines/", {"category": "venue", "planned_amount": "300"}).status_code == 201
    submitted = api.post(f"{base}/submit", {})
    assert submitted.status_code == 200, submitted.content
    assert (submitted.json()["status"], submitted.json()["funding_body_name"]) == ("submitted", "Landeszentrale")
    own = api.post(f"{base}/status", {"status": "approved", "decided_on": "2026-11-02", "approved_amount": "300.00"})
    assert own.status_code == 422 and api.get(base).json()["status"] == "submitted"
