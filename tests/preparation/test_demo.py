"""Musterstadt's preparation in the demo: filled analysis, ~40 actors with one gap, agenda, plan."""

from django.core.management import call_command

from dialogwerk.design.models import AgendaItem
from dialogwerk.dialogues.models import Dialogue
from dialogwerk.preparation.models import Actor, ProjectTask
from dialogwerk.preparation.selectors import coverage_of


def test_the_demo_has_a_prepared_dialogue_and_loading_twice_changes_nothing(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    dialogue = Dialogue.objects.get(municipality__name="Musterstadt")
    assert dialogue.needs_analysis.status == "complete"
    assert Actor.objects.filter(dialogue=dialogue).count() == 40
    assert coverage_of(dialogue=dialogue).gaps == [("Bauen & Wohnen", "Geflüchtete")]
    assert AgendaItem.objects.filter(agenda__dialogue=dialogue).count() == 11
    tasks = ProjectTask.objects.filter(dialogue=dialogue).count()
    assert tasks == 12
    Actor.objects.filter(dialogue=dialogue, name="AWO").update(notes="von Hand")
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert Actor.objects.filter(dialogue=dialogue).count() == 40 and Actor.objects.get(name="AWO").notes == "von Hand"
    assert ProjectTask.objects.filter(dialogue=dialogue).count() == tasks
