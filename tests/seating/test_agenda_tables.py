"""A new table plan takes the tables, themes and hosts of the agenda's World Café round (else the session's)."""

import pytest
from django.urls import reverse

from dialogwerk.design import services as design_services
from dialogwerk.seating import services
from dialogwerk.seating.selectors import theme_names
from tests.seating.conftest import PEOPLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda_tables(dialogue, consultant):
    """Four tables in the agenda's first World Café round: themes in reverse order, hosts at tables 1 and 3."""
    design_services.agenda_fill_world_cafe_evening(actor=consultant, dialogue=dialogue)
    item = dialogue.agenda.items.filter(kind="round").order_by("position").first()
    themes = list(dialogue.themes.order_by("-position"))[:4]
    hosts = ["Gastgeberin Eins", "", "Anna Weber", ""]
    design_services.cafe_tables_set(actor=consultant, item=item, tables=list(zip(themes, hosts)))
    return themes


def test_a_plan_takes_table_count_themes_and_hosts_from_the_agenda(agenda_tables, cafe, consultant):
    text = PEOPLE + "\nAnna Weber; Ehrenamt"
    plan = services.plan_create(actor=consultant, session=cafe, rounds=3, people_text=text, max_iterations=500)
    assert plan.table_count == 4
    assert theme_names(plan=plan) == {n: t.name for n, t in enumerate(agenda_tables, start=1)}
    hosts = {p.name: p.host_table for p in plan.people.filter(is_host=True)}
    assert hosts == {"Gastgeberin Eins": 1, "Anna Weber": 3}
    for person in plan.people.filter(is_host=True):
        assert set(person.assignments.values_list("table_number", flat=True)) == {person.host_table}


def test_without_agenda_tables_the_sessions_tables_give_themes(cafe, consultant, dialogue):
    theme = dialogue.themes.order_by("-position").first()
    cafe.tables.update_or_create(number=1, defaults={"theme": theme, "host_name": "Live Gastgeber"})
    plan = services.plan_create(
        actor=consultant, session=cafe, rounds=2, table_size=4, people_text=PEOPLE, max_iterations=500
    )
    assert theme_names(plan=plan)[1] == theme.name
    assert plan.people.get(name="Live Gastgeber").host_table == 1


def test_the_plan_form_suggests_the_agendas_table_count(agenda_tables, client_for, consultant, dialogue, cafe):
    page = client_for(consultant).get(
        reverse("seating:create", kwargs={"dialogue_id": dialogue.pk}) + f"?session={cafe.pk}"
    )
    assert 'name="tables" value="4"' in page.content.decode()
