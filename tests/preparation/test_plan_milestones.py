"""The project plan's milestones follow the real state (issue #19 item 6): the needs analysis marked
complete, every actor invited and the event closed tick their milestones; a plan made before milestones
knew their step is matched by its title; tasks staff renamed or added are left alone."""

from dialogwerk.live import services as live_services
from dialogwerk.preparation import services
from dialogwerk.preparation.models import Actor, ProjectTask
from tests.preparation.helpers import ready

ANSWERS = {
    name: "Beantwortet."
    for name in ("situation", "measures_summary", "themes_summary", "actors_summary", "design_summary")
}


def status(dialogue, title: str) -> str:
    return ProjectTask.objects.get(dialogue=dialogue, title=title).status


def test_milestones_tick_themselves_when_the_work_is_done(client_for, consultant, dialogue):
    services.project_plan_generate(actor=consultant, dialogue=dialogue)
    assert status(dialogue, "Bedarfsanalyse abgeschlossen") == "open"
    services.analysis_save(actor=consultant, dialogue=dialogue, **ANSWERS)  # a draft ticks nothing
    assert status(dialogue, "Bedarfsanalyse abgeschlossen") == "open"
    response = client_for(consultant).post(f"/dialoge/{dialogue.pk}/bedarfsanalyse/", {**ANSWERS, "complete": "1"})
    assert response.status_code == 302
    assert status(dialogue, "Bedarfsanalyse abgeschlossen") == "done"

    ready(dialogue)
    perspective = dialogue.perspectives.first()
    by_mail = Actor.objects.create(
        dialogue=dialogue, name="Verein", perspective=perspective, email="v@example.org", consent=True
    )
    by_letter = Actor.objects.create(dialogue=dialogue, name="Frauentreff", perspective=perspective)
    services.invitations_send(actor=consultant, dialogue=dialogue, actors=[by_mail], base_url="http://testserver")
    assert status(dialogue, "Einladungen verschickt") == "open"  # the Frauentreff is not invited yet
    services.invitations_record(
        actor=consultant, dialogue=dialogue, actors=[by_letter], channel="letter", base_url="http://testserver"
    )
    assert status(dialogue, "Einladungen verschickt") == "done"

    session = live_services.session_create(actor=consultant, dialogue=dialogue, title="Abend")
    live_services.session_control(actor=consultant, session=session, action="start")
    assert status(dialogue, "Dialogveranstaltung") == "open"
    live_services.session_control(actor=consultant, session=session, action="close")
    assert status(dialogue, "Dialogveranstaltung") == "done"


def test_an_older_plan_is_matched_by_title_and_renamed_tasks_are_left_alone(consultant, dialogue):
    services.project_plan_generate(actor=consultant, dialogue=dialogue)
    ProjectTask.objects.filter(dialogue=dialogue).update(key="")  # as plans made before milestones had keys
    ProjectTask.objects.filter(dialogue=dialogue, title="Dialogveranstaltung").update(title="Unser Abend")
    assert services.milestone_reached(dialogue, "needs_analysis") == 1
    assert status(dialogue, "Bedarfsanalyse abgeschlossen") == "done"
    assert services.milestone_reached(dialogue, "event") == 0
    assert status(dialogue, "Unser Abend") == "open"
