"""The token page: create (secret shown once, only a hash stored), list one's own, revoke."""

import datetime

import pytest
from django.utils import timezone

from dialogwerk.apitokens import token_secrets
from dialogwerk.apitokens.models import PersonalAccessToken, Scope
from dialogwerk.apitokens.services import token_create


def test_a_staff_user_creates_a_token_and_sees_the_secret_once(client_for, consultant):
    client = client_for(consultant)
    response = client.post("/konto/tokens/", {"name": "Auswertung", "scope": "read"})
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("dwk_") and secret in response.content.decode()
    token = PersonalAccessToken.objects.get(user=consultant)
    assert token.token_hash == token_secrets.digest(secret) and secret not in token.token_hash
    assert token.scope == Scope.READ and secret.startswith(f"dwk_{token.prefix}_")
    again = client.get("/konto/tokens/").content.decode()
    assert secret not in again and f"dwk_{token.prefix}" in again


def test_an_expiry_day_makes_the_token_stop_at_the_end_of_that_day(client_for, consultant):
    day = timezone.localdate() + datetime.timedelta(days=30)
    client_for(consultant).post(
        "/konto/tokens/", {"name": "Befristet", "scope": "read_write", "expires_on": day.isoformat()}
    )
    token = PersonalAccessToken.objects.get(user=consultant)
    assert timezone.localtime(token.expires_at).date() == day + datetime.timedelta(days=1)
    assert token.may_write


def test_bad_input_answers_422_and_creates_nothing(client_for, consultant):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client_for(consultant).post(
        "/konto/tokens/", {"name": "", "scope": "admin", "expires_on": yesterday.isoformat()}
    )
    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"name", "scope", "expires_on"}
    assert not PersonalAccessToken.objects.exists()


def test_a_user_without_any_role_may_not_create_tokens(client_for, db):
    from tests.conftest import make_user

    loner = make_user("loner@example.org")
    assert client_for(loner).post("/konto/tokens/", {"name": "x", "scope": "read"}).status_code == 403
    assert not PersonalAccessToken.objects.exists()


def test_the_list_shows_only_ones_own_tokens(client_for, consultant, outsider):
    token_create(user=outsider, name="Fremdes Token")
    token_create(user=consultant, name="Mein Token")
    html = client_for(consultant).get("/konto/tokens/").content.decode()
    assert "Mein Token" in html and "Fremdes Token" not in html


def test_revoking_stops_the_token_at_once(client_for, client, consultant):
    token, secret = token_create(user=consultant, name="Weg damit")
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    response = client_for(consultant).post(f"/konto/tokens/{token.pk}/widerrufen/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_nobody_else_can_revoke_a_token(client_for, consultant, admin_user):
    token, _secret = token_create(user=consultant, name="Meins")
    assert client_for(admin_user).post(f"/konto/tokens/{token.pk}/widerrufen/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_needs_a_post(client_for, consultant):
    token, _secret = token_create(user=consultant, name="Meins")
    assert client_for(consultant).get(f"/konto/tokens/{token.pk}/widerrufen/").status_code == 405


def test_anonymous_visitors_are_sent_to_the_login(client, db):
    response = client.get("/konto/tokens/")
    assert response.status_code == 302 and response.url.startswith("/konto/anmelden/")
