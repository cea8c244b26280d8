"""The project plan: a default plan from the event date, editing, overdue tasks, XLSX and ICS exports."""

import datetime
import io

import icalendar
import openpyxl

from dialogwerk.preparation.models import ProjectTask
from dialogwerk.preparation.plan_defaults import default_plan


def test_the_default_plan_counts_from_the_event_date():
    plan = {step.key: step for step in default_plan(datetime.date(2026, 12, 5))}
    assert plan["needs_analysis"].due_on == datetime.date(2026, 10, 10)  # 8 weeks before
    assert plan["invitations"].due_on == datetime.date(2026, 11, 7)  # 4 weeks before
    assert plan["documentation"].due_on == datetime.date(2026, 12, 19)  # 2 weeks after
    assert all(dep in plan for step in plan.values() for dep in step.depends_on)


def test_a_consultant_generates_edits_and_exports_the_plan(client_for, consultant, dialogue):
    client = client_for(consultant)
    assert client.post(f"/dialoge/{dialogue.pk}/projektplan/standardplan/").status_code == 302
    assert ProjectTask.objects.filter(dialogue=dialogue).count() == 12
    task = ProjectTask.objects.get(title="Einladungen verschickt")
    assert task.depends_on.count() == 2
    data = {"title": "Einladungen raus", "owner": "Bürgermeisteramt", "due_on": "2026-11-06", "status": "in_progress"}
    assert client.post(f"/dialoge/{dialogue.pk}/projektplan/{task.pk}/bearbeiten/", data).status_code == 302
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/dialoge/{dialogue.pk}/projektplan/projektplan.xlsx").content)
    ).active
    assert any(
        row[0] == "Einladungen raus" and row[2] == "Bürgermeisteramt" for row in sheet.iter_rows(values_only=True)
    )
    calendar = icalendar.Calendar.from_ical(client.get(f"/dialoge/{dialogue.pk}/projektplan/projektplan.ics").content)
    events = calendar.walk("VEVENT")
    assert len(events) == 12 and any(e.decoded("dtstart") == datetime.date(2026, 11, 6) for e in events)
    assert client.post(f"/dialoge/{dialogue.pk}/projektplan/standardplan/").status_code == 302
    assert ProjectTask.objects.filter(dialogue=dialogue).count() == 12


def test_overdue_tasks_are_highlighted(client_for, steering_member, dialogue):
    ProjectTask.objects.create(dialogue=dialogue, title="Längst fällig", due_on=datetime.date(2020, 1, 1))
    html = client_for(steering_member).get(f"/dialoge/{dialogue.pk}/projektplan/").content.decode()
    assert "1 Aufgabe ist überfällig." in html and 'class="overdue"' in html and "<svg" in html


def test_it_rejects_a_circle_of_dependencies_and_a_missing_date(client_for, consultant, dialogue):
    first = ProjectTask.objects.create(dialogue=dialogue, title="A", due_on=datetime.date(2026, 1, 1))
    second = ProjectTask.objects.create(dialogue=dialogue, title="B", due_on=datetime.date(2026, 2, 1))
    second.depends_on.add(first)
    client = client_for(consultant)
    response = client.post(
        f"/dialoge/{dialogue.pk}/projektplan/{first.pk}/bearbeiten/",
        {"title": "A", "due_on": "2026-01-01", "status": "open", "depends_on": [second.pk]},
    )
    assert response.status_code == 422 and "im Kreis" in response.content.decode()
    assert not first.depends_on.exists()
    response = client.post(f"/dialoge/{dialogue.pk}/projektplan/", {"title": "Ohne Datum", "status": "open"})
    assert response.status_code == 422 and "Bitte geben Sie das Fälligkeitsdatum ein." in response.content.decode()


def test_a_steering_member_cannot_change_the_plan(client_for, steering_member, dialogue):
    assert client_for(steering_member).post(f"/dialoge/{dialogue.pk}/projektplan/standardplan/").status_code == 403
    assert not ProjectTask.objects.exists()
