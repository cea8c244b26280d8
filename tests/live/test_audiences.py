"""Each screen gets what it shows: phones the step and the votes, walls every card and the dot tallies.

A phone's events name the phone event before them, so a phone that missed one asks for exactly that range;
dots are coalesced into tally snapshots for the walls instead of one event per dot."""

import asyncio
import json

import pytest
from channels.db import database_sync_to_async

from dialogwerk.live import consumers, services
from dialogwerk.live.models import LiveEvent
from tests.live.sockets import receive_events, run, screen, write

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_phone_gets_the_step_and_the_vote_but_not_the_cards_and_dots_of_others(session, participant, moderator):
    def room():
        services.session_control(actor=moderator, session=session, action="start")
        write(session, participant, "Eine Karte für die Wand")
        voting = services.voting_open(
            actor=moderator, session=session, title="Was ist am wichtigsten?", all_cards=True, budget=3
        )
        card = write(session, participant, "Noch eine Karte")  # joins the open vote: the phones hear the new count
        services.vote_place(participant=participant, contribution_id=card.pk, idempotency_key="dot-1")
        return voting

    async def scenario():
        wall, phone = screen(session.code), screen(session.code, "for=phone")
        assert (await wall.connect())[0] and (await phone.connect())[0]
        voting = await database_sync_to_async(room)()
        on_phone = await receive_events(phone, 3)  # step, vote opened, and how many options there are now
        await database_sync_to_async(services.voting_close)(actor=moderator, voting=voting)
        on_phone += await receive_events(phone, 1)
        # The wall: step, card, vote opened, card, the tally snapshot after the dot, vote closed (and, as the
        # ranking was live, the closing tally).
        on_wall = await receive_events(wall, 7)
        nothing_more = await phone.receive_nothing(timeout=0.5) and await wall.receive_nothing(timeout=0.3)
        await wall.disconnect()
        await phone.disconnect()
        return on_wall, on_phone, nothing_more

    on_wall, on_phone, nothing_more = run(scenario)
    numbered = [e for e in on_phone if "id" in e]
    assert [e["kind"] for e in numbered] == ["session", "vote.opened", "vote.closed"] and nothing_more
    notice = next(e for e in on_phone if e["kind"] == "options")
    assert notice["data"]["total"] == 2  # both cards are options of the vote over all cards; no card itself
    assert [e["kind"] for e in on_wall if e["kind"] != "tally"] == [
        "session",
        "card",
        "vote.opened",
        "card",
        "vote.closed",
    ]
    tally = next(e for e in on_wall if e["kind"] == "tally")
    assert tally["data"]["total_dots"] == 1 and [place["dots"] for place in tally["data"]["top"]] == [1]
    # Each phone event names the one before it: the phone sees no gap where the walls' cards went.
    started, opened, closed = numbered
    assert opened["id"] - started["id"] == 2 and opened["prev"] == started["id"]
    assert closed["id"] - opened["id"] == 2 and closed["prev"] == opened["id"]
    # No event per dot is stored: the dot is one row, the tally a snapshot.
    assert not LiveEvent.objects.filter(session=session, kind="vote").exists()


def test_a_phone_that_missed_an_event_asks_for_exactly_that_range(session, moderator, participant):
    services.session_control(actor=moderator, session=session, action="start")
    write(session, participant, "nur für die Wand")
    services.session_control(actor=moderator, session=session, action="next")
    services.session_control(actor=moderator, session=session, action="pause")
    started, _card, advanced, paused = LiveEvent.objects.filter(session=session).order_by("seq")

    async def scenario():
        phone = screen(session.code, "for=phone")
        assert (await phone.connect())[0]
        await phone.send_json_to({"type": "since", "id": started.seq, "until": advanced.seq})
        replayed = await receive_events(phone, 2)
        await phone.disconnect()
        return replayed

    replayed = run(scenario)
    assert [e["id"] for e in replayed] == [advanced.seq, advanced.seq]  # the missing event, then caught_up
    assert replayed[0]["kind"] == "session" and replayed[0]["prev"] == started.seq
    assert replayed[1] == {"kind": "caught_up", "id": advanced.seq}
    assert paused.seq > advanced.seq  # the later one was not resent


def test_a_wall_that_connects_gets_the_current_tally(session, participant, moderator):
    voting = services.voting_open(actor=moderator, session=session, title="Punkte", all_cards=True, budget=3)
    cards = [write(session, participant, f"Karte {i}") for i in range(2)]
    services.vote_place(participant=participant, contribution_id=cards[1].pk, idempotency_key="d1")
    last = LiveEvent.objects.order_by("-seq").values_list("seq", flat=True).first()

    async def scenario():
        wall = screen(session.code, f"since={last}")
        assert (await wall.connect())[0]
        caught_up = await wall.receive_json_from(timeout=5)
        tally = await wall.receive_json_from(timeout=5)
        await wall.disconnect()
        return caught_up, tally

    caught_up, tally = run(scenario)
    assert caught_up == [{"kind": "caught_up", "id": last}]
    assert tally["kind"] == "tally" and tally["data"]["voting"] == voting.pk
    assert [(p["id"], p["dots"], p["text"]) for p in tally["data"]["top"]] == [(cards[1].pk, 1, "Karte 1")] and tally[
        "data"
    ]["total_dots"] == 1


def test_what_queued_up_for_a_slow_screen_goes_out_in_one_frame(session, participant):
    async def scenario():
        wall = screen(session.code)
        assert (await wall.connect())[0]
        hub = next(hub for hub in consumers.hubs_of_this_loop().values() if hub.session_id == session.pk)
        consumer = next(iter(hub.screens))
        released = asyncio.Event()
        real_send = consumer.base_send

        async def slow_send(message):  # a phone on poor wifi: its first send takes a while
            await released.wait()
            await real_send(message)

        consumer.base_send = slow_send
        cards = await database_sync_to_async(lambda: [write(session, participant, f"Schnell {i}") for i in range(20)])()
        for _ in range(100):  # until every card reached the socket's queue (with Redis that takes a moment)
            if consumer.outbox.qsize() >= 19:
                break
            await asyncio.sleep(0.05)
        released.set()
        frames = []
        while sum(len(f) if isinstance(f, list) else 1 for f in frames) < 20:
            frames.append(await wall.receive_json_from(timeout=5))
        await wall.disconnect()
        return [card.pk for card in cards], frames

    cards, frames = run(scenario)
    events = [e for frame in frames for e in (frame if isinstance(frame, list) else [frame])]
    assert [e["data"]["id"] for e in events] == cards  # all of them, in order
    # Batched, not one frame per card: the one under way when the network stalled (if the sender had taken
    # one before all queued up), then everything else at once.
    assert len(frames) <= 2


class Phone:
    """A phone socket as the hub sees it: what it was handed."""

    phone = True

    def __init__(self):
        self.texts = []

    def deliver(self, seq, text):
        self.texts.append(text)


def test_a_process_with_many_phones_tells_them_of_new_options_less_often(session, participant, moderator):
    services.voting_open(actor=moderator, session=session, title="Was zuerst?", all_cards=True, budget=3)
    write(session, participant, "Eine erste Karte")
    phones = [Phone() for _ in range(250)]

    async def scenario():
        hub = consumers.Hub(layer=None, session_id=session.pk, hubs={})
        hub.screens.update(phones)
        hub._options_changed()  # the first card event: the phones hear at once
        while hub.options_due is not None:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.2)
        await database_sync_to_async(write)(session, participant, "Eine zweite Karte")
        hub._options_changed()
        spacing = hub.options_due.when() - hub.options_sent_at
        hub.options_due.cancel()
        return spacing

    spacing = run(scenario)
    assert {len(phone.texts) for phone in phones} == {1}
    assert json.loads(phones[0].texts[0])["data"]["total"] == 1
    # 250 phones on this process: at most OPTIONS_NOTICES_PER_SECOND frames a second, so 2.5 s apart, not 2.
    assert spacing == pytest.approx(250 / consumers.OPTIONS_NOTICES_PER_SECOND, abs=0.05)
