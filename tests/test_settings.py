"""The production profile refuses to start unsafe, and turns on HTTPS-only cookies and HSTS."""

import os
import secrets
import subprocess
import sys


def _settings_in_process(**env) -> subprocess.CompletedProcess:
    script = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DIALOGWERK_PROFILE", "FIELD_ENCRYPTION_KEY"}
    }
    return subprocess.run(
        [sys.executable, "-c", script],
        env={**clean, "DJANGO_SETTINGS_MODULE": "dialogwerk.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_real_secret():
    result = _settings_in_process(DIALOGWERK_PROFILE="production")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_long_but_guessable_secret():
    result = _settings_in_process(DIALOGWERK_PROFILE="production", SECRET_KEY="a" * 42, ALLOWED_HOSTS="dialog.example")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "secrets.token_urlsafe" in result.stderr


def test_production_refuses_to_start_without_a_key_for_the_bank_details():
    result = _settings_in_process(
        DIALOGWERK_PROFILE="production", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="dialog.example"
    )
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEY" in result.stderr and "secrets.token_urlsafe" in result.stderr


def test_production_turns_on_secure_cookies_and_hsts():
    result = _settings_in_process(
        DIALOGWERK_PROFILE="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="dialog.example",
        FIELD_ENCRYPTION_KEY=secrets.token_urlsafe(32),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "31536000"]


def test_local_use_needs_no_settings_at_all():
    result = _settings_in_process()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "True"
