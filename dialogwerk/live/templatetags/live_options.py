"""The vote's options on the participant page written in Python: the template loop over a page of 20 cards
(an include, two plural phrases, a theme's name and two forms each) was a third of the page's time.
`tests/live/test_vote_options_in_python.py` holds it to the template it replaces."""

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from dialogwerk.core.markup import csrf_field, escape, truncated
from dialogwerk.translations.templatetags.translated import shown

register = template.Library()


@register.simple_tag(takes_context=True)
def vote_options(context, cards) -> SafeString:
    """The `<li>` of each card: its words in the reader's language (a translation, marked when a machine made
    it, with the original to open), kind, theme, the reader's dots on it, and the forms to add and take back
    a dot that work without JavaScript (their buttons name the card for a screen reader)."""
    csrf = csrf_field(context)
    add, take_back = escape(gettext("Add a dot")), escape(gettext("Take a dot back"))
    machine = f'<p class="live-machine">{escape(gettext("machine-translated"))}</p>'
    show_original = escape(gettext("Show original"))
    themes: dict[int, str] = {}
    items = []
    for card in cards:
        original = escape(card.text)
        language = escape(card.language or "de")
        t = card.shown_translation
        if t:
            body = (
                f'<p class="live-option-text" dir="auto" lang="{escape(t.language)}">{escape(t.text)}</p>'
                + (machine if t.status == "machine" else "")
                + f'<details class="live-original"><summary>{show_original}</summary>'
                f'<p dir="auto" lang="{language}">{original}</p></details>'
            )
            named = f'<span lang="{escape(t.language)}">{escape(truncated(t.text, 40))}</span>'
        else:
            body = f'<p class="live-option-text" dir="auto" lang="{language}">{original}</p>'
            named = f'<span lang="{language}">{escape(truncated(card.text, 40))}</span>'
        if card.theme_id not in themes:
            themes[card.theme_id] = shown(context, card.theme, "name")
        mine = ngettext("Your dots: %(count)s", "Your dots: %(count)s", card.my_dots) % {"count": card.my_dots}
        items.append(
            f'<li class="live-option" data-card="{card.pk}" data-mine="{card.my_dots}">'
            f'<div class="live-option-body">{body}</div>'
            f'<p class="live-option-meta">{escape(card.get_kind_display())} · {themes[card.theme_id]} · '
            f'<span class="live-my-dots">{escape(mine)}</span></p>'
            f'<form method="post" class="live-dot-form">{csrf}'
            f'<input type="hidden" name="contribution" value="{card.pk}">'
            f'<button type="submit" name="action" value="dot" class="button button-small">{add}'
            f'<span class="visually-hidden">: {named}</span></button>'
            f'<button type="submit" name="action" value="undot" class="button button-small button-secondary">'
            f'{take_back}<span class="visually-hidden">: {named}</span></button></form></li>'
        )
    return mark_safe("".join(items))  # noqa: S308 - every value escaped above
