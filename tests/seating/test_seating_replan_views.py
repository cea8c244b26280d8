"""Re-planning in the app: mark no-shows, add late arrivals, keep the current round, plan the rest."""

import pytest
from django.urls import reverse

from dialogwerk.seating.models import SeatingAssignment, Source
from dialogwerk.tenancy.models import AuditAction, AuditLogEntry

pytestmark = pytest.mark.django_db


def seats(plan):
    return sorted(SeatingAssignment.objects.filter(plan=plan).values_list("person_id", "round_index", "table_number"))


def replan_url(dialogue, plan):
    return reverse("seating:replan", kwargs={"dialogue_id": dialogue.pk, "plan_id": plan.pk})


def test_a_moderator_replans_after_round_one(client_for, moderator, dialogue, plan):
    no_show = plan.people.get(name="Klaus Vogel")
    round_one = {pid: t for pid, r, t in seats(plan) if r == 0 and pid != no_show.pk}
    response = client_for(moderator).post(
        replan_url(dialogue, plan),
        {"current_round": 1, "no_shows": [no_show.pk], "late_text": "Nour Al-Sayed; Geflüchtete", "revision": 1},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.revision == 2 and plan.replanned_from_round == 1
    no_show.refresh_from_db()
    assert not no_show.present and not no_show.assignments.exists()
    late = plan.people.get(name="Nour Al-Sayed")
    assert late.source == Source.LATE and late.perspective == "Geflüchtete"
    assert sorted(late.assignments.values_list("round_index", flat=True)) == [0, 1, 2]
    assert {pid: t for pid, r, t in seats(plan) if r == 0 and pid != late.pk} == round_one
    for r in (1, 2):
        assert SeatingAssignment.objects.filter(plan=plan, round_index=r).count() == 12
    entry = AuditLogEntry.objects.get(action=AuditAction.UPDATE, target_id=str(plan.pk))
    assert entry.changes["no_shows"] == ["Klaus Vogel"] and entry.changes["late_arrivals"] == ["Nour Al-Sayed"]


def test_replanning_after_round_two_keeps_rounds_one_and_two(consultant, plan):
    from dialogwerk.seating import services

    before = seats(plan)
    services.plan_replan(actor=consultant, plan=plan, current_round=2, late_text="Ida\nJan", max_iterations=500)
    after = seats(plan)
    assert [s for s in after if s[1] < 2 and s[0] in {p for p, _r, _t in before}] == [s for s in before if s[1] < 2]
    assert plan.people.filter(present=True).count() == 14


def test_the_replan_form_suggests_the_running_round(client_for, consultant, dialogue, cafe, plan):
    from dialogwerk.live import services as live_services

    live_services.session_control(actor=consultant, session=cafe, action="start")
    live_services.session_control(actor=consultant, session=cafe, action="next")
    page = client_for(consultant).get(replan_url(dialogue, plan))
    assert page.status_code == 200
    assert '<option value="2" selected>Runde 2</option>' in page.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"current_round": 1, "late_text": "A; B; C; D", "revision": 1},
        {"current_round": 9, "revision": 1},
        {"current_round": 1, "no_shows": [999999], "revision": 1},
        {"current_round": 1, "late_text": "Anna Weber", "revision": 1},  # already in the plan
        {"current_round": 1, "late_text": "Neu", "revision": 7},  # someone re-planned meanwhile
        {"current_round": 3, "revision": 1},  # nothing to do
    ],
)
def test_bad_replan_input_answers_422_and_changes_nothing(client_for, consultant, dialogue, plan, data):
    before, people_before = seats(plan), plan.people.count()
    response = client_for(consultant).post(replan_url(dialogue, plan), data)
    assert response.status_code == 422
    plan.refresh_from_db()
    assert plan.revision == 1 and seats(plan) == before and plan.people.count() == people_before
    assert not AuditLogEntry.objects.filter(action=AuditAction.UPDATE, target_id=str(plan.pk)).exists()


def test_a_superseded_plan_cannot_be_replanned(client_for, consultant, dialogue, cafe, plan):
    from dialogwerk.seating import services

    services.plan_create(
        actor=consultant, session=cafe, rounds=2, table_size=2, people_text="A\nB\nC\nD", max_iterations=100
    )
    assert (
        client_for(consultant)
        .post(replan_url(dialogue, plan), {"current_round": 1, "late_text": "X", "revision": 1})
        .status_code
        == 403
    )


def test_a_participant_who_joined_late_on_their_phone_is_seated_and_linked(client_for, moderator, dialogue, cafe, plan):
    from dialogwerk.live import services as live_services
    from dialogwerk.seating.selectors import route_for_participant

    late, _token = live_services.participant_join(
        session=cafe, display_name="Rania", consent=True, perspective="Geflüchtete"
    )
    client = client_for(moderator)
    assert "Rania · Geflüchtete" in client.get(replan_url(dialogue, plan)).content.decode()
    response = client.post(
        replan_url(dialogue, plan), {"current_round": 2, "late_participants": [late.pk], "revision": 1}
    )
    assert response.status_code == 302
    person = plan.people.get(participant=late)
    assert person.source == Source.LATE and person.perspective == "Geflüchtete"
    assert [step.round_number for step in route_for_participant(late)] == [2, 3]
    assert "Mit dem Handy beigetreten" not in client.get(replan_url(dialogue, plan)).content.decode()
