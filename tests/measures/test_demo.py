"""The Musterstadt demo shows the whole follow-up: bundled cards, three decisions (one delegated), twelve
measures in various states with progress reports — and loading it twice changes nothing."""

from django.core.management import call_command

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.measures.models import Measure, ProgressUpdate
from dialogwerk.synthesis.models import ClusterCard, Decision


def load():
    call_command("seed_demo", stdout=open("/dev/null", "w"))


def test_the_demo_shows_results_and_their_follow_up(db):
    load()
    dialogue = Dialogue.objects.get(municipality__name="Musterstadt")
    assert ClusterCard.objects.filter(cluster__dialogue=dialogue).count() >= 8
    assert sorted(Decision.objects.filter(dialogue=dialogue).values_list("outcome", flat=True)) == [
        "adopted",
        "delegated",
        "rejected",
    ]
    measures = Measure.objects.filter(dialogue=dialogue)
    assert measures.count() == 12
    assert set(measures.values_list("status", flat=True)) == {"planned", "in_progress", "done", "paused", "dropped"}
    assert ProgressUpdate.objects.filter(measure__dialogue=dialogue).count() >= 8
    assert measures.filter(decision__isnull=False, contributions__isnull=False).exists()


def test_loading_twice_neither_duplicates_nor_resets(db):
    load()
    measure = Measure.objects.get(title="Sprachcafé im Rathaus")
    measure.title = "Sprachcafé (umbenannt)"
    measure.save()
    counts = (
        Measure.objects.count(),
        Decision.objects.count(),
        ClusterCard.objects.count(),
        ProgressUpdate.objects.count(),
    )
    load()
    assert (
        Measure.objects.count(),
        Decision.objects.count(),
        ClusterCard.objects.count(),
        ProgressUpdate.objects.count(),
    ) == counts
    assert Measure.objects.filter(title="Sprachcafé (umbenannt)").exists()


def test_every_results_page_of_the_demo_opens(db, client):
    from dialogwerk.tenancy.models import User

    load()
    dialogue = Dialogue.objects.get(municipality__name="Musterstadt")
    measure = Measure.objects.filter(dialogue=dialogue).first()
    group = dialogue.working_groups.first()
    client.force_login(User.objects.get(email="beratung@musterstadt.de"))
    base = f"/dialoge/{dialogue.pk}/"
    for path in [
        "",
        "buendeln/",
        "entscheidungen/",
        "arbeitsgruppen/",
        f"arbeitsgruppen/{group.pk}/",
        "massnahmen/",
        f"massnahmen/{measure.pk}/",
        f"massnahmen/{measure.pk}/bearbeiten/",
        "begleitkreis/",
        "begleitkreis/sitzung/",
        "zusammenfassung/",
        "massnahmen/export.xlsx",
        "massnahmen/decidim.csv",
    ]:
        assert client.get(base + path).status_code == 200, path
    client.logout()
    html = client.get(f"/status/{dialogue.pk}/").content.decode()
    assert "Sprachcafé im Rathaus" in html and "Gemeinderat" in html
