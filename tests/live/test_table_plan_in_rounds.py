"""World-Café rounds follow the table plan: the phone names this round's table, the console lists who sits
where, and a participant's card gets the table of their seat."""

from html import escape

import pytest

from dialogwerk.live import seating_link, services
from dialogwerk.live.models import Contribution
from dialogwerk.seating.models import SeatingAssignment, SeatingPerson, SeatingPlan, TableTheme


@pytest.fixture
def plan(session, participant, join):
    """Two rounds at two tables: Amal (the participant) sits at table 2, then table 1; Ben hosts table 1."""
    themes = list(session.dialogue.themes.order_by("position")[:2])
    plan = SeatingPlan.objects.create(session=session, rounds=2, table_count=2, table_size=2)
    TableTheme.objects.create(plan=plan, table_number=1, theme=themes[0])
    TableTheme.objects.create(plan=plan, table_number=2, theme=themes[1])
    amal = SeatingPerson.objects.create(plan=plan, name="Amal", participant=participant, position=0)
    ben = SeatingPerson.objects.create(plan=plan, name="Ben Host", is_host=True, host_table=1, position=1)
    cem = SeatingPerson.objects.create(plan=plan, name="Cem", position=2)
    for person, tables in [(amal, [2, 1]), (ben, [1, 1]), (cem, [1, 2])]:
        for round_index, table in enumerate(tables):
            SeatingAssignment.objects.create(plan=plan, person=person, round_index=round_index, table_number=table)
    return plan


def test_the_phone_names_the_table_of_the_current_round(client, session, participant_and_token, plan, moderator):
    participant, token = participant_and_token
    participant.language = "de"  # German, to read the labels
    participant.save()
    client.cookies["dwlive_" + session.code] = token
    client.cookies["django_language"] = "de"
    services.session_control(actor=moderator, session=session, action="start")
    page = client.get(f"/j/{session.code}/live/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    theme = escape(session.dialogue.themes.order_by("position")[1].name)
    assert f'Runde 1: Tisch 2 – <span lang="de" dir="auto">{theme}</span>' in page  # the theme marked German
    services.session_control(actor=moderator, session=session, action="next")
    page = client.get(f"/j/{session.code}/live/").content.decode()
    assert "live-seat-now" in page and "Runde 2: Tisch 1" in page.split('class="live-seat-now"')[1][:200]


def test_the_console_shows_who_sits_at_which_table_this_round(client_for, moderator, session, plan):
    services.session_control(actor=moderator, session=session, action="start")
    page = client_for(moderator).get(f"/veranstaltungen/{session.pk}/").content.decode()
    section = page.split('id="console-tables"')[1].split("</section>")[0]
    assert "Runde 1" in section
    table_1, table_2 = section.split("Tisch 1")[1].split("Tisch 2")
    assert "Ben Host" in table_1 and "Cem" in table_1 and "Amal" in table_2


def test_a_participants_card_gets_the_table_of_their_seat(session, participant, plan, moderator, card_of):
    services.session_control(actor=moderator, session=session, action="start")
    first = card_of(session, participant, "In Runde 1")
    services.session_control(actor=moderator, session=session, action="next")
    session.refresh_from_db()
    second = card_of(session, participant, "In Runde 2")
    assert (first.table.number, second.table.number) == (2, 1)


def test_without_a_plan_or_outside_a_round_a_card_has_no_table(session, participant, moderator, card_of, join):
    card = card_of(session, participant, "Vor dem Start, ohne Plan")
    assert card.table is None
    other, _token = join(session, "Unbekannt")
    services.session_control(actor=moderator, session=session, action="start")
    assert card_of(session, other, "Nicht im Plan").table is None


def test_a_card_over_the_api_gets_the_table_too(client, session, participant_and_token, plan, moderator, theme):
    _participant, token = participant_and_token
    services.session_control(actor=moderator, session=session, action="start")
    response = client.post(
        f"/api/v1/live/{session.code}/contributions",
        {"kind": "idea", "theme": theme.pk, "text": "Tischkarte"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_IDEMPOTENCY_KEY="k-1",
    )
    assert response.status_code == 201
    assert Contribution.objects.get(pk=response.json()["id"]).table.number == 2


def test_the_round_counts_only_round_steps(session, moderator):
    steps = list(session.steps.all())
    assert seating_link.round_index(session=session, steps=steps) == 0
