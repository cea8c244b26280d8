"""Actors' contact data only with consent, and a consent record of which notice they agreed to (issue #7).

Covers the actor form, the import and the API: with the flag a ConsentRecord is written (notice version and
the SHA-256 of the municipality's privacy notice); e-mail or phone without the flag is refused in German and
nothing changes; clearing the flag marks the records withdrawn.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dialogwerk.apitokens.models import Scope
from dialogwerk.apitokens.services import token_create
from dialogwerk.preparation.models import Actor
from dialogwerk.preparation.services import ACTOR_NOTICE_VERSION
from dialogwerk.privacy.models import ConsentRecord, Subject
from dialogwerk.privacy.services import actor_export, actor_notice_text, notice_sha256, privacy_settings_update
from tests.preparation.helpers import actor_rows, ready, xlsx
from tests.worker import upload_and_read

REFUSAL = "Kontaktdaten (E-Mail-Adresse, Telefon) dürfen nur mit Einwilligung der Person gespeichert werden."


def form_data(dialogue, **overrides):
    data = {
        "name": "Freundeskreis Asyl",
        "kind": "organisation",
        "perspective": dialogue.perspectives.get(name="Geflüchtete").pk,
        "contact_name": "Frau Weber",
        "email": "fk@example.org",
        "phone": "",
        "consent": "on",
        "influence": 2,
        "interest": 5,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- The actor form ---------------------------------------------------------------------------------------


def test_adding_an_actor_with_consent_records_which_notice_they_agreed_to(client_for, consultant, dialogue):
    ready(dialogue)
    privacy_settings_update(
        actor=consultant, municipality=dialogue.municipality, controller_name="Gemeinde A, Hauptamt"
    )
    response = client_for(consultant).post(f"/dialoge/{dialogue.pk}/akteure/neu/", form_data(dialogue))
    assert response.status_code == 302
    actor = Actor.objects.get(name="Freundeskreis Asyl")
    record = ConsentRecord.objects.get(actor=actor)
    assert record.subject == Subject.ACTOR and record.municipality == dialogue.municipality
    assert record.notice_version == ACTOR_NOTICE_VERSION and record.accepted_at and record.withdrawn_at is None
    # The hash pins the notice as it stood, with the controller the municipality had entered.
    notice = actor_notice_text(dialogue.municipality)
    assert "Gemeinde A, Hauptamt" in notice and "Datenschutzhinweise" in notice
    assert record.notice_sha256 == notice_sha256(notice)
    # The person's own export (Art. 15) shows the record.
    assert actor_export(actor)["consents"][0]["notice_version"] == ACTOR_NOTICE_VERSION


def test_an_email_address_without_consent_is_refused_in_german_and_nothing_is_stored(client_for, consultant, dialogue):
    ready(dialogue)
    response = client_for(consultant).post(f"/dialoge/{dialogue.pk}/akteure/neu/", form_data(dialogue, consent=None))
    assert response.status_code == 422 and REFUSAL in response.content.decode()
    assert not Actor.objects.exists() and not ConsentRecord.objects.exists()


def test_a_phone_number_without_consent_is_refused_too(client_for, consultant, dialogue):
    ready(dialogue)
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/akteure/neu/", form_data(dialogue, email="", phone="07071 123", consent=None)
    )
    assert response.status_code == 422 and REFUSAL in response.content.decode()
    assert not Actor.objects.exists()


def test_an_actor_without_contact_data_needs_no_consent(client_for, consultant, dialogue):
    ready(dialogue)
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/akteure/neu/", form_data(dialogue, email="", consent=None)
    )
    assert response.status_code == 302
    assert Actor.objects.get().consent is False and not ConsentRecord.objects.exists()


def test_clearing_the_flag_needs_the_contact_data_gone_and_withdraws_the_record(client_for, consultant, dialogue):
    ready(dialogue)
    client = client_for(consultant)
    client.post(f"/dialoge/{dialogue.pk}/akteure/neu/", form_data(dialogue))
    actor = Actor.objects.get()
    edit = f"/dialoge/{dialogue.pk}/akteure/{actor.pk}/bearbeiten/"
    refused = client.post(edit, form_data(dialogue, consent=None))
    assert refused.status_code == 422 and REFUSAL in refused.content.decode()
    actor.refresh_from_db()
    assert actor.consent and actor.email == "fk@example.org"
    assert ConsentRecord.objects.get(actor=actor).withdrawn_at is None
    assert client.post(edit, form_data(dialogue, consent=None, email="")).status_code == 302
    actor.refresh_from_db()
    assert not actor.consent and actor.email == ""
    assert ConsentRecord.objects.get(actor=actor).withdrawn_at is not None


def test_giving_consent_later_writes_a_new_record(client_for, consultant, dialogue):
    ready(dialogue)
    client = client_for(consultant)
    client.post(f"/dialoge/{dialogue.pk}/akteure/neu/", form_data(dialogue, email="", consent=None))
    actor = Actor.objects.get()
    assert client.post(f"/dialoge/{dialogue.pk}/akteure/{actor.pk}/bearbeiten/", form_data(dialogue)).status_code == 302
    assert ConsentRecord.objects.filter(actor=actor, withdrawn_at__isnull=True).count() == 1


def test_a_moderator_may_not_record_consent(client_for, moderator, dialogue):
    ready(dialogue)
    assert client_for(moderator).post(f"/dialoge/{dialogue.pk}/akteure/neu/", form_data(dialogue)).status_code == 403
    assert not Actor.objects.exists() and not ConsentRecord.objects.exists()


# --- The import -------------------------------------------------------------------------------------------


def upload(client, dialogue, content: bytes):
    return upload_and_read(
        client, f"/dialoge/{dialogue.pk}/akteure/import/", {"file": SimpleUploadedFile("akteure.xlsx", content)}
    )


def test_imported_actors_with_consent_get_a_record_each(client_for, consultant, dialogue):
    ready(dialogue)
    client = client_for(consultant)
    response = upload(client, dialogue, xlsx(actor_rows(5)))
    assert response.status_code == 200
    assert client.post(response.request["PATH_INFO"], {"confirm": "1"}).status_code == 302
    assert Actor.objects.count() == 5
    assert ConsentRecord.objects.filter(subject=Subject.ACTOR, notice_version=ACTOR_NOTICE_VERSION).count() == 5


def test_an_import_row_with_contact_data_but_no_consent_is_named_and_nothing_is_imported(
    client_for, consultant, dialogue
):
    ready(dialogue)
    rows = actor_rows(5)
    rows[2][6] = "nein"  # row 4: e-mail address, consent "nein"
    response = upload(client_for(consultant), dialogue, xlsx(rows))
    assert response.status_code == 422
    html = response.content.decode()
    assert "<td>4</td><td>Einwilligung</td><td>E-Mail-Adresse oder Telefon ohne Einwilligung" in html
    assert not Actor.objects.exists() and not ConsentRecord.objects.exists()


# --- The API ----------------------------------------------------------------------------------------------


def api(client, user, method, path, body):
    _token, secret = token_create(user=user, name="Test", scope=Scope.READ_WRITE)
    return getattr(client, method)(
        path, data=json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )


@pytest.fixture
def perspective(dialogue):
    return ready(dialogue).perspectives.get(name="Ehrenamt")


def test_the_api_records_consent_when_an_actor_is_created_with_it(client, consultant, dialogue, perspective):
    body = {"name": "Helferkreis", "perspective": perspective.pk, "email": "hk@example.org", "consent": True}
    response = api(client, consultant, "post", f"/api/v1/dialogues/{dialogue.pk}/actors/", body)
    assert response.status_code == 201, response.content
    assert ConsentRecord.objects.get(actor_id=response.json()["id"]).notice_version == ACTOR_NOTICE_VERSION


def test_the_api_refuses_contact_data_without_consent_on_the_consent_field(client, consultant, dialogue, perspective):
    body = {"name": "Helferkreis", "perspective": perspective.pk, "phone": "07071 123"}
    response = api(client, consultant, "post", f"/api/v1/dialogues/{dialogue.pk}/actors/", body)
    assert response.status_code == 422 and list(response.json()["errors"]) == ["consent"]
    assert REFUSAL in response.json()["errors"]["consent"][0]
    assert not Actor.objects.exists()


def test_the_api_refuses_to_clear_consent_while_contact_data_stays(client, consultant, dialogue, perspective):
    created = api(
        client,
        consultant,
        "post",
        f"/api/v1/dialogues/{dialogue.pk}/actors/",
        {"name": "Helferkreis", "perspective": perspective.pk, "email": "hk@example.org", "consent": True},
    )
    actor_id = created.json()["id"]
    response = api(
        client, consultant, "patch", f"/api/v1/dialogues/{dialogue.pk}/actors/{actor_id}", {"consent": False}
    )
    assert response.status_code == 422 and list(response.json()["errors"]) == ["consent"]
    assert Actor.objects.get().consent and ConsentRecord.objects.get().withdrawn_at is None
    response = api(
        client,
        consultant,
        "patch",
        f"/api/v1/dialogues/{dialogue.pk}/actors/{actor_id}",
        {"consent": False, "email": ""},
    )
    assert response.status_code == 200 and ConsentRecord.objects.get().withdrawn_at is not None


def test_a_steering_member_may_not_create_actors_with_consent_over_the_api(
    client, steering_member, dialogue, perspective
):
    body = {"name": "Helferkreis", "perspective": perspective.pk, "email": "hk@example.org", "consent": True}
    assert api(client, steering_member, "post", f"/api/v1/dialogues/{dialogue.pk}/actors/", body).status_code == 403
    assert not Actor.objects.exists() and not ConsentRecord.objects.exists()
