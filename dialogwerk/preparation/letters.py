"""Printed invitations (a serial letter, one page per actor): for actors without e-mail or without consent
to e-mail, and for handing out in person. Each letter is in the invitation's language, with the event's
facts, a QR code to the personal answer page and the short code to type in instead."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language_info

from dialogwerk.core.documents import html_to_pdf
from dialogwerk.dialogues.models import Dialogue
from dialogwerk.translations.selectors import translator_for

from .event_facts import event_facts
from .models import Invitation
from .services import rsvp_url  # the link as the invitation was made (its host), as e-mails carry it


def _qr(url: str) -> str:
    import segno  # only when letters are printed

    return segno.make(url, error="m").png_data_uri(scale=4, border=2)


def _ltr(url: str) -> str:
    """An address reads left to right inside an Arabic or Farsi sentence too (else its last / jumps left)."""
    return format_html('<bdi dir="ltr">{}</bdi>', url)


def letters_pdf(*, dialogue: Dialogue, invitations: list[Invitation]) -> bytes:
    facts = event_facts(dialogue)
    translators = {}
    pages = []
    for invitation in invitations:
        language = invitation.language or settings.LANGUAGE_CODE
        if language not in translators:
            translators[language] = translator_for(dialogue_id=dialogue.pk, language=language)
        url = rsvp_url(invitation)
        with translation.override(language):
            pages.append(
                render_to_string(
                    "preparation/_letter.html",
                    {
                        "invitation": invitation,
                        "actor": invitation.actor,
                        "dialogue": dialogue,
                        "facts": facts,
                        "qr": _qr(url),
                        "code_url": _ltr(invitation.base_url.rstrip("/") + reverse("preparation:rsvp_code")),
                        "content_translator": translators[language],
                        "language": language,
                        "direction": "rtl" if get_language_info(language)["bidi"] else "ltr",
                    },
                )
            )
    html = render_to_string("preparation/pdf_letters.html", {"dialogue": dialogue, "pages": pages})
    return html_to_pdf(html)
