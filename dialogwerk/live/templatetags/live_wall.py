"""The wall's cards written in Python: a template loop over 200 cards (ten per theme and kind) was a third
of the wall's time. `tests/live/test_wall_cards_in_python.py` holds it to the template it replaces."""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _card(card, machine_label: str) -> str:
    translations = "".join(
        f' <span class="wall-card-translation" dir="auto" lang="{escape(t.language)}">{escape(t.text)}</span>'
        + (f' <span class="wall-card-machine">{machine_label}</span>' if t.status == "machine" else "")
        for t in card.wall_translations
    )
    author = f' <span class="wall-card-author">– <bdi>{escape(card.author)}</bdi></span>' if card.author else ""
    kind = escape(card.kind)
    return (
        f'<li class="wall-card live-card-{kind}" data-card="{card.pk}" data-theme="{card.theme_id}"'
        f' data-kind="{kind}"><button type="button" class="wall-card-button" data-enlarge>'
        f'<span class="wall-card-no">#{card.pk}</span> <span class="wall-card-text" dir="auto"'
        f' lang="{escape(card.language or "de")}">{escape(card.text)}</span>{translations}{author}</button></li>'
    )


@register.simple_tag
def wall_cards(cards, machine_label) -> SafeString:
    """The `<li>` of each card (selectors.WallCard): its number, its words in their language, its translations
    into the wall's languages (marked when a machine made them) and the author's name only when they chose to
    show it."""
    label = escape(str(machine_label))
    return mark_safe("".join(_card(card, label) for card in cards))  # noqa: S308 - every value escaped above
