"""The participant notice: how long personal data is kept, and its text as shown (kept hashed with the consent)."""

import math

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags

from dialogwerk.translations.configured import machine_translation_context


def retention_months() -> int:
    return max(1, math.ceil(settings.PRIVACY_RETENTION_DAYS / 30))


def notice_text(*, session, language: str) -> str:
    """The notice in the language the participant saw it in, as plain text."""
    with translation.override(language):
        # Without a request there are no context processors: the service named on the join page is added here.
        context = {"session": session, "retention_months": retention_months(), **machine_translation_context()}
        html = render_to_string("live/_notice.html", context)
    return " ".join(strip_tags(html).split())
