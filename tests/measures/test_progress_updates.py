"""Progress reports (Sachstand): the Begleitkreis posts them; the newest sets the measure's status and progress."""

from django.core.files.uploadedfile import SimpleUploadedFile

from dialogwerk.measures.models import Measure, ProgressUpdate


def post(client, dialogue, measure, **overrides):
    data = {
        "reported_on": "2027-03-01",
        "text": "Erstes Treffen mit 12 Leuten",
        "status": "in_progress",
        "progress": "30",
        **overrides,
    }
    return client.post(f"/dialoge/{dialogue.pk}/massnahmen/{measure.pk}/sachstand/", data)


def test_a_steering_member_posts_a_report_with_an_attachment(
    client_for, steering_member, dialogue, make_measure, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    measure = make_measure("Sprachcafé")
    response = post(
        client_for(steering_member),
        dialogue,
        measure,
        attachment=SimpleUploadedFile("protokoll.txt", b"Protokoll", content_type="text/plain"),
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.author == steering_member and update.attachments.count() == 1
    measure.refresh_from_db()
    assert (measure.status, measure.progress) == ("in_progress", 30)
    link = f"/dialoge/{dialogue.pk}/massnahmen/{measure.pk}/anhaenge/{update.attachments.get().pk}/"
    assert link in client_for(steering_member).get(f"/dialoge/{dialogue.pk}/massnahmen/{measure.pk}/").content.decode()
    assert b"".join(client_for(steering_member).get(link).streaming_content) == b"Protokoll"
    assert measure.changes.filter(source="progress").exists()


def test_an_older_report_does_not_overwrite_the_newer_state(client_for, steering_member, dialogue, make_measure):
    measure = make_measure("Sprachcafé")
    client = client_for(steering_member)
    post(client, dialogue, measure, reported_on="2027-03-01", progress="60")
    post(client, dialogue, measure, reported_on="2027-02-01", progress="20")
    assert Measure.objects.get().progress == 60


def test_done_means_100_percent(client_for, consultant, dialogue, make_measure):
    measure = make_measure("Sprachcafé")
    post(client_for(consultant), dialogue, measure, status="done", progress="80")
    assert Measure.objects.get().progress == 100


def test_a_report_without_text_or_with_bad_progress_changes_nothing(
    client_for, steering_member, dialogue, make_measure
):
    measure = make_measure("Sprachcafé")
    client = client_for(steering_member)
    assert post(client, dialogue, measure, text="").status_code == 422
    assert post(client, dialogue, measure, progress="101").status_code == 422
    assert not ProgressUpdate.objects.exists() and Measure.objects.get().progress == 0


def test_a_moderator_may_not_post_reports(client_for, moderator, dialogue, make_measure):
    measure = make_measure("Sprachcafé")
    assert post(client_for(moderator), dialogue, measure).status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_an_outsider_gets_404(client_for, outsider, dialogue, make_measure):
    measure = make_measure("Sprachcafé")
    assert post(client_for(outsider), dialogue, measure).status_code == 404
    assert client_for(outsider).get(f"/dialoge/{dialogue.pk}/massnahmen/{measure.pk}/anhaenge/1/").status_code == 404
