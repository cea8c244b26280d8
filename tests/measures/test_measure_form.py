"""Creating and editing a measure: planners only, invalid input changes nothing, every change is history."""

from dialogwerk.measures.models import Measure, MeasureChange
from dialogwerk.synthesis import services as synthesis
from dialogwerk.tenancy.models import AuditLogEntry


def data(**overrides):
    return {"title": "Sprachcafé", "priority": "medium", "status": "planned", "progress": "0", **overrides}


def test_a_consultant_adds_a_measure_and_it_is_recorded(client_for, consultant, dialogue):
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/massnahmen/neu/", data(due_on="2027-03-31", goal="Begegnung")
    )
    measure = Measure.objects.get()
    assert response.status_code == 302 and response.url == f"/dialoge/{dialogue.pk}/massnahmen/{measure.pk}/"
    assert MeasureChange.objects.get(measure=measure).changes["title"] == ["", "Sprachcafé"]
    assert AuditLogEntry.objects.filter(action="create", target_id=str(measure.pk)).exists()


def test_a_measure_from_an_adopted_decision_links_back_to_its_cards(client_for, consultant, dialogue):
    from dialogwerk.live import services as live

    session = live.session_create(actor=consultant, dialogue=dialogue, title="Dialogtag")
    card, _ = live.contribution_submit(
        session=session,
        author_user=consultant,
        kind="idea",
        theme_id=dialogue.themes.first().pk,
        text="Sprachcafé im Rathaus",
    )
    cluster = synthesis.cluster_create(actor=consultant, dialogue=dialogue, title="Sprache", cards=[card])
    decision = synthesis.decision_create(
        actor=consultant, dialogue=dialogue, outcome="adopted", title="Sprachcafé", cluster=cluster
    )
    client = client_for(consultant)
    assert (
        'value="Sprachcafé"'
        in client.get(f"/dialoge/{dialogue.pk}/massnahmen/neu/?decision={decision.pk}").content.decode()
    )
    client.post(f"/dialoge/{dialogue.pk}/massnahmen/neu/", data(decision=decision.pk))
    measure = Measure.objects.get()
    assert (
        measure.decision == decision
        and list(measure.clusters.all()) == [cluster]
        and list(measure.contributions.all()) == [card]
    )
    html = client.get(f"/dialoge/{dialogue.pk}/massnahmen/{measure.pk}/").content.decode()
    assert f'id="karte-{card.pk}"' in html and "Sprachcafé im Rathaus" in html


def test_editing_records_each_changed_field(client_for, consultant, dialogue, make_measure):
    measure = make_measure("Sprachcafé")
    client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/massnahmen/{measure.pk}/bearbeiten/", data(progress="40", status="in_progress")
    )
    change = MeasureChange.objects.filter(measure=measure).first()
    assert change.changes == {"status": ["planned", "in_progress"], "progress": ["0", "40"]}
    html = client_for(consultant).get(f"/dialoge/{dialogue.pk}/massnahmen/{measure.pk}/").content.decode()
    assert "Verlauf" in html and "In Umsetzung" in html and "40 %" in html


def test_invalid_input_answers_422_and_changes_nothing(client_for, consultant, dialogue, make_measure):
    measure = make_measure("Sprachcafé")
    client = client_for(consultant)
    response = client.post(
        f"/dialoge/{dialogue.pk}/massnahmen/{measure.pk}/bearbeiten/",
        data(progress="140", starts_on="2027-05-01", due_on="2027-04-01"),
    )
    assert response.status_code == 422
    measure.refresh_from_db()
    assert measure.progress == 0 and measure.due_on is None
    assert client.post(f"/dialoge/{dialogue.pk}/massnahmen/neu/", data(title="")).status_code == 422
    assert Measure.objects.count() == 1


def test_a_theme_of_another_dialogue_is_refused(client_for, consultant, dialogue, municipality):
    from dialogwerk.dialogues.services import dialogue_create

    other = dialogue_create(actor=consultant, municipality=municipality, title="Zweiter Dialog")
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/massnahmen/neu/", data(theme=other.themes.first().pk)
    )
    assert response.status_code == 422 and not Measure.objects.exists()


def test_steering_members_may_not_edit_the_catalogue(client_for, steering_member, dialogue, make_measure):
    measure = make_measure("Sprachcafé")
    client = client_for(steering_member)
    assert client.get(f"/dialoge/{dialogue.pk}/massnahmen/neu/").status_code == 403
    assert (
        client.post(f"/dialoge/{dialogue.pk}/massnahmen/{measure.pk}/bearbeiten/", data(title="Neu")).status_code == 403
    )
    assert Measure.objects.get().title == "Sprachcafé"


def test_an_outsider_gets_404(client_for, outsider, dialogue, make_measure):
    measure = make_measure("Sprachcafé")
    client = client_for(outsider)
    assert client.get(f"/dialoge/{dialogue.pk}/massnahmen/{measure.pk}/").status_code == 404
    assert client.post(f"/dialoge/{dialogue.pk}/massnahmen/{measure.pk}/bearbeiten/", data()).status_code == 404


def test_a_measure_gets_a_theme_of_its_dialogue(client_for, consultant, dialogue):
    theme = dialogue.themes.last()
    response = client_for(consultant).post(f"/dialoge/{dialogue.pk}/massnahmen/neu/", data(theme=theme.pk))
    assert response.status_code == 302 and Measure.objects.get().theme == theme
