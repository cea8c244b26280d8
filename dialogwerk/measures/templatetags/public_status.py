"""The public status page's markup for texts without translations, and the way to it from a participant's phone."""

from django import template
from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from dialogwerk.live.models import Status as SessionStatus
from dialogwerk.measures import selectors

register = template.Library()


@register.filter
def in_german(value, lines: bool = False) -> SafeString:
    """A text that has no translations (an organisation, a progress report) marked as the German it is written
    in, so that a page in another language says so (WCAG 3.1.2)."""
    text = escape(value or "")
    if lines:
        text = mark_safe(text.replace("\n", "<br>"))
    return format_html('<span lang="{}" dir="auto">{}</span>', settings.LANGUAGE_CODE, text)


@register.simple_tag
def results_url(session, participant) -> str:
    """The public status page in the participant's language once the event is over and the municipality has
    published something there; "" before (it would be a 404)."""
    if session.status != SessionStatus.CLOSED:
        return ""
    try:
        selectors.get_public_dialogue(dialogue_id=session.dialogue_id)
    except Http404:
        return ""
    url = reverse("measures:public_status", args=[session.dialogue_id])
    language = getattr(participant, "language", "")
    return f"{url}?{urlencode({'lang': language})}" if language in dict(settings.LANGUAGES) else url
