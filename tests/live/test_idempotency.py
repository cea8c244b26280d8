"""Nothing doubled: a write replayed with the same idempotency key returns the first result."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections

from dialogwerk.live import services
from dialogwerk.live.models import Contribution, LiveEvent, Vote


def test_a_replayed_card_returns_the_first_card_unchanged(session, participant, theme):
    first, created = services.contribution_submit(
        session=session,
        participant=participant,
        kind="idea",
        theme_id=theme.pk,
        text="Sprachcafé",
        idempotency_key="k-1",
    )
    again, created_again = services.contribution_submit(
        session=session,
        participant=participant,
        kind="conflict",
        theme_id=theme.pk,
        text="anders",
        idempotency_key="k-1",
    )
    assert created and not created_again
    assert again.pk == first.pk and again.text == "Sprachcafé"
    assert Contribution.objects.count() == 1
    assert LiveEvent.objects.filter(kind="card").count() == 1


def test_the_same_key_from_another_participant_is_another_card(session, join, theme):
    one, _ = join(session, "A")
    two, _ = join(session, "B")
    a, _ = services.contribution_submit(
        session=session, participant=one, kind="idea", theme_id=theme.pk, text="x", idempotency_key="same"
    )
    b, _ = services.contribution_submit(
        session=session, participant=two, kind="idea", theme_id=theme.pk, text="y", idempotency_key="same"
    )
    assert a.pk != b.pk


def test_a_replayed_card_is_returned_even_after_the_session_closed(session, participant, theme, moderator):
    card, _ = services.contribution_submit(
        session=session, participant=participant, kind="idea", theme_id=theme.pk, text="x", idempotency_key="late"
    )
    services.session_control(actor=moderator, session=session, action="close")
    session.refresh_from_db()
    again, created = services.contribution_submit(
        session=session, participant=participant, kind="idea", theme_id=theme.pk, text="x", idempotency_key="late"
    )
    assert again.pk == card.pk and not created


def test_a_replayed_dot_is_placed_once(session, participant, card_of, moderator):
    card = card_of(session, participant)
    services.voting_open(
        actor=moderator, session=session, title="Was ist am wichtigsten?", all_cards=True, budget=3, stacking=True
    )
    services.vote_place(participant=participant, contribution_id=card.pk, idempotency_key="dot-1")
    _vote, created = services.vote_place(participant=participant, contribution_id=card.pk, idempotency_key="dot-1")
    assert not created
    assert Vote.objects.filter(withdrawn_at__isnull=True).count() == 1


@pytest.mark.parametrize("stacking", [True, False])
def test_a_replayed_last_dot_is_answered_with_that_dot_not_a_refusal(
    session, participant, card_of, moderator, stacking
):
    """The phone lost the answer to its last dot and sends it again: the budget is used up (and without
    stacking the card already has its dot), yet the retry is answered with the dot, not 'all dots placed'."""
    cards = [card_of(session, participant) for _ in range(2)]
    services.voting_open(
        actor=moderator, session=session, title="Wichtig?", all_cards=True, budget=2, stacking=stacking
    )
    services.vote_place(participant=participant, contribution_id=cards[0].pk, idempotency_key="d-1")
    last, _ = services.vote_place(participant=participant, contribution_id=cards[1].pk, idempotency_key="d-2")
    again, created = services.vote_place(participant=participant, contribution_id=cards[1].pk, idempotency_key="d-2")
    assert not created and again.pk == last.pk
    assert Vote.objects.filter(withdrawn_at__isnull=True).count() == 2
    with pytest.raises(services.Conflict):  # a new dot is still refused
        services.vote_place(participant=participant, contribution_id=cards[0].pk, idempotency_key="d-3")


def test_a_replayed_dot_after_the_vote_closed_is_answered_with_that_dot(session, participant, card_of, moderator):
    card = card_of(session, participant)
    voting = services.voting_open(actor=moderator, session=session, title="Wichtig?", all_cards=True, budget=3)
    dot, _ = services.vote_place(participant=participant, contribution_id=card.pk, idempotency_key="d-1")
    services.voting_close(actor=moderator, voting=voting)
    again, created = services.vote_place(participant=participant, contribution_id=card.pk, idempotency_key="d-1")
    assert not created and again.pk == dot.pk
    with pytest.raises(services.Conflict):
        services.vote_place(participant=participant, contribution_id=card.pk, idempotency_key="d-2")


def test_a_replayed_card_is_answered_with_the_card_even_if_its_fields_would_now_be_refused(session, participant, theme):
    card, _ = services.contribution_submit(
        session=session, participant=participant, kind="idea", theme_id=theme.pk, text="x", idempotency_key="k"
    )
    other = session.dialogue.themes.exclude(pk=theme.pk).first()
    again, created = services.contribution_submit(
        session=session, participant=participant, kind="idea", theme_id=other.pk + 999, text="x", idempotency_key="k"
    )
    assert again.pk == card.pk and not created
    with pytest.raises(ValidationError):
        services.contribution_submit(
            session=session,
            participant=participant,
            kind="idea",
            theme_id=other.pk + 999,
            text="x",
            idempotency_key="k2",
        )


def test_a_replayed_withdrawal_takes_back_only_one_dot(session, participant, card_of, moderator):
    card = card_of(session, participant)
    services.voting_open(actor=moderator, session=session, title="Wichtig?", all_cards=True, budget=3, stacking=True)
    services.vote_place(participant=participant, contribution_id=card.pk, idempotency_key="a")
    services.vote_place(participant=participant, contribution_id=card.pk, idempotency_key="b")
    assert services.vote_withdraw(participant=participant, contribution_id=card.pk, idempotency_key="w")
    assert not services.vote_withdraw(participant=participant, contribution_id=card.pk, idempotency_key="w")
    assert Vote.objects.filter(withdrawn_at__isnull=True).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_card_sent_from_eight_threads_at_once_is_stored_once(session, participant, theme):
    barrier = threading.Barrier(8)
    results, errors = [], []

    def send():
        try:
            barrier.wait()
            card, created = services.contribution_submit(
                session=session,
                participant=participant,
                kind="idea",
                theme_id=theme.pk,
                text="Patenschaften",
                idempotency_key="race",
            )
            results.append((card.pk, created))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert len({pk for pk, _ in results}) == 1
    assert sum(created for _, created in results) == 1
    assert Contribution.objects.filter(session=session).count() == 1
