"""The machine translator the settings configure (dialogwerk.translations.machine), built once per process."""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from .machine import MachineTranslator, backend_from_settings

SETTINGS = ("MACHINE_TRANSLATION", "LIBRETRANSLATE_URL", "LIBRETRANSLATE_API_KEY", "DEEPL_API_KEY", "DEEPL_API_URL")


@functools.cache
def machine_translator() -> MachineTranslator | None:
    """The configured backend, or None when machine translation is off (the default)."""
    return backend_from_settings({name: getattr(settings, name, "") for name in SETTINGS})


def machine_translation_enabled() -> bool:
    return machine_translator() is not None


def machine_translation_context(request=None) -> dict[str, MachineTranslator | None]:
    """`machine_translation_service` for templates (a context processor, and called directly where a template
    is rendered without a request): the participants' notice names the service when there is one."""
    return {"machine_translation_service": machine_translator()}


@receiver(setting_changed)
def _forget_the_translator(*, setting: str, **kwargs) -> None:
    # override_settings in tests, and anything else that changes settings at run time.
    if setting in SETTINGS:
        machine_translator.cache_clear()
