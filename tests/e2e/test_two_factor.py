"""A staff member switches on two-factor login in the browser and logs in with a code — axe on every page.
Also checks that the ordinary login helper still works for people without two-factor login."""

import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from dialogwerk.tenancy.models import Municipality, Role
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import assert_accessible, login


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def staff(server):
    municipality = Municipality.objects.create(name="Zweistadt", ags="08999022", population=9000)
    make_user("planerin@zweistadt.de", municipality, Role.CONSULTANT)
    return server


def test_a_consultant_switches_on_two_factor_login_and_logs_in_with_a_code(page, staff):
    base = staff
    login(page, base, "planerin@zweistadt.de", PASSWORD)
    page.get_by_role("link", name="Mein Konto").click()
    assert_accessible(page, "my account")
    page.get_by_role("link", name="Zwei-Faktor-Anmeldung einschalten").click()
    assert_accessible(page, "two-factor setup")
    device = TOTPDevice.objects.get(user__email="planerin@zweistadt.de", confirmed=False)
    page.get_by_label("Code").fill(code_for(device))
    page.get_by_role("button", name="Bestätigen und einschalten").click()
    expect(page.get_by_role("heading", name="Ihre Backup-Codes")).to_be_visible()
    assert_accessible(page, "backup codes")

    page.get_by_role("button", name="Abmelden").click()
    page.goto(f"{base}/konto/anmelden/")
    page.fill("input[name=username]", "planerin@zweistadt.de")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/konto/code/")
    assert_accessible(page, "login code")
    page.get_by_label("Code").fill(code_for(device, 1))
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/konto/meine-daten/")
    assert page.get_by_text("planerin@zweistadt.de").first.is_visible()
    assert_accessible(page, "my data")
