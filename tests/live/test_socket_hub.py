"""One subscription per process and session (the hub): every socket of the process still gets every event,
also when other sockets of the same session come and go, and a phone that stopped taking events holds back
nobody else."""

import asyncio

import pytest
from channels.db import database_sync_to_async

from dialogwerk.live import consumers
from tests.live.sockets import receive_events, run, screen, write

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_socket_gets_each_event_once_while_others_come_and_go(session, participant):
    async def scenario():
        wall, phone, late = screen(session.code), screen(session.code), screen(session.code)
        assert (await wall.connect())[0] and (await phone.connect())[0]
        first = await database_sync_to_async(write)(session, participant, "Erste Karte")
        got = [
            (await wall.receive_json_from(timeout=5))["data"]["id"],
            (await phone.receive_json_from(timeout=5))["data"]["id"],
        ]
        await phone.disconnect()  # one socket leaves: the other keeps the subscription
        assert (await late.connect())[0]
        second = await database_sync_to_async(write)(session, participant, "Zweite Karte")
        got += [
            (await wall.receive_json_from(timeout=5))["data"]["id"],
            (await late.receive_json_from(timeout=5))["data"]["id"],
        ]
        nothing_more = await wall.receive_nothing(timeout=0.3) and await late.receive_nothing(timeout=0.3)
        await wall.disconnect()
        await late.disconnect()
        return first.pk, second.pk, got, nothing_more

    first, second, got, nothing_more = run(scenario)
    assert got == [first, first, second, second]
    assert nothing_more  # no event twice


def test_after_the_last_socket_left_a_new_one_subscribes_again(session, participant):
    async def scenario():
        first = screen(session.code)
        assert (await first.connect())[0]
        await first.disconnect()
        hubs_left = [hub for hub in consumers.hubs_of_this_loop().values() if hub.session_id == session.pk]
        again = screen(session.code)
        assert (await again.connect())[0]
        card = await database_sync_to_async(write)(session, participant, "Nach dem Neuverbinden")
        event = await again.receive_json_from(timeout=5)
        await again.disconnect()
        return hubs_left, card.pk, event

    hubs_left, card_id, event = run(scenario)
    assert hubs_left == []
    assert event["kind"] == "card" and event["data"]["id"] == card_id


def test_a_phone_that_stopped_taking_events_does_not_hold_back_the_wall(session, participant):
    async def scenario():
        wall, phone = screen(session.code), screen(session.code, "phone=1")
        assert (await wall.connect())[0] and (await phone.connect())[0]
        hub = next(hub for hub in consumers.hubs_of_this_loop().values() if hub.session_id == session.pk)
        stuck = next(screen for screen in hub.screens if screen.scope["query_string"] == b"phone=1")
        never = asyncio.Event()

        async def send_never_returns(message):  # a phone whose network vanished: the TCP buffer never drains
            await never.wait()

        stuck.base_send = send_never_returns
        cards = [await database_sync_to_async(write)(session, participant, f"Karte {i}") for i in range(3)]
        seen = [event["data"]["id"] for event in await receive_events(wall, len(cards))]
        never.set()
        await wall.disconnect()
        await phone.disconnect()
        return [card.pk for card in cards], seen

    cards, seen = run(scenario)
    assert seen == cards
