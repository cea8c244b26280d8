"""Failed logins are limited per account and per IP address; the 429 says so in German."""

import pytest

from tests.conftest import PASSWORD


@pytest.fixture
def tight(settings):
    settings.RATE_LIMITS = {"login.account": "3/15m", "login.ip": "5/15m"}


def test_after_too_many_wrong_passwords_even_the_right_one_waits(client, consultant, tight):
    for _ in range(3):
        assert (
            client.post("/konto/anmelden/", {"username": "consultant@a.example", "password": "wrong"}).status_code
            == 200
        )
    refused = client.post("/konto/anmelden/", {"username": "consultant@a.example", "password": PASSWORD})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Zu viele Versuche in kurzer Zeit" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_account_limit_ignores_the_case_of_the_address(client, consultant, tight):
    for email in ("consultant@a.example", "Consultant@A.example", "CONSULTANT@a.example"):
        client.post("/konto/anmelden/", {"username": email, "password": "wrong"})
    assert (
        client.post("/konto/anmelden/", {"username": "consultant@a.example", "password": PASSWORD}).status_code == 429
    )


def test_one_address_trying_many_accounts_is_limited_per_ip(client, db, tight):
    for number in range(5):
        client.post("/konto/anmelden/", {"username": f"nobody{number}@a.example", "password": "wrong"})
    assert client.post("/konto/anmelden/", {"username": "other@a.example", "password": "wrong"}).status_code == 429


def test_a_successful_login_clears_the_account_count(client, consultant, tight):
    for _ in range(2):
        client.post("/konto/anmelden/", {"username": "consultant@a.example", "password": "wrong"})
    assert (
        client.post("/konto/anmelden/", {"username": "consultant@a.example", "password": PASSWORD}).status_code == 302
    )
    client.post("/konto/abmelden/")
    for _ in range(2):
        client.post("/konto/anmelden/", {"username": "consultant@a.example", "password": "wrong"})
    assert (
        client.post("/konto/anmelden/", {"username": "consultant@a.example", "password": PASSWORD}).status_code == 302
    )


def test_other_people_can_still_log_in_from_elsewhere(client, consultant, admin_user, tight):
    for _ in range(3):
        client.post("/konto/anmelden/", {"username": "consultant@a.example", "password": "wrong"})
    response = client.post(
        "/konto/anmelden/", {"username": "admin@a.example", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 302
