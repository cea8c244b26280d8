"""Documents generated before an erasure may name the erased person: the erasure withdraws them (no longer
downloadable, their files gone) and generates them anew from the data as it is now."""

import os

import pytest

from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.measures import services as measures
from dialogwerk.privacy import services as privacy
from dialogwerk.reports import services as reports
from dialogwerk.reports.models import GeneratedDocument
from dialogwerk.tenancy import services as tenancy_services
from dialogwerk.tenancy.models import Role
from tests.reports.readback import pdf_text

pytestmark = pytest.mark.django_db

NAME = "Özdemir-Wagner"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def generated(dialogue, consultant, kind):
    document = reports.document_request(actor=consultant, dialogue=dialogue, kind=kind, format="pdf")
    return reports.document_generate(document_id=document.pk)


def test_erasing_a_measure_owners_account_withdraws_the_catalogue_that_names_them(
    client_for, admin_user, consultant, municipality, dialogue, django_capture_on_commit_callbacks
):
    membership, _created = tenancy_services.membership_add(
        actor=admin_user,
        municipality=municipality,
        email="b.oezdemir@a.example",
        first_name="Brigitte",
        last_name=NAME,
        role=Role.CONSULTANT,
    )
    owner = membership.user
    measures.measure_create(
        actor=consultant,
        dialogue=dialogue,
        title="Sprachcafé",
        responsible_person=owner.get_full_name(),
        responsible_email=owner.email,
    )
    old = generated(dialogue, consultant, "catalogue")
    with old.file.open("rb") as handle:
        assert NAME in pdf_text(handle.read())  # the catalogue names the owner
    old_path = old.file.path

    with django_capture_on_commit_callbacks(execute=True):
        privacy.staff_erase(actor=admin_user, municipality=municipality, user=owner)

    old.refresh_from_db()
    assert old.status == "withdrawn" and not old.file
    assert not os.path.exists(old_path)
    client = client_for(consultant)
    assert client.get(f"/dialoge/{dialogue.pk}/dokumente/{old.pk}/herunterladen/").status_code == 404
    page = client.get(f"/dialoge/{dialogue.pk}/dokumente/").content.decode()
    assert "Nach einer Löschung zurückgezogen" in page

    new = GeneratedDocument.objects.exclude(pk=old.pk).get(dialogue=dialogue, kind="catalogue", format="pdf")
    new = reports.document_generate(document_id=new.pk)
    assert new.status == "done"
    with new.file.open("rb") as handle:
        assert NAME not in pdf_text(handle.read())


def test_erasing_a_participant_withdraws_the_documentation_of_their_dialogue_only(
    session, person, consultant, dialogue
):
    other_dialogue = dialogue_create(actor=consultant, municipality=dialogue.municipality, title="Herbstdialog")
    mine, theirs = (
        generated(dialogue, consultant, "documentation"),
        generated(other_dialogue, consultant, "documentation"),
    )
    privacy.participant_erase(actor=consultant, participant=person[0])
    mine.refresh_from_db(), theirs.refresh_from_db()
    assert mine.status == "withdrawn" and theirs.status == "done"
    assert GeneratedDocument.objects.filter(dialogue=dialogue, status="queued").count() == 1


def test_a_document_being_made_during_an_erasure_is_not_finished_with_the_old_data(
    session, person, consultant, dialogue, monkeypatch
):
    document = reports.document_request(actor=consultant, dialogue=dialogue, kind="documentation", format="pdf")
    render = reports.render

    def erased_meanwhile(**kwargs):
        content = render(**kwargs)
        privacy.participant_erase(actor=consultant, participant=person[0])
        return content

    monkeypatch.setattr(reports, "render", erased_meanwhile)
    reports.document_generate(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == "withdrawn" and not document.file
