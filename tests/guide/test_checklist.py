"""The checklist: pure rules, the counts gathered from the apps, and its place on the dialogue overview."""

import datetime

import pytest

from dialogwerk.guide import selectors
from dialogwerk.guide.checklist import Counts, by_step, checklist, next_item
from dialogwerk.guide.labels import lines
from dialogwerk.preparation import services as preparation_services
from dialogwerk.preparation.models import Actor, Perspective


def test_a_new_dialogue_starts_with_the_needs_analysis_as_next_step():
    items = checklist(Counts(themes=5))
    assert next_item(items).key == "analysis"
    assert [item.key for item in items if item.done] == ["themes"]


def test_only_one_item_is_next_and_it_is_the_first_open_one():
    items = checklist(Counts(analysis_complete=True, answered_questions=5, themes=5, actors=3))
    assert sum(item.next for item in items) == 1
    assert next_item(items).key == "invitations"


def test_actors_are_not_done_while_a_perspective_has_nobody():
    items = {item.key: item for item in checklist(Counts(actors=34, empty_perspectives=2))}
    assert not items["actors"].done


def test_invitations_are_done_when_every_actor_was_invited_by_some_channel():
    by_mail_only = Counts(actors=34, invitable_actors=20, invitations_sent=20, actors_not_invited=14)
    line = {line.item.key: line for line in lines(checklist(by_mail_only), dialogue_id=1)}["invitations"]
    assert not line.item.done
    assert line.status == "20 von 34 eingeladen, 0 Zusagen, 14 noch nicht eingeladen"
    everyone = Counts(
        actors=34, invitable_actors=20, invitations_sent=34, invitations_by_letter=10, invitations_in_person=4
    )
    line = {line.item.key: line for line in lines(checklist(everyone), dialogue_id=1)}["invitations"]
    assert line.item.done
    assert line.status.startswith("34 von 34 eingeladen (20 per E-Mail, 10 per Brief, 4 persönlich oder telefonisch)")


def test_items_are_grouped_in_lifecycle_order():
    steps = [step for step, _items in by_step(checklist(Counts()))]
    assert steps == ["preparation", "dialogue", "results", "implementation", "funding"]


def test_when_everything_is_done_nothing_is_next():
    done = Counts(
        answered_questions=5,
        analysis_complete=True,
        themes=5,
        actors=3,
        invitable_actors=1,
        invitations_sent=3,
        agenda_items=4,
        tasks=2,
        sessions=1,
        cards=9,
        clusters=2,
        decisions=2,
        measures=2,
        documents_ready=1,
        steering_members=3,
        measures_with_progress=2,
        funding_application="approved",
        funding_report="submitted",
    )
    assert next_item(checklist(done)) is None


def test_counts_come_from_the_dialogue(dialogue, consultant):
    preparation_services.perspectives_ensure_defaults(dialogue=dialogue)
    perspective = Perspective.objects.filter(dialogue=dialogue).first()
    actor = Actor.objects.create(
        dialogue=dialogue, name="Verein", perspective=perspective, email="a@b.de", consent=True
    )
    actor.themes.set(dialogue.themes.all()[:1])
    preparation_services.project_plan_generate(actor=consultant, dialogue=dialogue)
    counts = selectors.checklist_counts(dialogue=dialogue)
    assert counts.themes == 5 and counts.actors == 1 and counts.invitable_actors == 1
    assert counts.tasks > 5 and counts.invitations_sent == 0
    assert counts.worst_theme and counts.worst_theme_missing >= 9


def test_the_overview_shows_the_checklist_and_the_next_step(client_for, consultant, dialogue):
    html = client_for(consultant).get(f"/dialoge/{dialogue.pk}/").content.decode()
    assert "Checkliste" in html
    assert "Nächster Schritt:" in html
    assert f'href="/dialoge/{dialogue.pk}/bedarfsanalyse/">Die fünf Leitfragen beantworten' in html
    assert "0 von 5 Leitfragen beantwortet" in html


def test_the_overview_names_missing_perspectives_in_words(client_for, consultant, dialogue):
    preparation_services.perspectives_ensure_defaults(dialogue=dialogue)
    perspective = Perspective.objects.filter(dialogue=dialogue).first()
    Actor.objects.create(dialogue=dialogue, name="Verein", perspective=perspective)
    html = client_for(consultant).get(f"/dialoge/{dialogue.pk}/").content.decode()
    assert "1 erfasst, 10 Blickwinkel fehlen bei Bauen &amp; Wohnen" in html
    assert "0 von 1 eingeladen" in html


def test_a_steering_member_sees_the_checklist_too(client_for, steering_member, dialogue):
    response = client_for(steering_member).get(f"/dialoge/{dialogue.pk}/")
    assert response.status_code == 200 and "Checkliste" in response.content.decode()


def test_overdue_tasks_make_the_plan_the_thing_to_catch_up_on(dialogue, consultant):
    dialogue.starts_on = datetime.date(2020, 3, 1)
    dialogue.save()
    preparation_services.project_plan_generate(actor=consultant, dialogue=dialogue)
    items = {item.key: item for item in selectors.checklist_of(dialogue=dialogue)}
    assert not items["plan"].done and items["plan"].numbers["overdue"] > 0


def test_every_funding_status_reads_as_a_word_on_the_checklist():
    from django.utils import translation

    from dialogwerk.funding.models import ApplicationStatus, ReportStatus

    for status in [*ApplicationStatus.values, *ReportStatus.values]:
        with translation.override("de"):
            shown = {
                line.item.key: line.status
                for line in lines(checklist(Counts(funding_application=status, funding_report=status)), 1)
            }
        for key in ("funding_application", "funding_report"):
            assert shown[key] and "_" not in shown[key] and shown[key] != status, (key, status, shown[key])


def test_every_count_of_the_checklist_is_declared_by_exactly_one_app(dialogue):
    import dataclasses

    from dialogwerk.core.registry import checklist_counters

    given: dict[str, str] = {}
    for declaration in checklist_counters:
        for name in declaration.part(dialogue):
            assert name not in given, f"{name} is counted by {given[name]} and {declaration.app}"
            given[name] = declaration.app
    assert set(given) == {field.name for field in dataclasses.fields(Counts)}


def test_a_count_no_app_gives_fails_instead_of_showing_zero(dialogue):
    from dialogwerk.core.registry import checklist_counters

    declaration = next(d for d in checklist_counters if d.app == "funding")
    checklist_counters.withdraw(declaration.name)
    try:
        with pytest.raises(selectors.CountsDeclaredWrongly, match="funding_application"):
            selectors.checklist_counts(dialogue=dialogue)
    finally:
        checklist_counters.declare(app=declaration.app, name=declaration.name, part=declaration.part)
