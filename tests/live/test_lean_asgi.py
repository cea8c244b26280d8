"""The participant API served by the real ASGI application, whose lean handler skips the page middleware:
cards are still stored once, answers keep their security headers and request id, errors speak the
participant's chosen language, and every other page still goes through the full middleware."""

import json

import pytest
from django.conf import settings
from django.utils import translation

from dialogwerk.live.models import Contribution
from tests.asgi_app import asgi_request

pytestmark = pytest.mark.django_db(transaction=True)


def request(method: str, path: str, body: dict | None = None, headers: dict | None = None) -> dict:
    raw_headers = [(b"content-type", b"application/json")]
    raw_headers += [(name.lower().encode(), value.encode()) for name, value in (headers or {}).items()]
    return asgi_request(method, path, body=json.dumps(body).encode() if body is not None else b"", headers=raw_headers)


def test_a_card_through_the_asgi_app_is_stored_once_and_replayed(session, theme):
    joined = request(
        "POST",
        f"/api/v1/live/{session.code}/participants",
        {"display_name": "Olena", "language": "uk", "consent": True},
    )
    assert joined["status"] == 201
    token = json.loads(joined["body"])["participant_token"]
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "card-1"}
    body = {"kind": "idea", "theme": theme.pk, "text": "Ein Sprachcafé im Rathaus"}

    first = request("POST", f"/api/v1/live/{session.code}/contributions", body, headers)
    again = request("POST", f"/api/v1/live/{session.code}/contributions", body, headers)

    assert (first["status"], again["status"]) == (201, 200)
    assert json.loads(first["body"])["id"] == json.loads(again["body"])["id"]
    assert Contribution.objects.filter(session=session).count() == 1
    assert first["headers"]["x-content-type-options"] == "nosniff"
    assert first["headers"]["x-request-id"]
    state = request("GET", f"/api/v1/live/{session.code}")
    assert state["status"] == 200 and theme.name in [t["name"] for t in json.loads(state["body"])["themes"]]


def test_an_error_speaks_the_language_the_participant_chose(session, theme):
    body = {"kind": "idea", "theme": theme.pk, "text": "Ein Sprachcafé"}
    answer = request(
        "POST",
        f"/api/v1/live/{session.code}/contributions",
        body,
        {
            "Authorization": "Bearer not-a-token",
            "Idempotency-Key": "k",
            "Cookie": f"{settings.LANGUAGE_COOKIE_NAME}=ar",
        },
    )
    with translation.override("ar"):
        arabic = translation.gettext("Your participant token is not valid (any more). Please join the event again.")
    assert answer["status"] == 401
    assert json.loads(answer["body"])["detail"] == arabic and arabic.startswith("Your") is False
    assert answer["headers"]["content-language"] == "ar"
    assert not Contribution.objects.exists()


def test_an_unknown_event_code_answers_404_as_json(db):
    answer = request("GET", "/api/v1/live/NOPE99/contributions")
    assert answer["status"] == 404 and "detail" in json.loads(answer["body"])


def test_pages_outside_the_participant_api_keep_the_full_middleware(session):
    page = request("GET", f"/j/{session.code}/")
    assert page["status"] == 200
    assert "content-security-policy" in page["headers"] and page["headers"]["x-frame-options"] == "DENY"


def test_two_phones_on_the_same_path_each_get_their_own_answer_and_an_unknown_path_stays_unknown(session, theme):
    # The lean handler resolves a path once and keeps the match: it must carry nothing of the request.
    tokens = [
        json.loads(
            request(
                "POST",
                f"/api/v1/live/{session.code}/participants",
                {"display_name": name, "language": "de", "consent": True},
            )["body"]
        )["participant_token"]
        for name in ("Amal", "Olena")
    ]
    answers = [
        request(
            "POST",
            f"/api/v1/live/{session.code}/contributions",
            {"kind": "idea", "theme": theme.pk, "text": f"Karte {n}"},
            {"Authorization": f"Bearer {token}", "Idempotency-Key": "same-key"},
        )
        for n, token in enumerate(tokens)
    ]
    assert [a["status"] for a in answers] == [201, 201]
    assert sorted(Contribution.objects.filter(session=session).values_list("text", flat=True)) == ["Karte 0", "Karte 1"]
    for _ in range(2):
        assert request("GET", f"/api/v1/live/{session.code}/nirgends")["status"] == 404
