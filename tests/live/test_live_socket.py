"""The live socket: screens get new cards and steps, and catch up on what they missed after a reconnect."""

import pytest
from channels.db import database_sync_to_async

from dialogwerk.live import services
from tests.live.sockets import receive_events, run, screen, write

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_unknown_code_is_refused():
    async def scenario():
        socket = screen("NOPE99")
        connected, _code = await socket.connect()
        await socket.disconnect()
        return connected

    assert run(scenario) is False


def test_a_new_card_reaches_a_connected_wall(session, participant):
    async def scenario():
        socket = screen(session.code)
        connected, _ = await socket.connect()
        assert connected
        card = await database_sync_to_async(write)(session, participant, "Mehr Sprachkurse am Abend")
        event = await socket.receive_json_from(timeout=5)
        await socket.disconnect()
        return card, event

    card, event = run(scenario)
    assert (
        event["kind"] == "card"
        and event["data"]["id"] == card.pk
        and event["data"]["text"] == "Mehr Sprachkurse am Abend"
    )
    assert isinstance(event["id"], int)


def test_a_reconnecting_wall_gets_what_it_missed_then_carries_on(session, participant):
    first = write(session, participant, "vorher")
    seen = session.events.get(payload__id=first.pk).seq
    missed = [write(session, participant, f"verpasst {i}") for i in range(3)]

    async def scenario():
        socket = screen(session.code, f"since={seen}")
        connected, _ = await socket.connect()
        assert connected
        replayed = await receive_events(socket, 4)
        later = await database_sync_to_async(write)(session, participant, "danach")
        live = await socket.receive_json_from(timeout=5)
        await socket.disconnect()
        return replayed, later, live

    replayed, later, live = run(scenario)
    assert [e["data"]["id"] for e in replayed[:3]] == [card.pk for card in missed]
    assert replayed[3] == {"kind": "caught_up", "id": replayed[2]["id"]}
    assert live["data"]["id"] == later.pk


def test_the_catch_up_can_also_be_asked_for_after_connecting(session, participant):
    card = write(session, participant, "schon da")

    async def scenario():
        socket = screen(session.code)
        await socket.connect()
        await socket.send_json_to({"type": "since", "id": 0})
        replayed, caught_up = await receive_events(socket, 2)
        await socket.disconnect()
        return replayed, caught_up

    replayed, caught_up = run(scenario)
    assert replayed["data"]["id"] == card.pk and caught_up["kind"] == "caught_up"


def test_hiding_a_card_tells_every_screen_without_repeating_its_words(session, participant, moderator):
    card = write(session, participant, "etwas Verletzendes")

    async def scenario():
        socket = screen(session.code)
        await socket.connect()
        await database_sync_to_async(services.contribution_hide)(
            actor=moderator, contribution=card, reason="verletzend"
        )
        event = await socket.receive_json_from(timeout=5)
        await socket.disconnect()
        return event

    event = run(scenario)
    assert event["kind"] == "card" and event["data"]["visible"] is False and "text" not in event["data"]


def test_every_screen_follows_the_moderators_step(session, moderator):
    async def scenario():
        socket = screen(session.code)
        await socket.connect()
        await database_sync_to_async(services.session_control)(actor=moderator, session=session, action="start")
        started = await socket.receive_json_from(timeout=5)
        await database_sync_to_async(services.session_control)(actor=moderator, session=session, action="next")
        advanced = await socket.receive_json_from(timeout=5)
        await socket.disconnect()
        return started, advanced

    started, advanced = run(scenario)
    assert started["kind"] == "session" and started["data"]["status"] == "running"
    assert started["data"]["current_step"]["remaining_seconds"] > 0
    assert advanced["data"]["current_step"]["index"] == 1 and advanced["data"]["current_step"]["title"] == "Runde 2"
