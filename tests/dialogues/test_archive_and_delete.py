"""Archiving and deleting a dialogue (issue #19 item 4): an archived dialogue keeps its records but leaves
the start page, the funding body's figures and the reminders; deleting needs the administrator, the title
typed to confirm, no submitted funding application, and it takes the stored files along; both are logged."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.funding import selectors as funding_selectors
from dialogwerk.funding.models import FundingApplication, FundingBody, FundingProgramme
from dialogwerk.reports.models import GeneratedDocument
from dialogwerk.tenancy.models import AuditLogEntry


def test_an_archived_dialogue_leaves_the_dashboard_and_the_funders_figures(
    client_for, consultant, municipality, dialogue
):
    test_run = dialogue_create(
        actor=consultant,
        municipality=municipality,
        title="Testlauf bitte ignorieren",
        starts_on=datetime.date(2026, 1, 10),
        ends_on=datetime.date(2026, 1, 10),
    )
    body = FundingBody.objects.create(name="Landeszentrale")
    body.municipalities.add(municipality)
    assert len(funding_selectors.overview_rows(funding_body=body)) == 2
    client = client_for(consultant)
    assert client.post(f"/dialoge/{test_run.pk}/archiv/").status_code == 302
    assert Dialogue.objects.get(pk=test_run.pk).archived_at is not None
    dashboard = client.get("/").content.decode()
    assert "Testlauf bitte ignorieren" not in dashboard and dialogue.title in dashboard
    assert "1 archivierter Dialog" in dashboard
    archive = client.get("/?archiv").content.decode()
    assert "Testlauf bitte ignorieren" in archive and dialogue.title not in archive
    assert len(funding_selectors.overview_rows(funding_body=body)) == 1
    assert "wurde am" in client.get(f"/dialoge/{test_run.pk}/").content.decode()  # still there, marked archived
    assert AuditLogEntry.objects.filter(target_id=str(test_run.pk), changes__archived=["False", "True"]).exists()
    assert client.post(f"/dialoge/{test_run.pk}/archiv/", {"archived": "0"}).status_code == 302
    assert Dialogue.objects.get(pk=test_run.pk).archived_at is None


def test_only_planners_archive_and_only_administrators_delete(client_for, moderator, consultant, outsider, dialogue):
    assert client_for(moderator).post(f"/dialoge/{dialogue.pk}/archiv/").status_code == 403
    assert client_for(outsider).post(f"/dialoge/{dialogue.pk}/archiv/").status_code == 404
    assert client_for(consultant).get(f"/dialoge/{dialogue.pk}/loeschen/").status_code == 403
    assert (
        client_for(consultant).post(f"/dialoge/{dialogue.pk}/loeschen/", {"confirm_title": dialogue.title}).status_code
        == 403
    )
    assert (
        client_for(outsider).post(f"/dialoge/{dialogue.pk}/loeschen/", {"confirm_title": dialogue.title}).status_code
        == 404
    )
    assert Dialogue.objects.filter(pk=dialogue.pk, archived_at__isnull=True).exists()


def test_deleting_needs_the_title_typed_and_takes_the_files_along(
    client_for, admin_user, dialogue, django_capture_on_commit_callbacks
):
    document = GeneratedDocument.objects.create(dialogue=dialogue, kind="documentation", format="pdf", status="done")
    document.file.save("doku.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    stored = document.file.storage, document.file.name
    assert stored[0].exists(stored[1])
    client = client_for(admin_user)
    wrong = client.post(f"/dialoge/{dialogue.pk}/loeschen/", {"confirm_title": "Zusammenleben"})
    assert wrong.status_code == 422 and "Geben Sie den Titel des Dialogs genau ein" in wrong.content.decode()
    assert Dialogue.objects.filter(pk=dialogue.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/dialoge/{dialogue.pk}/loeschen/", {"confirm_title": f" {dialogue.title} "})
    assert response.status_code == 302 and not Dialogue.objects.filter(pk=dialogue.pk).exists()
    assert not stored[0].exists(stored[1])
    entry = AuditLogEntry.objects.get(target_id=str(dialogue.pk), action="delete")
    assert entry.actor == admin_user and entry.target_label == dialogue.title


def test_a_dialogue_with_a_submitted_funding_application_is_kept(client_for, admin_user, dialogue):
    FundingApplication.objects.create(
        dialogue=dialogue,
        programme=FundingProgramme.objects.create(state="BW"),
        status="submitted",
        applicant="Stadt",
        own_share=Decimal("100"),
    )
    response = client_for(admin_user).post(f"/dialoge/{dialogue.pk}/loeschen/", {"confirm_title": dialogue.title})
    assert response.status_code == 422 and "Archivieren Sie den Dialog stattdessen." in response.content.decode()
    assert Dialogue.objects.filter(pk=dialogue.pk).exists()


def test_the_full_demo_dialogue_can_be_deleted_with_everything_in_it(db, django_capture_on_commit_callbacks):
    """Every kind of record a real dialogue has (actors behind protected perspectives, cards, votes, plans,
    measures with reports, documents): deleting it leaves none of them behind and nothing half."""
    from django.core.management import call_command

    from dialogwerk.dialogues.services import dialogue_delete
    from dialogwerk.live.models import Contribution
    from dialogwerk.measures.models import Measure
    from dialogwerk.preparation.models import Actor
    from dialogwerk.tenancy.models import Membership, Role

    call_command("seed_demo", stdout=open("/dev/null", "w"))
    dialogue = Dialogue.objects.get(municipality__name="Musterstadt")
    assert (
        Actor.objects.filter(dialogue=dialogue).exists()
        and Contribution.objects.filter(session__dialogue=dialogue).exists()
    )
    admin = Membership.objects.filter(municipality=dialogue.municipality, role=Role.MUNICIPALITY_ADMIN).first().user
    FundingApplication.objects.filter(dialogue=dialogue).update(status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        dialogue_delete(actor=admin, dialogue=dialogue, confirm_title=dialogue.title)
    assert not Dialogue.objects.filter(pk=dialogue.pk).exists()
    assert (
        not Actor.objects.filter(dialogue_id=dialogue.pk).exists()
        and not Measure.objects.filter(dialogue_id=dialogue.pk).exists()
    )
