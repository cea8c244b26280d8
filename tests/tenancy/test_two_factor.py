"""Optional two-factor login for staff: switching it on and off, the login's second step, backup codes."""

import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from dialogwerk.tenancy import twofactor
from tests.conftest import PASSWORD

LOGIN = "/konto/anmelden/"
CODE = "/konto/code/"
SETUP = "/konto/zwei-faktor/einrichten/"


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the phone shows now (or a later step: a code is accepted once, the next step after)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def with_two_factor(consultant):
    device = twofactor.setup_device(consultant)
    codes = twofactor.enable(user=consultant, code=code_for(device))
    assert codes is not None
    device.refresh_from_db()
    return device, codes


def test_a_user_switches_two_factor_on_with_qr_code_key_and_a_code(client_for, consultant):
    client = client_for(consultant)
    page = client.get(SETUP)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in html and "Schlüssel" in html
    device = TOTPDevice.objects.get(user=consultant, confirmed=False)
    key = twofactor.manual_key(device)
    assert key in html
    assert client.get(SETUP).content.decode().count(key) == 1  # a reload shows the same key
    response = client.post(SETUP, {"code": code_for(device)})
    assert response.status_code == 200
    html = response.content.decode()
    codes = list(StaticToken.objects.filter(device__user=consultant).values_list("token", flat=True))
    assert len(codes) == twofactor.BACKUP_CODE_COUNT and all(code in html for code in codes)
    assert twofactor.is_enabled(consultant)
    assert "Zwei-Faktor-Anmeldung ist eingeschaltet" in client.get("/konto/mein-konto/").content.decode()


def test_a_wrong_code_does_not_switch_it_on(client_for, consultant):
    client = client_for(consultant)
    client.get(SETUP)
    response = client.post(
        SETUP, {"code": "000000" if code_for(TOTPDevice.objects.get(user=consultant)) != "000000" else "111111"}
    )
    assert response.status_code == 422
    assert "Dieser Code stimmt nicht" in response.content.decode()
    assert not twofactor.is_enabled(consultant)


def test_without_two_factor_the_login_is_as_before(client, consultant):
    response = client.post(LOGIN, {"username": consultant.email, "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/"
    assert "_auth_user_id" in client.session


def test_with_two_factor_the_password_alone_does_not_log_in(client, consultant, with_two_factor):
    response = client.post(LOGIN, {"username": consultant.email, "password": PASSWORD})
    assert response.status_code == 302 and response.url == CODE
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302  # still logged out
    page = client.get(CODE)
    assert page.status_code == 200 and "Authenticator-App" in page.content.decode()


def test_the_code_after_the_password_logs_in_and_keeps_the_next_page(client, consultant, with_two_factor):
    device, _codes = with_two_factor
    client.post(
        LOGIN + "?next=/konto/tokens/", {"username": consultant.email, "password": PASSWORD, "next": "/konto/tokens/"}
    )
    response = client.post(CODE, {"code": code_for(device, steps_ahead=1)})
    assert response.status_code == 302 and response.url == "/konto/tokens/"
    assert client.session["_auth_user_id"] == str(consultant.pk)
    assert client.get("/").status_code == 200


def test_a_wrong_code_gets_a_clear_german_message(client, consultant, with_two_factor):
    device, _codes = with_two_factor
    client.post(LOGIN, {"username": consultant.email, "password": PASSWORD})
    wrong = "123456" if code_for(device, 1) != "123456" else "654321"
    response = client.post(CODE, {"code": wrong})
    assert response.status_code == 200
    assert "Dieser Code stimmt nicht" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_wrong_codes_are_throttled_like_passwords(client, consultant, with_two_factor, settings):
    settings.RATE_LIMITS = {"login.account": "3/15m"}
    device, _codes = with_two_factor
    client.post(LOGIN, {"username": consultant.email, "password": PASSWORD})
    wrong = "123456" if code_for(device, 1) != "123456" else "654321"
    for _ in range(3):
        assert client.post(CODE, {"code": wrong}).status_code == 200
    response = client.post(CODE, {"code": code_for(device, 1)})
    assert response.status_code == 429
    assert "Zu viele" in response.content.decode() and response["Retry-After"]
    assert "_auth_user_id" not in client.session


def test_the_code_page_without_a_password_first_sends_back_to_the_login(client, consultant, with_two_factor):
    response = client.post(CODE, {"code": "123456"})
    assert response.status_code == 302 and response.url == LOGIN
    assert "_auth_user_id" not in client.session


def test_a_backup_code_logs_in_once(client, consultant, with_two_factor):
    _device, codes = with_two_factor
    client.post(LOGIN, {"username": consultant.email, "password": PASSWORD})
    assert client.post(CODE, {"code": codes[0].upper()}).status_code == 302
    assert client.session["_auth_user_id"] == str(consultant.pk)
    client.post("/konto/abmelden/")
    client.post(LOGIN, {"username": consultant.email, "password": PASSWORD})
    response = client.post(CODE, {"code": codes[0]})
    assert response.status_code == 200 and "Dieser Code stimmt nicht" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert twofactor.backup_codes_left(consultant) == twofactor.BACKUP_CODE_COUNT - 1


def test_switching_off_needs_a_right_code(client_for, consultant, with_two_factor):
    device, _codes = with_two_factor
    client = client_for(consultant)
    response = client.post(
        "/konto/zwei-faktor/abschalten/",
        {"code": "999999" if code_for(device, 1) != "999999" else "888888"},
        follow=True,
    )
    assert "noch eingeschaltet" in response.content.decode()
    assert twofactor.is_enabled(consultant)
    client.post("/konto/zwei-faktor/abschalten/", {"code": code_for(device, 1)})
    assert not twofactor.is_enabled(consultant)
    assert twofactor.backup_codes_left(consultant) == 0


def test_new_backup_codes_replace_the_old_ones(client_for, consultant, with_two_factor):
    device, codes = with_two_factor
    response = client_for(consultant).post("/konto/zwei-faktor/neue-codes/", {"code": codes[1]})
    new = set(StaticToken.objects.filter(device__user=consultant).values_list("token", flat=True))
    assert response.status_code == 200 and all(code in response.content.decode() for code in new)
    assert not new & set(codes)


def test_api_tokens_keep_working_with_two_factor(client, consultant, with_two_factor, dialogue):
    from dialogwerk.apitokens.services import token_create

    _token, secret = token_create(user=consultant, name="Skript")
    response = client.get("/api/v1/dialogues/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200


# --- A municipality that requires two-factor login -------------------------------------------------------


def test_an_admin_requires_two_factor_and_the_audit_log_says_so(client_for, admin_user, municipality):
    from dialogwerk.tenancy.models import AuditLogEntry

    client = client_for(admin_user)
    response = client.post(f"/kommunen/{municipality.pk}/mitglieder/zwei-faktor/", {"require_two_factor": "on"})
    assert response.status_code == 302
    municipality.refresh_from_db()
    assert municipality.require_two_factor
    assert AuditLogEntry.objects.filter(municipality=municipality, changes__has_key="require_two_factor").exists()
    client.post(f"/kommunen/{municipality.pk}/mitglieder/zwei-faktor/", {})
    municipality.refresh_from_db()
    assert not municipality.require_two_factor


def test_only_admins_set_the_requirement(client_for, consultant, municipality):
    response = client_for(consultant).post(
        f"/kommunen/{municipality.pk}/mitglieder/zwei-faktor/", {"require_two_factor": "on"}
    )
    assert response.status_code == 403
    municipality.refresh_from_db()
    assert not municipality.require_two_factor


def test_a_member_without_two_factor_must_switch_it_on_before_going_on(client, consultant, municipality, dialogue):
    municipality.require_two_factor = True
    municipality.save()
    response = client.post(LOGIN, {"username": consultant.email, "password": PASSWORD})
    assert response.status_code == 302 and response.url == SETUP
    for page in ("/", f"/dialoge/{dialogue.pk}/", "/konto/tokens/"):
        assert client.get(page).url == SETUP, page
    assert client.get("/api/v1/dialogues/").status_code == 403  # the browser's session, not a token
    assert client.get(SETUP).status_code == 200
    device = TOTPDevice.objects.get(user=consultant, confirmed=False)
    assert client.post(SETUP, {"code": code_for(device)}).status_code == 200
    assert client.get("/").status_code == 200
    # Now it cannot be switched off while the municipality requires it.
    client.post("/konto/zwei-faktor/abschalten/", {"code": code_for(device, 1)})
    assert twofactor.is_enabled(consultant)


def test_api_tokens_keep_working_when_two_factor_is_required(client, consultant, municipality, dialogue):
    from dialogwerk.apitokens.services import token_create

    municipality.require_two_factor = True
    municipality.save()
    _token, secret = token_create(user=consultant, name="Skript")
    assert client.get("/api/v1/dialogues/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200


def test_the_members_page_shows_who_uses_two_factor(client_for, admin_user, consultant, municipality, with_two_factor):
    html = client_for(admin_user).get(f"/kommunen/{municipality.pk}/mitglieder/").content.decode()
    assert "Zwei-Faktor-Anmeldung" in html and "Mitglieder müssen die Zwei-Faktor-Anmeldung nutzen" in html
