import unicodedata

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from dialogwerk.live.models import Kind
from dialogwerk.synthesis import selectors

register = template.Library()

# Stands in for the card's id in the "move" form's address, reversed once per list (see bundle_cards).
_CARD_ID_MARK = 987654321


@register.simple_tag
def results_summary(dialogue) -> dict:
    """Counts for the dialogue overview's Results section."""
    return {
        "cards": selectors.cards_of(dialogue=dialogue).count(),
        "bundled": len(selectors.bundled_card_ids(dialogue=dialogue)),
        "clusters": dialogue.clusters.count(),
        "decisions": dialogue.decisions.count(),
        "groups": dialogue.working_groups.count(),
    }


def _truncated(text: str, length: int) -> str:
    """`truncatechars`, without a Truncator (which walks the text a character at a time) where the text is
    short enough already or a plain cut gives the same: no combining marks in the part kept."""
    if len(text) <= length:
        return text
    text = unicodedata.normalize("NFC", text)
    head = text[: length - 1]
    if len(text) <= length or any(unicodedata.combining(char) for char in head):
        return Truncator(text).chars(length)
    return head + "…"


@register.simple_tag(takes_context=True)
def bundle_cards(context, cards, current_cluster=None) -> SafeString:
    """The board's `<li>` per card (rows as `selectors.loose_card_rows` and `cluster_card_rows` give them),
    with its "move to cluster" form where the user may bundle.

    Built here, not with a template included per card: the board shows ~130 cards and the include with its
    form, URL and CSRF field took a third of the page's CPU time (docs/performance.md). Every value is escaped.
    """
    may_bundle = context.get("may_bundle")
    draggable = ' draggable="true"' if may_bundle else ""
    kinds = {value: str(label) for value, label in Kind.choices}  # a card's get_kind_display
    parts = []
    if may_bundle:
        action_head, action_tail = reverse("synthesis:card_move", args=[context["dialogue"].pk, _CARD_ID_MARK]).split(
            f"/{_CARD_ID_MARK}/"
        )
        token = escape(context.get("csrf_token") or "")
        hidden = (f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
                  f'<input type="hidden" name="next_query" value="{escape(context.get("query_string") or "")}">')
        move_label, move = escape(gettext("Move to cluster")), escape(gettext("Move"))
        value = "" if current_cluster is None else escape(current_cluster)
    for card in cards:
        pk = card.pk
        meta = escape(kinds.get(card.kind, card.kind))
        if card.theme_id:
            meta += " · " + escape(card.theme__name)
        if card.language and card.language != "de":
            meta += " · " + escape(card.language)
        parts.append(
            f'<li class="bundle-card" id="karte-{pk}" data-card-id="{pk}"{draggable}>\n'
            f'  <p dir="auto" lang="{escape(card.language or "de")}">{escape(card.text)}</p>\n'
            f'  <p class="muted card-meta">{meta}</p>\n'
        )
        if may_bundle:
            parts.append(
                f'  <form method="post" action="{action_head}/{pk}/{action_tail}" class="inline-form card-move">\n'
                f"    {hidden}\n"
                f'    <label for="move-{pk}" class="visually-hidden">{move_label}</label>\n'
                f'    <input type="text" name="cluster" id="move-{pk}" list="cluster-choices" inputmode="numeric" '
                f'pattern="[0-9]*" size="6" value="{value}" autocomplete="off">\n'
                f'    <button type="submit" class="button button-small button-secondary">{move}'
                f'<span class="visually-hidden">: {escape(_truncated(card.text, 40))}</span></button>\n'
                f"  </form>\n"
            )
        parts.append("</li>\n")
    return mark_safe("".join(parts))


@register.simple_tag
def suggestion_cards(cards) -> SafeString:
    """A suggestion's cards as `<li>`s (ten suggestions hold ~100 cards; see bundle_cards)."""
    return mark_safe("".join(
        f'<li dir="auto" lang="{escape(card.language or "de")}">{escape(card.text)}</li>' for card in cards
    ))


@register.simple_tag
def suggestion_card_fields(cards) -> SafeString:
    """The hidden fields that take a suggestion's cards over into the new cluster."""
    return mark_safe("".join(f'<input type="hidden" name="cards" value="{card.pk}">' for card in cards))


@register.simple_tag
def cluster_options(choices) -> SafeString:
    """The `<option>`s of the board's list of clusters (one per cluster; hundreds in a large dialogue)."""
    return mark_safe("".join(
        f'<option value="{pk}">{escape(_truncated(title, 60))}</option>' for pk, title in choices
    ))
