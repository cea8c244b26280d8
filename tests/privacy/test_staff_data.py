"""DSGVO for staff: a staff member downloads what is stored about them; an administrator erases a staff
account, whose records stay attributed to "gelöschte Person"."""

import json

import pytest

from dialogwerk.apitokens.services import token_create
from dialogwerk.privacy.models import ErasureRecord, Subject
from dialogwerk.tenancy import services as tenancy_services
from dialogwerk.tenancy.models import AuditAction, AuditLogEntry, Membership, Role, User
from tests.conftest import PASSWORD, make_user
from tests.privacy.stored import every_stored_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(municipality, admin_user, dialogue):
    """A moderator with a distinctive name who made changes, holds a token and is in the audit log."""
    membership, _created = tenancy_services.membership_add(
        actor=admin_user,
        municipality=municipality,
        email="brigitte.oezdemir@a.example",
        first_name="Brigitte",
        last_name="Özdemir-Wagner",
        role=Role.MODERATOR,
    )
    user = membership.user
    user.set_password(PASSWORD)
    user.save()
    tenancy_services.membership_change_role(actor=admin_user, membership=membership, role=Role.CONSULTANT)
    from dialogwerk.dialogues.services import dialogue_create

    made = dialogue_create(actor=user, municipality=municipality, title="Frühjahrsdialog")
    token_create(user=user, name="Auswertung")
    return user, made


def test_a_staff_member_downloads_everything_stored_about_them(client_for, worker):
    user, made = worker
    client = client_for(user)
    page = client.get("/konto/meine-daten/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "brigitte.oezdemir@a.example" in html and "Auswertung" in html and "Kommune A" in html
    response = client.get("/konto/meine-daten/?format=json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == "brigitte.oezdemir@a.example"
    assert data["memberships"] == [
        {"municipality": "Kommune A", "role": Role.CONSULTANT, "since": data["memberships"][0]["since"]}
    ]
    assert [t["name"] for t in data["api_tokens"]] == ["Auswertung"]
    assert "token_hash" not in json.dumps(data)
    assert any(e["target"] == "Frühjahrsdialog" for e in data["audit_entries"])


def test_my_data_is_only_my_own(client_for, worker, consultant):
    html = client_for(consultant).get("/konto/meine-daten/").content.decode()
    assert "brigitte" not in html.lower()


def test_an_admin_erases_a_staff_account_and_what_they_made_stays(client_for, admin_user, municipality, worker):
    user, made = worker
    membership = Membership.objects.get(user=user)
    client = client_for(admin_user)
    assert (
        client.get(f"/kommunen/{municipality.pk}/datenschutz/mitarbeitende/{membership.pk}/loeschen/").status_code
        == 200
    )
    refused = client.post(f"/kommunen/{municipality.pk}/datenschutz/mitarbeitende/{membership.pk}/loeschen/", {})
    assert refused.status_code == 422 and User.objects.get(pk=user.pk).email == "brigitte.oezdemir@a.example"
    response = client.post(
        f"/kommunen/{municipality.pk}/datenschutz/mitarbeitende/{membership.pk}/loeschen/", {"confirm": "on"}
    )
    assert response.status_code == 302
    stored = every_stored_text()
    for trace in ("brigitte", "Brigitte", "Özdemir", "oezdemir"):
        assert trace not in stored, trace
    made.refresh_from_db()  # what they made stays
    entries = AuditLogEntry.objects.filter(actor_id=user.pk)
    assert entries.exists() and {e.actor_label for e in entries} == {"gelöschte Person"}
    record = ErasureRecord.objects.get(subject=Subject.STAFF)
    erase_entry = AuditLogEntry.objects.get(action=AuditAction.ERASE)
    assert erase_entry.target_id == str(record.pk) and erase_entry.changes == {}
    assert not Membership.objects.filter(user_id=user.pk).exists()
    assert not client.login(username="brigitte.oezdemir@a.example", password=PASSWORD)


def test_an_erased_account_cannot_log_in_or_use_its_token(client, municipality, admin_user, worker):
    from dialogwerk.privacy import services

    user, _made = worker
    _token, secret = token_create(user=user, name="Skript")
    services.staff_erase(actor=admin_user, municipality=municipality, user=user)
    assert (
        client.post("/konto/anmelden/", {"username": "brigitte.oezdemir@a.example", "password": PASSWORD}).status_code
        == 200
    )
    assert client.get("/api/v1/dialogues/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_no_one_erases_their_own_account_or_one_of_another_municipality(
    client_for, admin_user, municipality, other_municipality
):
    own = Membership.objects.get(user=admin_user)
    client = client_for(admin_user)
    response = client.post(
        f"/kommunen/{municipality.pk}/datenschutz/mitarbeitende/{own.pk}/loeschen/", {"confirm": "on"}
    )
    assert response.status_code == 422 and "eigenes Konto" in response.content.decode()
    shared = make_user("shared@a.example", municipality, Role.CONSULTANT)
    Membership.objects.create(user=shared, municipality=other_municipality, role=Role.CONSULTANT)
    membership = Membership.objects.get(user=shared, municipality=municipality)
    response = client.post(
        f"/kommunen/{municipality.pk}/datenschutz/mitarbeitende/{membership.pk}/loeschen/", {"confirm": "on"}
    )
    assert response.status_code == 422 and "andere Kommune" in response.content.decode()
    assert User.objects.get(pk=shared.pk).is_active


def test_only_administrators_erase_staff_accounts(client_for, consultant, moderator, municipality):
    membership = Membership.objects.get(user=moderator)
    response = client_for(consultant).post(
        f"/kommunen/{municipality.pk}/datenschutz/mitarbeitende/{membership.pk}/loeschen/", {"confirm": "on"}
    )
    assert response.status_code == 403
    assert User.objects.get(pk=moderator.pk).is_active
