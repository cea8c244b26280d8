from django import template

from dialogwerk.synthesis import selectors

register = template.Library()


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
