"""Making a table plan in the app: who may, what the pages show, and bad input changing nothing."""

import pytest
from django.urls import reverse

from dialogwerk.seating.models import PlanStatus, SeatingAssignment, SeatingPerson, SeatingPlan
from dialogwerk.tenancy.models import AuditAction, AuditLogEntry
from tests.seating.conftest import PEOPLE

pytestmark = pytest.mark.django_db


def create_url(dialogue):
    return reverse("seating:create", kwargs={"dialogue_id": dialogue.pk})


def form_data(session, **changes):
    data = {
        "session": session.pk,
        "rounds": 3,
        "table_size": 4,
        "tables": "",
        "distinct_tables": "on",
        "include_participants": "on",
        "people_text": PEOPLE,
        "seed": 0,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize("role", ["consultant", "moderator", "admin_user"])
def test_a_planner_makes_a_plan_for_the_session(role, request, client_for, dialogue, cafe):
    user = request.getfixturevalue(role)
    response = client_for(user).post(create_url(dialogue), form_data(cafe))
    plan = SeatingPlan.objects.get(session=cafe)
    assert response.status_code == 302
    assert response.url == reverse("seating:plan", kwargs={"dialogue_id": dialogue.pk, "plan_id": plan.pk})
    assert (plan.rounds, plan.table_count, plan.table_size) == (3, 3, 4)
    assert plan.people.count() == 12
    assert SeatingAssignment.objects.filter(plan=plan).count() == 36
    for r in range(3):
        tables = [SeatingAssignment.objects.filter(plan=plan, round_index=r, table_number=t).count() for t in (1, 2, 3)]
        assert tables == [4, 4, 4]
    entry = AuditLogEntry.objects.get(action=AuditAction.CREATE, target_id=str(plan.pk), changes__has_key="people")
    assert entry.actor == user and entry.changes["people"] == 12


def test_the_plan_page_shows_rounds_tables_themes_and_figures(client_for, consultant, dialogue, plan):
    page = client_for(consultant).get(reverse("seating:plan", kwargs={"dialogue_id": dialogue.pk, "plan_id": plan.pk}))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Runde 3" in text and "Tisch 3" in text and "Bauen &amp; Wohnen" in text
    assert "Jürgen Öztürk" in text
    assert "Wiederholte Begegnungen" in text and "Untere Schranke" in text
    if plan.provably_optimal:
        assert "Nachweislich optimal" in text


def test_a_new_plan_replaces_the_current_one(client_for, consultant, dialogue, cafe, plan):
    client_for(consultant).post(create_url(dialogue), form_data(cafe, seed=4))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUPERSEDED
    assert SeatingPlan.objects.filter(session=cafe, status=PlanStatus.CURRENT).count() == 1


def test_the_index_lists_the_sessions_with_their_plans(client_for, steering_member, dialogue, plan):
    page = client_for(steering_member).get(reverse("seating:index", kwargs={"dialogue_id": dialogue.pk}))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Welt-Café am Abend" in text
    assert reverse("seating:plan", kwargs={"dialogue_id": dialogue.pk, "plan_id": plan.pk}) in text
    assert create_url(dialogue) not in text


def test_a_steering_member_reads_but_cannot_plan(client_for, steering_member, dialogue, cafe, plan):
    client = client_for(steering_member)
    kwargs = {"dialogue_id": dialogue.pk, "plan_id": plan.pk}
    assert client.get(reverse("seating:plan", kwargs=kwargs)).status_code == 200
    assert client.get(reverse("seating:print", kwargs=kwargs)).status_code == 200
    assert client.get(create_url(dialogue)).status_code == 403
    assert client.post(create_url(dialogue), form_data(cafe)).status_code == 403
    assert client.post(reverse("seating:replan", kwargs=kwargs), {"current_round": 1, "revision": 1}).status_code == 403
    assert client.post(reverse("seating:themes", kwargs=kwargs), {"table_1": ""}).status_code == 403
    assert SeatingPlan.objects.count() == 1
    plan.refresh_from_db()
    assert plan.revision == 1


def test_an_outsider_learns_nothing(client_for, outsider, dialogue, plan):
    client = client_for(outsider)
    assert client.get(reverse("seating:index", kwargs={"dialogue_id": dialogue.pk})).status_code == 404
    assert (
        client.get(reverse("seating:plan", kwargs={"dialogue_id": dialogue.pk, "plan_id": plan.pk})).status_code == 404
    )


def test_a_plan_of_another_dialogue_is_not_found_under_this_one(client_for, consultant, municipality, dialogue, plan):
    from dialogwerk.dialogues.services import dialogue_create

    other = dialogue_create(actor=consultant, municipality=municipality, title="Zweiter Dialog")
    url = reverse("seating:plan", kwargs={"dialogue_id": other.pk, "plan_id": plan.pk})
    assert client_for(consultant).get(url).status_code == 404


@pytest.mark.parametrize(
    ("changes", "field_text"),
    [
        ({"rounds": 0}, "rounds"),
        ({"rounds": 4}, "verschiedenen Tisch"),  # 3 tables cannot give 4 different ones
        ({"table_size": "", "tables": ""}, "Anzahl der Tische"),
        ({"people_text": "Anna; Verwaltung; Tisch drei"}, "Zeile 1"),
        ({"people_text": "Anna\nBernd; Ehrenamt; Tisch 9", "table_size": 2}, "Tisch 9"),
        ({"people_text": "Nur eine Person", "include_participants": None}, "weniger als 2"),
    ],
)
def test_bad_input_answers_422_and_makes_no_plan(client_for, consultant, dialogue, cafe, changes, field_text):
    audit_before = AuditLogEntry.objects.count()
    response = client_for(consultant).post(create_url(dialogue), form_data(cafe, **changes))
    assert response.status_code == 422
    if field_text != "rounds":
        assert field_text in response.content.decode()
    assert not SeatingPlan.objects.exists() and not SeatingPerson.objects.exists()
    assert AuditLogEntry.objects.count() == audit_before


def test_a_session_of_another_dialogue_cannot_be_chosen(client_for, consultant, municipality, dialogue):
    from dialogwerk.dialogues.services import dialogue_create
    from dialogwerk.live import services as live_services

    other = dialogue_create(actor=consultant, municipality=municipality, title="Zweiter Dialog")
    foreign_session = live_services.session_create(actor=consultant, dialogue=other, title="Fremd", method="world_cafe")
    response = client_for(consultant).post(create_url(dialogue), form_data(foreign_session))
    assert response.status_code == 422
    assert not SeatingPlan.objects.exists()


def test_joined_participants_and_typed_hosts_are_seated(consultant, cafe):
    from dialogwerk.live import services as live_services
    from dialogwerk.seating import services

    joined, _token = live_services.participant_join(
        session=cafe, display_name="Fatima", consent=True, perspective="Geflüchtete"
    )
    plan = services.plan_create(
        actor=consultant,
        session=cafe,
        rounds=2,
        table_size=3,
        people_text="Gastgeberin Eva; Verwaltung; Tisch 2\nBert\nCarla\nDeniz\nEmil",
        max_iterations=500,
    )
    fatima = plan.people.get(name="Fatima")
    assert fatima.participant == joined and fatima.perspective == "Geflüchtete"
    eva = plan.people.get(name="Gastgeberin Eva")
    assert eva.is_host and eva.host_table == 2
    assert set(eva.assignments.values_list("table_number", flat=True)) == {2}


def test_the_themes_come_from_the_session_tables_and_can_be_changed(client_for, consultant, dialogue, plan):
    url = reverse("seating:themes", kwargs={"dialogue_id": dialogue.pk, "plan_id": plan.pk})
    themes = list(dialogue.themes.order_by("position"))
    assert [tt.theme for tt in plan.table_themes.order_by("table_number")] == themes[:3]
    client = client_for(consultant)
    assert client.get(url).status_code == 200
    response = client.post(url, {"table_1": themes[4].pk, "table_2": "", "table_3": themes[2].pk})
    assert response.status_code == 302
    assert [tt.theme for tt in plan.table_themes.order_by("table_number")] == [themes[4], None, themes[2]]
    assert AuditLogEntry.objects.filter(action=AuditAction.UPDATE, target_id=str(plan.pk)).exists()


def test_a_theme_of_another_dialogue_is_refused(client_for, consultant, municipality, dialogue, plan):
    from dialogwerk.dialogues.services import dialogue_create

    other = dialogue_create(actor=consultant, municipality=municipality, title="Zweiter Dialog")
    url = reverse("seating:themes", kwargs={"dialogue_id": dialogue.pk, "plan_id": plan.pk})
    response = client_for(consultant).post(url, {"table_1": other.themes.first().pk})
    assert response.status_code == 422
    assert plan.table_themes.get(table_number=1).theme == dialogue.themes.order_by("position").first()


def test_two_participants_with_one_name_are_two_people_and_a_typed_name_links_its_participant(consultant, cafe):
    from dialogwerk.live import services as live_services
    from dialogwerk.seating import services

    first, _token = live_services.participant_join(session=cafe, display_name="Anna", consent=True)
    second, _token = live_services.participant_join(
        session=cafe, display_name="anna", consent=True, perspective="Ehrenamt"
    )
    bert, _token = live_services.participant_join(
        session=cafe, display_name="Bert", consent=True, perspective="Politik"
    )
    candidates = services.collect_candidates(
        session=cafe, include_participants=True, include_invitations=False, people_text="Bert; ; Tisch 1\nCarla"
    )
    assert [(c.name, c.participant_id, c.host_table) for c in candidates] == [
        ("Bert", bert.pk, 1),
        ("Carla", None, None),
        ("Anna", first.pk, None),
        ("anna (2)", second.pk, None),
    ]
    assert candidates[0].perspective == "Politik"


def test_a_host_named_on_a_session_table_stays_there(consultant, cafe):
    from dialogwerk.seating import services

    cafe.tables.filter(number=2).update(host_name="Gerda Host")
    plan = services.plan_create(
        actor=consultant, session=cafe, rounds=2, tables=3, people_text="A\nB\nC\nD\nE\nF", max_iterations=300
    )
    gerda = plan.people.get(name="Gerda Host")
    assert gerda.is_host and set(gerda.assignments.values_list("table_number", flat=True)) == {2}


def test_accepted_invitations_are_seated_with_their_perspective(consultant, dialogue, cafe):
    import datetime

    from dialogwerk.preparation.models import Actor, Invitation, Perspective
    from dialogwerk.seating import services

    perspective = Perspective.objects.create(dialogue=dialogue, name="Kirchen")
    for name, status in [("Pfarrei St. Martin", "accepted"), ("Moscheeverein", "declined")]:
        actor = Actor.objects.create(dialogue=dialogue, name=name, perspective=perspective)
        Invitation.objects.create(dialogue=dialogue, actor=actor, status=status, expires_on=datetime.date(2027, 1, 1))
    candidates = services.collect_candidates(
        session=cafe, include_participants=False, include_invitations=True, people_text=""
    )
    assert [(c.name, c.perspective) for c in candidates] == [("Pfarrei St. Martin", "Kirchen")]
