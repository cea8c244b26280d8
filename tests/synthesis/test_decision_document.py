"""A decision carries its resolution as a document (the council's minutes): attached, replaced or removed as a
correction with its reason, handed out to staff, and to the public with the decision on the status page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dialogwerk.measures import services as measure_services
from dialogwerk.synthesis.models import Decision
from tests.synthesis.test_decision_corrections import correct
from tests.synthesis.test_decisions import url

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored(media) -> list[str]:
    return sorted(p.name for p in media.rglob("*") if p.is_file())


def attach(client, dialogue, decision, name, content, **data):
    return correct(client, dialogue, decision, document=SimpleUploadedFile(name, content), **data)


def test_staff_attach_the_resolution_and_everyone_on_the_status_page_can_read_it(
    client_for, client, consultant, dialogue, decision, media, django_capture_on_commit_callbacks
):
    staff = client_for(consultant)
    assert attach(staff, dialogue, decision, "Beschluss TOP 7.pdf", PDF, note="Protokoll liegt vor.").status_code == 302
    decision.refresh_from_db()
    assert (
        decision.document_filename == "Beschluss-TOP-7.pdf"
        and decision.corrections.get().note == "Protokoll liegt vor."
    )
    html = staff.get(url(dialogue)).content.decode()
    download = f"{url(dialogue)}{decision.pk}/dokument/"
    assert f'<a href="{download}">Der Beschluss (Dokument)</a>' in html
    response = staff.get(download)
    assert b"".join(response.streaming_content) == PDF and "attachment" in response["Content-Disposition"]

    # Public once the status page is: the link with the decision, the file without a login.
    public = f"/status/{dialogue.pk}/entscheidungen/{decision.pk}/dokument/"
    assert client.get(public).status_code == 404
    measure_services.measure_create(
        actor=consultant, dialogue=dialogue, title="Kita-Gruppe", public=True, decision=decision
    )
    assert f'href="{public}"' in client.get(f"/status/{dialogue.pk}/").content.decode()
    assert b"".join(client.get(public).streaming_content) == PDF

    # Replaced: the old file goes; removed: the new one goes too, and the links with it.
    with django_capture_on_commit_callbacks(execute=True):
        attach(staff, dialogue, decision, "Beschluss neu.pdf", PDF + b"%", note="Berichtigtes Protokoll.")
    assert stored(media) == ["Beschluss-neu.pdf"]
    with django_capture_on_commit_callbacks(execute=True):
        assert correct(staff, dialogue, decision, remove_document="on", note="Falsches Dokument.").status_code == 302
    assert stored(media) == [] and not Decision.objects.get().document
    assert client.get(public).status_code == 404 and staff.get(download).status_code == 404
    assert decision.corrections.count() == 3


def test_a_web_page_is_no_resolution_and_nothing_changes(client_for, consultant, dialogue, decision, media):
    response = attach(
        client_for(consultant),
        dialogue,
        decision,
        "beschluss.pdf",
        b"<html><script>alert(1)</script></html>",
        note="Protokoll",
    )
    assert response.status_code == 422 and "Webseiten (HTML)" in response.content.decode()
    assert not Decision.objects.get().document and stored(media) == [] and not decision.corrections.exists()


def test_another_municipality_gets_neither_the_document_nor_its_page(
    client_for, consultant, outsider, dialogue, decision
):
    attach(client_for(consultant), dialogue, decision, "beschluss.pdf", PDF, note="Protokoll")
    assert client_for(outsider).get(f"{url(dialogue)}{decision.pk}/dokument/").status_code == 404
