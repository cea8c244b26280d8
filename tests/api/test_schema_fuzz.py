"""Schemathesis against our own OpenAPI schema, in-process: no 5xx, and every answer matches the schema.

Bounded and repeatable: at most 25 derandomised examples per operation and caller. Callers: a staff token
(read-write, a consultant), a participant token of a live session, and nobody. Path parameters are
pointed at real objects half of the time (a random id only ever finds 404), so bodies and queries are
fuzzed against existing dialogues, themes, municipalities and sessions.
"""

import datetime
import json
import zlib
from decimal import Decimal

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.test import Client as WsgiClient

from dialogwerk.apitokens.models import Scope
from dialogwerk.apitokens.services import token_create
from dialogwerk.live import services as live_services
from dialogwerk.live.models import Method
from dialogwerk.tenancy.models import Membership

# Operations left out, each for a reason in code outside this suite; remove a line once it is fixed.
KNOWN_GAPS: list[tuple[str, str]] = []

wsgi_app = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
# Examples and fuzzing, bounded by max_examples; the coverage phase adds hundreds of boundary cases per
# operation without a bound, which would take minutes.
schema.config.phases.update(phases=["examples", "fuzzing"])
for method, path in KNOWN_GAPS:
    schema = schema.exclude(method=method, path=path)

# positive_data_acceptance is left out on purpose: valid-looking input meets business rules (a theme name
# twice, an end before the start: 422) and random ids (404); the other checks hold for every answer.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
FUZZ = settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


@pytest.fixture
def in_process(settings):
    """Requests run in this thread inside the test's transaction: keep Django from closing the connection
    after each one (as its test client does), and switch rate limits off (they are tested on their own)."""
    settings.RATE_LIMITS_ENABLED = False
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(in_process, dialogue, consultant, moderator, admin_user):
    session = live_services.session_create(actor=moderator, dialogue=dialogue, title="Abend", method=Method.WORLD_CAFE)
    participant, participant_token = live_services.participant_join(
        session=session, display_name="Amal", language="ar", consent=True
    )
    _token, staff_secret = token_create(user=consultant, name="Fuzz", scope=Scope.READ_WRITE)
    membership = Membership.objects.get(user=admin_user)
    return {
        "staff": staff_secret,
        "participant": participant_token,
        "ids": {
            "dialogue_id": dialogue.pk,
            "theme_id": dialogue.themes.first().pk,
            "municipality_id": dialogue.municipality_id,
            "membership_id": membership.pk,
            "code": session.code,
            "session_id": session.pk,
            **later_steps(dialogue, session, consultant),
        },
    }


def later_steps(dialogue, session, consultant) -> dict:
    """Real objects of design, results, measures and funding, so that their operations are fuzzed against them."""
    from dialogwerk.design import services as design
    from dialogwerk.funding import services as funding
    from dialogwerk.measures import services as measures
    from dialogwerk.synthesis import services as synthesis

    # On the last theme: the fuzzed theme (the first) stays free of cards, so removing it does not meet the
    # 409 branch (see test_themes_api.py: its answer is a known 500).
    card, _created = live_services.contribution_submit(
        session=session, author_user=consultant, kind="idea", theme_id=dialogue.themes.last().pk, text="Sprachcafé"
    )
    cluster = synthesis.cluster_create(actor=consultant, dialogue=dialogue, title="Sprache", cards=[card])
    group = synthesis.working_group_create(
        actor=consultant,
        dialogue=dialogue,
        name="AG Sprache",
        mandate="Kurse",
        proposal_due_on=datetime.date(2027, 1, 31),
    )
    decision = synthesis.decision_create(
        actor=consultant, dialogue=dialogue, outcome="adopted", title="Sprache", cluster=cluster
    )
    method = design.method_create(
        actor=consultant,
        dialogue=dialogue,
        name="Eigene Methode",
        purpose="x",
        min_participants=1,
        max_participants=10,
        min_minutes=30,
        max_minutes=60,
        steps="a",
    )
    item = design.agenda_item_create(actor=consultant, dialogue=dialogue, title="Ankommen", duration_minutes=30)
    measure = measures.measure_create(actor=consultant, dialogue=dialogue, title="Sprachcafé", decision=decision)
    application = funding.application_create(
        actor=consultant, dialogue=dialogue, applicant="Kommune A", project_title="Dialog"
    )
    line = funding.cost_line_create(
        actor=consultant, application=application, category="venue", planned_amount=Decimal("100")
    )
    voting = live_services.voting_open(actor=consultant, session=session, title="Punkte", all_cards=True)
    return {
        "voting_id": voting.pk,
        "card_id": card.pk,
        "cluster_id": cluster.pk,
        "group_id": group.pk,
        "decision_id": decision.pk,
        "method_id": method.pk,
        "agenda_item_id": item.pk,
        "measure_id": measure.pk,
        "line_id": line.pk,
    }


def aim_at_real_objects(case, ids: dict) -> None:
    """Point path parameters at existing objects for every other example (a random id only finds 404)."""
    path_parameters = case.path_parameters or {}
    # A stable hash (str's hash() differs per process): the same examples hit real objects in every run.
    if path_parameters and zlib.crc32((repr(case.body) + repr(case.query)).encode()) % 2 == 0:
        for name in path_parameters:
            if name in ids:
                path_parameters[name] = ids[name]


def call(case, world, secret):
    aim_at_real_objects(case, world["ids"])
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    case.call_and_validate(headers=headers, checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_the_api_holds_its_schema_for_a_staff_token(case, world):
    call(case, world, world["staff"])


@schema.parametrize()
@FUZZ
def test_the_api_holds_its_schema_for_a_participant(case, world):
    call(case, world, world["participant"])


@schema.parametrize()
@FUZZ
def test_the_api_holds_its_schema_for_an_anonymous_caller(case, world):
    call(case, world, None)


# --- Text the databases cannot store, at every string of the participant API ---------------------------------

participant_api = schema.include(path_regex=r"^/api/v1/live/")


def poisoned(value, bad: str):
    """The value with `bad` appended to every string in it (keys stay)."""
    if isinstance(value, str):
        return value + bad
    if isinstance(value, dict):
        return {key: poisoned(item, bad) for key, item in value.items()}
    if isinstance(value, list):
        return [poisoned(item, bad) for item in value]
    return value


@participant_api.parametrize()
@settings(FUZZ, max_examples=10)
def test_the_participant_api_refuses_nul_and_lone_surrogates_in_every_string(case, world):
    """Schemathesis' examples for the participant operations, with a NUL added to every string of the body
    and the query, and a lone surrogate to every string of the body: a 4xx for each, never a 5xx, and
    nothing is written. A lone surrogate cannot be encoded as UTF-8: it is sent as a JSON escape (`\\ud800`),
    as a script would send it (in a query string it would arrive as U+FFFD)."""
    from dialogwerk.live.models import Contribution, Participant, Vote

    aim_at_real_objects(case, world["ids"])
    headers = {"Authorization": f"Bearer {world['participant']}", "Idempotency-Key": "fuzz"}
    before = (Participant.objects.count(), Contribution.objects.count(), Vote.objects.count())
    original = (case.body, case.query)
    case.body, case.query = poisoned(original[0], "\x00"), poisoned(original[1], "\x00")
    if (case.body, case.query) != original:
        response = case.call(headers=headers)
        assert 400 <= response.status_code < 500, (case.method, case.path, response.status_code, response.text[:200])
    case.body, case.query = original
    body = poisoned(original[0], "\ud800")
    if isinstance(body, dict) and body != original[0]:
        # Straight to the WSGI app (as schemathesis calls it): Django's test client would close the connection.
        response = WsgiClient(wsgi_app).open(
            case.formatted_path,
            method=case.method,
            data=json.dumps(body),
            content_type="application/json",
            headers=headers,
        )
        assert 400 <= response.status_code < 500, (case.method, case.path, response.status_code)
    assert (Participant.objects.count(), Contribution.objects.count(), Vote.objects.count()) == before
