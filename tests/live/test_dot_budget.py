"""The dot budget: a third of the options by default, never exceeded, also under concurrent requests."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections
from django.utils.translation import gettext

from dialogwerk.live import services, tally
from dialogwerk.live.models import Vote
from dialogwerk.live.services import Conflict


@pytest.mark.parametrize(("options", "budget"), [(0, 1), (1, 1), (3, 1), (4, 2), (9, 3), (10, 4), (30, 10)])
def test_the_default_budget_is_a_third_of_the_options_rounded_up(options, budget):
    assert tally.default_budget(options) == budget


def test_the_ranking_shares_ranks_on_ties_and_keeps_the_option_order():
    places = tally.ranking(["b", "a", "b", "c", "a"], ["a", "b", "c", "d"])
    assert [(p.option, p.dots, p.rank) for p in places] == [("a", 2, 1), ("b", 2, 1), ("c", 1, 3), ("d", 0, 4)]


def test_opening_a_vote_without_a_budget_uses_the_default(session, participant, card_of, moderator):
    cards = [card_of(session, participant, f"Karte {i}") for i in range(7)]
    voting = services.voting_open(actor=moderator, session=session, title="Prioritäten", options=cards)
    assert voting.budget == 3


def test_it_rejects_a_dot_over_budget(session, participant, card_of, moderator):
    cards = [card_of(session, participant, f"Karte {i}") for i in range(3)]
    services.voting_open(actor=moderator, session=session, title="Prioritäten", options=cards, budget=2)
    services.vote_place(participant=participant, contribution_id=cards[0].pk)
    services.vote_place(participant=participant, contribution_id=cards[1].pk)
    with pytest.raises(Conflict):
        services.vote_place(participant=participant, contribution_id=cards[2].pk)
    services.vote_withdraw(participant=participant, contribution_id=cards[0].pk)
    services.vote_place(participant=participant, contribution_id=cards[2].pk)
    assert Vote.objects.filter(withdrawn_at__isnull=True).count() == 2


def test_without_stacking_a_card_takes_one_dot_per_person(session, participant, card_of, moderator):
    card = card_of(session, participant)
    services.voting_open(actor=moderator, session=session, title="x", all_cards=True, budget=5, stacking=False)
    services.vote_place(participant=participant, contribution_id=card.pk)
    with pytest.raises(Conflict) as refused:
        services.vote_place(participant=participant, contribution_id=card.pk)
    # It says why (not "all your dots are placed": four are left).
    assert refused.value.message == gettext(
        "You already have a dot on this card; in this vote each card takes one dot from you."
    )
    assert Vote.objects.filter(participant=participant).count() == 1


def test_a_card_outside_the_vote_is_refused(session, participant, card_of, moderator):
    chosen, other = card_of(session, participant, "A"), card_of(session, participant, "B")
    services.voting_open(actor=moderator, session=session, title="x", options=[chosen], budget=1)
    with pytest.raises(ValidationError):
        services.vote_place(participant=participant, contribution_id=other.pk)


def test_no_dot_without_an_open_vote(session, participant, card_of):
    card = card_of(session, participant)
    with pytest.raises(Conflict):
        services.vote_place(participant=participant, contribution_id=card.pk)


@pytest.mark.django_db(transaction=True)
def test_the_budget_holds_when_twelve_dots_arrive_at_once(session, participant, card_of, moderator):
    cards = [card_of(session, participant, f"Karte {i}") for i in range(12)]
    services.voting_open(actor=moderator, session=session, title="x", all_cards=True, budget=4, stacking=False)
    barrier = threading.Barrier(12)
    outcomes = []

    def place(card):
        try:
            barrier.wait()
            services.vote_place(participant=participant, contribution_id=card.pk, idempotency_key=f"k{card.pk}")
            outcomes.append("placed")
        except Conflict:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001
            outcomes.append(repr(error))
        finally:
            close_old_connections()

    threads = [threading.Thread(target=place, args=(card,)) for card in cards]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["placed"] * 4 + ["refused"] * 8
    assert Vote.objects.filter(participant=participant, withdrawn_at__isnull=True).count() == 4


@pytest.mark.django_db(transaction=True)
def test_stacked_dots_on_one_card_from_many_threads_stop_at_the_budget(session, participant, card_of, moderator):
    card = card_of(session, participant)
    services.voting_open(actor=moderator, session=session, title="x", all_cards=True, budget=3, stacking=True)
    barrier = threading.Barrier(8)
    outcomes = []

    def place(index):
        try:
            barrier.wait()
            services.vote_place(participant=participant, contribution_id=card.pk, idempotency_key=f"s{index}")
            outcomes.append("placed")
        except Conflict:
            outcomes.append("refused")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=place, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("placed") == 3
    assert Vote.objects.filter(contribution=card, withdrawn_at__isnull=True).count() == 3
