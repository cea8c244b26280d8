"""The demo's table plan: made once for the demo World Café, never duplicated or changed."""

from django.core.management import call_command

from dialogwerk.seating import demo
from dialogwerk.seating.models import SeatingPlan


def test_the_demo_plan_is_made_once_and_left_alone(db, settings):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    context = {"users": {}}
    from dialogwerk.tenancy.models import User

    context["users"]["moderator"] = User.objects.get(email="moderation@musterstadt.de")
    demo.load(context)
    plan = SeatingPlan.objects.get(session__code="DEMO42")
    assert (plan.rounds, plan.table_count, plan.people.count()) == (3, 5, 25)
    hosts = plan.people.filter(is_host=True)
    assert hosts.count() == 5
    assert all(set(h.assignments.values_list("table_number", flat=True)) == {h.host_table} for h in hosts)
    assert plan.hard_violations == 0
    demo.load(context)
    assert SeatingPlan.objects.filter(session__code="DEMO42").count() == 1


def test_the_demo_agenda_gives_its_first_world_cafe_round_five_tables_with_themes_and_hosts(db):
    from dialogwerk.design.selectors import cafe_tables
    from dialogwerk.dialogues.models import Dialogue

    call_command("seed_demo", stdout=open("/dev/null", "w"))
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    dialogue = Dialogue.objects.get(municipality__name="Musterstadt")
    rows = cafe_tables(dialogue)
    assert [(n, host) for n, _theme, host in rows] == list(
        enumerate(["Ursula Brenner", "Thomas Keller", "Aylin Demir", "Markus Hahn", "Petra Lindner"], start=1)
    )
    assert all(theme is not None and theme.dialogue_id == dialogue.pk for _n, theme, _host in rows)
    plan = SeatingPlan.objects.get(session__code="DEMO42")
    assert dict(plan.people.filter(is_host=True).values_list("name", "host_table")) == {host: n for n, _t, host in rows}
