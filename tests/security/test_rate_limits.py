"""Counting in the cache: per key, per window, with a German message and a Retry-After."""

import json

import pytest

from dialogwerk.core import ratelimit


@pytest.fixture
def tight(settings):
    settings.RATE_LIMITS = {"live.card": "2/m", "live.card.session": "3/m", "live.join": "2/m"}


class Obj:
    def __init__(self, pk):
        self.pk = pk


def test_it_lets_the_limit_pass_and_refuses_the_next_hit(tight):
    ratelimit.hit("live.card", "participant:1", now=1000.0)
    ratelimit.hit("live.card", "participant:1", now=1001.0)
    with pytest.raises(ratelimit.RateLimited) as refused:
        ratelimit.hit("live.card", "participant:1", now=1002.0)
    assert refused.value.retry_after == 18  # the window 960–1020 ends in 18 s


def test_each_key_has_its_own_count(tight):
    ratelimit.hit("live.card", "participant:1", now=0.0)
    ratelimit.hit("live.card", "participant:1", now=0.0)
    ratelimit.hit("live.card", "participant:2", now=0.0)  # another participant is not affected


def test_a_new_window_starts_a_new_count(tight):
    ratelimit.hit("live.card", "participant:1", now=0.0)
    ratelimit.hit("live.card", "participant:1", now=0.0)
    ratelimit.hit("live.card", "participant:1", now=60.0)


def test_live_limits_count_per_participant_and_per_session(tight):
    session = Obj(7)
    for pk in (1, 2, 3):
        ratelimit.hit_live("card", session=session, participant=Obj(pk), now=0.0)
    with pytest.raises(ratelimit.RateLimited):  # a fourth participant: the session's limit of 3 is reached
        ratelimit.hit_live("card", session=session, participant=Obj(4), now=0.0)


def test_joining_counts_per_session_without_a_participant(tight):
    session = Obj(8)
    ratelimit.hit_live("join", session=session, now=0.0)
    ratelimit.hit_live("join", session=session, now=0.0)
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.hit_live("join", session=session, now=0.0)


def test_the_message_is_german_and_says_how_long_to_wait(tight):
    error = ratelimit.RateLimited("live.card", 30)
    assert (
        error.message
        == "Zu viele Versuche in kurzer Zeit. Bitte warten Sie 30 Sekunden und versuchen Sie es dann erneut."
    )
    assert "15 Minuten" in ratelimit.RateLimited("login.account", 900).message


def test_limits_can_be_switched_off(settings, tight):
    settings.RATE_LIMITS_ENABLED = False
    for _ in range(5):
        ratelimit.hit("live.card", "participant:1", now=0.0)


def test_an_unknown_limit_name_is_a_programming_error():
    with pytest.raises(KeyError):
        ratelimit.hit("no.such.limit", "x")


def test_the_view_decorator_answers_429_with_retry_after(rf, tight):
    @ratelimit.rate_limit("live.join", key=lambda request, code: f"session:{code}")
    def view(request, code):
        from django.http import HttpResponse

        return HttpResponse("ok")

    assert view(rf.get("/"), "ABC").status_code == 200
    assert view(rf.get("/"), "ABC").status_code == 200
    refused = view(rf.get("/", HTTP_ACCEPT="application/json"), "ABC")
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert "Zu viele Versuche" in json.loads(refused.content)["detail"]


def test_a_participant_over_their_own_limit_does_not_use_up_the_halls(tight):
    session = Obj(9)
    for _ in range(2):
        ratelimit.hit_live("card", session=session, participant=Obj(1), now=0.0)
    for _ in range(3):  # refused: over the participant's 2 a minute
        with pytest.raises(ratelimit.RateLimited) as refused:
            ratelimit.hit_live("card", session=session, participant=Obj(1), now=1.0)
        assert refused.value.name == "live.card"
    # The hall's limit of 3 still has room for one more person.
    ratelimit.hit_live("card", session=session, participant=Obj(2), now=2.0)
    with pytest.raises(ratelimit.RateLimited) as refused:
        ratelimit.hit_live("card", session=session, participant=Obj(3), now=3.0)
    assert refused.value.name == "live.card.session"
