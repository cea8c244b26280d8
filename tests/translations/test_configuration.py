"""Machine translation is off unless configured; a service without what it needs stops the start-up."""

import os
import subprocess
import sys

import pytest
from django.test import override_settings

from dialogwerk.translations.configured import machine_translation_enabled, machine_translator
from dialogwerk.translations.machine import (
    DeepLBackend,
    LibreTranslateBackend,
    MachineTranslationMisconfigured,
    backend_from_settings,
)

SETTINGS = ("MACHINE_TRANSLATION", "LIBRETRANSLATE_URL", "LIBRETRANSLATE_API_KEY", "DEEPL_API_KEY", "DEEPL_API_URL")


def test_it_is_off_when_nothing_is_set():
    assert backend_from_settings({}) is None
    assert backend_from_settings({"MACHINE_TRANSLATION": "", "DEEPL_API_KEY": "a key alone turns nothing on"}) is None


def test_libretranslate_is_chosen_with_its_address():
    backend = backend_from_settings(
        {"MACHINE_TRANSLATION": "LibreTranslate", "LIBRETRANSLATE_URL": "http://libretranslate:5000/"}
    )
    assert isinstance(backend, LibreTranslateBackend)
    assert backend.name == "LibreTranslate" and backend.host == "libretranslate:5000"


def test_deepl_is_chosen_with_its_key_and_the_address_follows_from_the_key():
    backend = backend_from_settings({"MACHINE_TRANSLATION": "deepl", "DEEPL_API_KEY": "k:fx"})
    assert isinstance(backend, DeepLBackend) and backend.host == "api-free.deepl.com"
    backend = backend_from_settings(
        {"MACHINE_TRANSLATION": "deepl", "DEEPL_API_KEY": "k", "DEEPL_API_URL": "https://deepl-proxy.example"}
    )
    assert backend.host == "deepl-proxy.example"


@pytest.mark.parametrize(
    ("config", "named"),
    [
        ({"MACHINE_TRANSLATION": "deepl"}, "DEEPL_API_KEY"),
        ({"MACHINE_TRANSLATION": "libretranslate"}, "LIBRETRANSLATE_URL"),
        ({"MACHINE_TRANSLATION": "google"}, "MACHINE_TRANSLATION"),
        ({"MACHINE_TRANSLATION": "libretranslate", "LIBRETRANSLATE_URL": "file:///etc/passwd"}, "LIBRETRANSLATE_URL"),
        (
            {"MACHINE_TRANSLATION": "libretranslate", "LIBRETRANSLATE_URL": "translate.example.org"},
            "LIBRETRANSLATE_URL",
        ),
        (
            {"MACHINE_TRANSLATION": "libretranslate", "LIBRETRANSLATE_URL": "https://user:pw@translate.example.org"},
            "LIBRETRANSLATE_URL",
        ),
        (
            {"MACHINE_TRANSLATION": "deepl", "DEEPL_API_KEY": "k", "DEEPL_API_URL": "ftp://deepl.example"},
            "DEEPL_API_URL",
        ),
    ],
)
def test_a_misconfiguration_is_refused_naming_the_setting(config, named):
    with pytest.raises(MachineTranslationMisconfigured, match=named):
        backend_from_settings(config)


def _start(**env) -> subprocess.CompletedProcess:
    script = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(repr(s.MACHINE_TRANSLATION), repr(s.DEEPL_API_URL))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    return subprocess.run(
        [sys.executable, "-c", script],
        env={**clean, "DJANGO_SETTINGS_MODULE": "dialogwerk.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_app_starts_with_machine_translation_off_by_default():
    result = _start()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["''", "''"]


def test_the_app_starts_with_deepl_and_takes_the_free_address_for_a_free_key():
    result = _start(MACHINE_TRANSLATION="deepl", DEEPL_API_KEY="k:fx")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["'deepl'", "'https://api-free.deepl.com'"]


def test_the_app_refuses_to_start_with_deepl_but_no_key():
    result = _start(MACHINE_TRANSLATION="deepl")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "DEEPL_API_KEY" in result.stderr


def test_the_configured_translator_is_none_by_default():
    assert machine_translator() is None
    assert not machine_translation_enabled()


@override_settings(MACHINE_TRANSLATION="libretranslate", LIBRETRANSLATE_URL="http://127.0.0.1:5000")
def test_the_configured_translator_is_built_once_from_the_settings():
    assert machine_translation_enabled()
    assert isinstance(machine_translator(), LibreTranslateBackend)
    assert machine_translator() is machine_translator()


def test_the_configured_translator_follows_changed_settings():
    with override_settings(MACHINE_TRANSLATION="deepl", DEEPL_API_KEY="k:fx"):
        assert isinstance(machine_translator(), DeepLBackend)
    assert machine_translator() is None
