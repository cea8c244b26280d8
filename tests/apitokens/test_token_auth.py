"""Tokens at the API: scope, expiry, revocation, inactive users, and the browser session with CSRF."""

import datetime
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from dialogwerk.apitokens.models import PersonalAccessToken, Scope
from dialogwerk.apitokens.services import token_create, token_mark_used

pytestmark = pytest.mark.django_db


def bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_a_token_acts_as_its_user_and_says_so(client, consultant, municipality):
    _token, secret = token_create(user=consultant, name="Skript", scope=Scope.READ)
    body = client.get("/api/v1/me", **bearer(secret)).json()
    assert body["email"] == "consultant@a.example"
    assert body["token"]["scope"] == "read" and body["roles"][0]["municipality"] == municipality.pk


def test_a_read_token_may_not_write(client, consultant, municipality):
    _token, secret = token_create(user=consultant, name="Lesen", scope=Scope.READ)
    response = client.post(
        "/api/v1/dialogues/",
        {"municipality": municipality.pk, "title": "X"},
        content_type="application/json",
        **bearer(secret),
    )
    assert response.status_code == 403
    assert "nur lesen" in response.json()["detail"]


def test_an_expired_token_is_refused_with_401_in_german(client, consultant):
    token, secret = token_create(user=consultant, name="Alt", expires_at=timezone.now() + datetime.timedelta(minutes=5))
    PersonalAccessToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get("/api/v1/me", **bearer(secret))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Bitte melden Sie sich an" in response.json()["detail"]


def test_an_expiry_in_the_past_is_refused_at_creation(consultant):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        token_create(user=consultant, name="x", expires_at=timezone.now() - datetime.timedelta(days=1))


def test_a_deactivated_users_token_stops_working(client, consultant):
    _token, secret = token_create(user=consultant, name="x")
    consultant.is_active = False
    consultant.save()
    assert client.get("/api/v1/me", **bearer(secret)).status_code == 401


def test_an_unknown_or_malformed_token_is_401(client, db):
    assert client.get("/api/v1/me", **bearer("dwk_00000000_nope")).status_code == 401
    assert client.get("/api/v1/me", **bearer("x" * 5000)).status_code == 401
    assert client.get("/api/v1/me").status_code == 401


def test_use_is_recorded_at_most_once_a_minute(consultant):
    token, _secret = token_create(user=consultant, name="x")
    now = timezone.now()
    token_mark_used(token=token, now=now)
    token_mark_used(token=token, now=now + datetime.timedelta(seconds=10))
    token.refresh_from_db()
    assert token.last_used_at == now


def test_the_browser_session_reads_and_needs_csrf_to_write(consultant, municipality):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(consultant)
    assert browser.get("/api/v1/me").status_code == 200
    refused = browser.post(
        "/api/v1/dialogues/", {"municipality": municipality.pk, "title": "X"}, content_type="application/json"
    )
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    browser.get("/konto/tokens/")  # sets the csrftoken cookie
    csrf = browser.cookies["csrftoken"].value
    accepted = browser.post(
        "/api/v1/dialogues/",
        {"municipality": municipality.pk, "title": "X"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=csrf,
    )
    assert accepted.status_code == 201


def test_a_participant_token_is_no_staff_token(client, db):
    assert client.get("/api/v1/dialogues/", **bearer("some-participant-token")).status_code == 401


def test_a_script_that_calls_too_often_gets_429_with_retry_after(client, consultant, settings):
    settings.RATE_LIMIT_NAMESPACE = f"rl-test-{uuid.uuid4().hex}"
    settings.RATE_LIMITS = {"api.user": "2/m"}
    _token, secret = token_create(user=consultant, name="Eilig")
    assert client.get("/api/v1/me", **bearer(secret)).status_code == 200
    assert client.get("/api/v1/me", **bearer(secret)).status_code == 200
    refused = client.get("/api/v1/me", **bearer(secret))
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert refused.json()["detail"].startswith("Zu viele Versuche")
