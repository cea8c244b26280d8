"""The privacy pages: public notice, settings, record of processing, find/export/erase — as admin, as a
member with another role (403) and with bad input (422, nothing changed)."""

import json

import pytest

from dialogwerk.live.models import Participant
from dialogwerk.preparation.models import Actor, Invitation, Perspective
from dialogwerk.privacy.models import ErasureRecord, PrivacySettings
from dialogwerk.tenancy.models import AuditLogEntry

pytestmark = pytest.mark.django_db


def base(municipality) -> str:
    return f"/kommunen/{municipality.pk}/datenschutz/"


@pytest.fixture
def actor(dialogue):
    perspective = Perspective.objects.create(dialogue=dialogue, name="Ehrenamt")
    record = Actor.objects.create(
        dialogue=dialogue,
        name="Helferkreis Nord",
        perspective=perspective,
        contact_name="Petra Lindqvist",
        email="petra@example.org",
        phone="0711 123",
        consent=True,
        notes="kennt Frau Lindqvist privat",
    )
    Invitation.objects.create(
        dialogue=dialogue, actor=record, status="accepted", needs="Rollstuhl", expires_on="2027-01-01"
    )
    return record


def test_the_notice_is_public_and_names_the_controller(client, municipality):
    PrivacySettings.objects.create(
        municipality=municipality, controller_name="Bürgermeisteramt A", dpo_name="Dr. Datenschutz"
    )
    response = client.get(f"/datenschutz/{municipality.pk}/")
    assert response.status_code == 200
    assert "Bürgermeisteramt A" in response.content.decode() and "Dr. Datenschutz" in response.content.decode()


def test_an_admin_saves_the_settings_and_it_is_audited(client_for, admin_user, municipality):
    response = client_for(admin_user).post(
        base(municipality) + "einstellungen/", {"controller_name": "Stadt A", "dpo_contact": "dsb@a.example"}
    )
    assert response.status_code == 302
    assert PrivacySettings.objects.get(municipality=municipality).controller_name == "Stadt A"
    assert AuditLogEntry.objects.filter(municipality=municipality, action="update").exists()


def test_a_bad_e_mail_answers_422_and_changes_nothing(client_for, admin_user, municipality):
    response = client_for(admin_user).post(base(municipality) + "einstellungen/", {"controller_email": "kein-mail"})
    assert response.status_code == 422
    assert not PrivacySettings.objects.exists()


def test_a_consultant_may_not_handle_personal_data(client_for, consultant, municipality, person):
    client = client_for(consultant)
    assert client.get(base(municipality)).status_code == 403
    assert client.get(base(municipality) + "verzeichnis/").status_code == 403
    assert (
        client.post(base(municipality) + f"teilnehmende/{person[0].pk}/loeschen/", {"confirm": "on"}).status_code == 403
    )
    assert Participant.objects.get(pk=person[0].pk).display_name == "Zeynep Kaya"


def test_the_record_of_processing_lists_the_stored_fields(client_for, admin_user, municipality):
    content = client_for(admin_user).get(base(municipality) + "verzeichnis/").content.decode()
    assert "Anzeigename" in content and "Verzeichnis" in content


def test_an_admin_finds_a_participant_by_name_and_code_and_exports_them(
    client_for, admin_user, municipality, person, session
):
    client = client_for(admin_user)
    found = client.get(base(municipality), {"name": "zeynep", "code": session.code.lower()}).content.decode()
    assert "Zeynep Kaya" in found
    page = client.get(base(municipality) + f"teilnehmende/{person[0].pk}/").content.decode()
    assert "Mehr Sprachkurse am Abend" in page
    data = json.loads(client.get(base(municipality) + f"teilnehmende/{person[0].pk}/export.json").content)
    assert data["participant"]["display_name"] == "Zeynep Kaya" and len(data["cards"]) == 2
    assert data["consents"][0]["notice_version"]


def test_erasing_without_confirmation_answers_422_and_keeps_the_person(client_for, admin_user, municipality, person):
    response = client_for(admin_user).post(base(municipality) + f"teilnehmende/{person[0].pk}/loeschen/", {})
    assert response.status_code == 422
    assert Participant.objects.get(pk=person[0].pk).display_name == "Zeynep Kaya"
    assert not ErasureRecord.objects.exists()


def test_erasing_an_actor_removes_contact_data_and_earlier_audit_values_but_keeps_the_answer(
    client_for, admin_user, municipality, actor
):
    from dialogwerk.preparation import services as preparation_services

    preparation_services.actor_update(actor=admin_user, record=actor, phone="0711 999", perspective=actor.perspective)
    client = client_for(admin_user)
    assert "petra@example.org" in client.get(base(municipality) + f"akteure/{actor.pk}/export.json").content.decode()
    assert client.post(base(municipality) + f"akteure/{actor.pk}/loeschen/", {"confirm": "on"}).status_code == 302
    actor.refresh_from_db()
    assert (actor.name, actor.contact_name, actor.email, actor.phone, actor.notes, actor.consent) == (
        "Gelöscht",
        "",
        "",
        "",
        "",
        False,
    )
    invitation = Invitation.objects.get(actor=actor)
    assert invitation.status == "accepted" and invitation.needs == ""
    logged = json.dumps(list(AuditLogEntry.objects.values("target_label", "changes")), ensure_ascii=False)
    assert "Helferkreis" not in logged and "0711" not in logged
    assert ErasureRecord.objects.filter(subject="actor").count() == 1
