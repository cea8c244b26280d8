"""The reads every live write makes are compiled once (core.compiled_query): they must find exactly what the
ORM finds, with the same values (times, booleans, JSON on either database), and a real query each time."""

import threading

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dialogwerk.core.compiled_query import CompiledQuery
from dialogwerk.live import selectors, services
from dialogwerk.live.codes import token_digest
from dialogwerk.live.models import Participant, Session

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
