"""The reads every live write makes are compiled once (core.compiled_query): they must find exactly what the
ORM finds, with the same values (times, booleans, JSON on either database), and a real query each time."""

import threading

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from dialogwerk.core.compiled_query import CompiledQuery, insert_row
from dialogwerk.live import selectors, services
from dialogwerk.live.codes import token_digest
from dialogwerk.live.models import Participant, Session, Vote

pytestmark = pytest.mark.django_db


def fields_of(obj) -> dict:
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def test_the_participant_behind_a_token_is_the_one_the_orm_finds_with_its_session(session, join):
    participant, token = join(session, "Amal", "ar")
    other, other_token = join(session, "Olena", "uk")

    found = selectors.participant_for_token(token=token)
    expected = Participant.objects.select_related("session").get(token_hash=token_digest(token))

    assert fields_of(found) == fields_of(expected) and found.display_name == "Amal"
    with CaptureQueriesContext(connection) as queries:
        assert fields_of(found.session) == fields_of(expected.session)  # came with the participant
        assert found.session.accepts_writes == expected.session.accepts_writes
    assert len(queries) == 0
    assert selectors.participant_for_token(token=other_token).pk == other.pk
    assert selectors.participant_for_token(token="not a token") is None


def test_each_call_asks_the_database_again(session, join, moderator):
    participant, token = join(session, "Amal", "ar")
    assert selectors.participant_for_token(token=token).session.status == session.status
    Session.objects.filter(pk=session.pk).update(status="closed")
    assert selectors.participant_for_token(token=token).session.status == "closed"
    assert selectors.open_voting(session=session) is None
    voting = services.voting_open(actor=moderator, session=session, title="Punkte", all_cards=True, budget=3)
    assert selectors.open_voting(session=session).pk == voting.pk


def test_a_thread_of_its_own_uses_its_own_connection(transactional_db, session, join):
    participant, token = join(session, "Amal", "de")
    found = []

    def read():
        found.append(selectors.participant_for_token(token=token).pk)
        connection.close()

    reader = threading.Thread(target=read)
    reader.start()
    reader.join()
    assert found == [participant.pk] == [selectors.participant_for_token(token=token).pk]


def test_a_sample_value_that_is_not_a_parameter_of_its_own_is_refused(db):
    twice = CompiledQuery(lambda pk: Participant.objects.filter(pk=pk, session_id=pk), -1)
    with pytest.raises(ImproperlyConfigured):
        twice.rows(3)


def test_a_dot_is_stored_as_the_orm_would_store_it_and_its_slot_still_guarded(session, join, moderator):
    participant, _token = join(session, "Amal", "ar")
    card, _ = services.contribution_submit(
        session=session, participant=participant, kind="idea", theme_id=session.dialogue.themes.first().pk, text="Café"
    )
    voting = services.voting_open(actor=moderator, session=session, title="Punkte", all_cards=True, budget=3)

    dot, created = services.vote_place(participant=participant, contribution_id=card.pk, idempotency_key="k1")

    stored = Vote.objects.get(pk=dot.pk)
    assert created and fields_of(stored) == fields_of(dot)
    assert (stored.voting_id, stored.contribution_id, stored.slot, stored.idempotency_key) == (
        voting.pk,
        card.pk,
        0,
        "k1",
    )
    assert stored.created_at is not None and stored.withdrawn_at is None and stored.cluster_id is None
    # The database still refuses a second active dot in the same slot (what holds the budget under races).
    twin = Vote(voting=voting, participant=participant, contribution=card, slot=0, stack=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_row(twin)
    assert Vote.objects.filter(voting=voting).count() == 1
