"""Bulk edit: one change on several measures, all or nothing, each change in its measure's history."""

from dialogwerk.measures.models import Measure, MeasureChange


def test_a_consultant_sets_the_status_of_several_measures(client_for, consultant, dialogue, make_measure):
    a, b, _untouched = make_measure("A"), make_measure("B"), make_measure("C")
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/massnahmen/sammelbearbeitung/",
        {"measures": [a.pk, b.pk], "status": "in_progress", "public": "yes"},
    )
    assert response.status_code == 302
    assert set(Measure.objects.filter(status="in_progress", public=True).values_list("title", flat=True)) == {"A", "B"}
    assert MeasureChange.objects.filter(source="bulk").count() == 2


def test_without_a_change_or_a_selection_nothing_happens(client_for, consultant, dialogue, make_measure):
    a = make_measure("A")
    client = client_for(consultant)
    assert client.post(f"/dialoge/{dialogue.pk}/massnahmen/sammelbearbeitung/", {"measures": [a.pk]}).status_code == 422
    assert client.post(f"/dialoge/{dialogue.pk}/massnahmen/sammelbearbeitung/", {"status": "done"}).status_code == 422
    assert Measure.objects.get().status == "planned"


def test_one_invalid_measure_rolls_back_the_whole_change(client_for, consultant, dialogue, make_measure):
    import datetime

    a = make_measure("A")
    b = make_measure("B", starts_on=datetime.date(2027, 6, 1))
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/massnahmen/sammelbearbeitung/", {"measures": [a.pk, b.pk], "due_on": "2027-05-01"}
    )
    assert response.status_code == 422
    assert not Measure.objects.filter(due_on__isnull=False).exists()


def test_measures_of_another_dialogue_cannot_be_selected(client_for, consultant, dialogue, municipality, make_measure):
    from dialogwerk.dialogues.services import dialogue_create
    from dialogwerk.measures import services

    other = dialogue_create(actor=consultant, municipality=municipality, title="Zweiter Dialog")
    foreign = services.measure_create(actor=consultant, dialogue=other, title="Fremd")
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/massnahmen/sammelbearbeitung/", {"measures": [foreign.pk], "status": "done"}
    )
    assert response.status_code == 422 and Measure.objects.get(pk=foreign.pk).status == "planned"


def test_a_steering_member_may_not_bulk_edit(client_for, steering_member, dialogue, make_measure):
    a = make_measure("A")
    assert (
        client_for(steering_member)
        .post(f"/dialoge/{dialogue.pk}/massnahmen/sammelbearbeitung/", {"measures": [a.pk], "status": "done"})
        .status_code
        == 403
    )
