"""A session takes its steps from the dialogue's agenda: rounds stay rounds, Zukunftswerkstatt items become
phases, breaks stay as steps; the agenda's World-Café tables become the session's tables."""

import re

from dialogwerk.design import services as design
from dialogwerk.design.models import Method as DesignMethod
from dialogwerk.live import agenda_steps
from dialogwerk.live.agenda_steps import AgendaRow
from dialogwerk.live.models import Method, Session


def test_rounds_phases_breaks_and_steps_map_as_documented():
    steps = agenda_steps.steps_from_agenda(
        [
            AgendaRow("Ankommen", "step", 15),
            AgendaRow("Kritikphase", "step", 45, method_key="future_workshop", method_step="Was stört?"),
            AgendaRow("Kaffeepause", "break", 20, method_key="future_workshop"),
            AgendaRow("Tischrunde 1", "round", 25, method_key="world_cafe"),
            AgendaRow("  ", "step", 5),
        ]
    )
    assert [(s.kind, s.title, s.prompt, s.minutes) for s in steps] == [
        ("step", "Ankommen", "", 15),
        ("phase", "Kritikphase", "Was stört?", 45),
        ("step", "Kaffeepause", "", 20),
        ("round", "Tischrunde 1", "", 25),
    ]
    assert agenda_steps.method_of(steps) == "world_cafe"
    assert agenda_steps.method_of(steps[:3]) == "future_workshop"
    assert agenda_steps.method_of(steps[:1]) == "steps"


def _world_cafe_agenda(dialogue, consultant):
    cafe = DesignMethod.objects.get(key="world_cafe")
    design.agenda_item_create(actor=consultant, dialogue=dialogue, title="Begrüßung", duration_minutes=15)
    first = design.agenda_item_create(
        actor=consultant, dialogue=dialogue, title="Runde 1", kind="round", duration_minutes=25, method=cafe
    )
    design.agenda_item_create(actor=consultant, dialogue=dialogue, title="Pause", kind="break", duration_minutes=10)
    design.agenda_item_create(
        actor=consultant, dialogue=dialogue, title="Runde 2", kind="round", duration_minutes=30, method=cafe
    )
    return first


def test_the_form_takes_the_agenda_by_default_when_one_exists(client_for, moderator, consultant, dialogue):
    _world_cafe_agenda(dialogue, consultant)
    client = client_for(moderator)
    page = client.get(f"/dialoge/{dialogue.pk}/live/").content.decode()
    assert re.search(r'<input[^>]*name="steps_from"[^>]*value="agenda"[^>]*checked', page)
    response = client.post(
        f"/dialoge/{dialogue.pk}/live/",
        {"title": "Abend", "steps_from": "agenda", "method": "steps", "rounds": 3, "round_minutes": 20},
    )
    session = Session.objects.get()
    assert response.status_code == 302
    assert session.method == Method.WORLD_CAFE
    assert list(session.steps.values_list("kind", "title", "duration_minutes")) == [
        ("step", "Begrüßung", 15),
        ("round", "Runde 1", 25),
        ("step", "Pause", 10),
        ("round", "Runde 2", 30),
    ]


def test_the_typed_list_stays_an_alternative(client_for, moderator, consultant, dialogue):
    _world_cafe_agenda(dialogue, consultant)
    client_for(moderator).post(
        f"/dialoge/{dialogue.pk}/live/",
        {
            "title": "Abend",
            "steps_from": "method",
            "method": "steps",
            "rounds": 3,
            "round_minutes": 20,
            "steps_text": "Plenum; 30",
        },
    )
    assert list(Session.objects.get().steps.values_list("title", "duration_minutes")) == [("Plenum", 30)]


def test_without_an_agenda_the_form_offers_only_the_method(client_for, moderator, dialogue):
    page = client_for(moderator).get(f"/dialoge/{dialogue.pk}/live/").content.decode()
    assert 'value="agenda"' not in page


def test_an_empty_agenda_is_refused_with_a_message(moderator, dialogue):
    import pytest
    from django.core.exceptions import ValidationError

    from dialogwerk.live import services

    with pytest.raises(ValidationError) as refused:
        services.session_create(actor=moderator, dialogue=dialogue, title="Abend", steps_from="agenda")
    assert "steps_from" in refused.value.message_dict and Session.objects.count() == 0


def test_the_agendas_world_cafe_tables_become_the_sessions_tables(moderator, consultant, dialogue):
    from dialogwerk.live import services

    first = _world_cafe_agenda(dialogue, consultant)
    themes = list(dialogue.themes.order_by("position")[:2])
    design.cafe_tables_set(
        actor=consultant, item=first, tables=[(themes[0], "Frau Yilmaz"), (themes[1], ""), (None, "Herr Berg")]
    )
    session = services.session_create(actor=moderator, dialogue=dialogue, title="Abend", steps_from="agenda")
    assert [(t.number, t.theme_id, t.host_name) for t in session.tables.all()] == [
        (1, themes[0].pk, "Frau Yilmaz"),
        (2, themes[1].pk, ""),
        (3, None, "Herr Berg"),
    ]
