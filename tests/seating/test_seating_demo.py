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
