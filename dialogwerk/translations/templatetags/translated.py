"""Show a dialogue's text in the reader's language: `{% shown theme "name" %}` writes it, marked with its
language (German where no translation exists yet), from the page's `content_translator`."""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from ..selectors import GERMAN, Shown

register = template.Library()


def _shown(context, obj, name: str) -> Shown:
    translator = context.get("content_translator")
    if translator is None:
        return Shown((getattr(obj, name, "") or "") if obj is not None else "", GERMAN)
    return translator.shown(obj, name)


@register.simple_tag(takes_context=True)
def shown(context, obj, name: str, lines: bool = False) -> SafeString:
    """`<span lang=… dir="auto">text</span>` (line breaks kept with lines=True), and the machine's mark."""
    found = _shown(context, obj, name)
    text = escape(found.text)
    if lines:
        text = mark_safe(text.replace("\n", "<br>"))
    html = format_html('<span lang="{}" dir="auto">{}</span>', found.language, text)
    if found.machine:
        html += format_html(' <span class="machine-mark">({})</span>', gettext("machine-translated"))
    return html


@register.simple_tag(takes_context=True)
def shown_value(context, obj, name: str) -> Shown:
    """The Shown (text, language, machine) for markup of the page's own: `{% shown_value t "name" as s %}`."""
    return _shown(context, obj, name)
