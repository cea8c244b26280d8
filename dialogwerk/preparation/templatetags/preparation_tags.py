"""The short status of the preparation shown on the dialogue overview."""

from django import template

from .. import selectors

register = template.Library()


@register.simple_tag
def preparation_status(dialogue) -> dict:
    coverage = selectors.coverage_of(dialogue=dialogue)
    worst = max(
        ((theme, len(coverage.gaps_of_theme(theme))) for _id, theme in coverage.themes),
        key=lambda p: p[1],
        default=(None, 0),
    )
    return {
        "analysis": selectors.analysis_of(dialogue=dialogue),
        "actor_count": dialogue.actors.count(),
        "gap_count": len(coverage.gaps),
        "worst_theme": worst[0] if worst[1] else None,
        "worst_missing": worst[1],
        "invited": dialogue.invitations.count(),
        "accepted": dialogue.invitations.filter(status="accepted").count(),
        "registered": dialogue.registrations.filter(status="registered").count(),
        "waiting": dialogue.registrations.filter(status="waiting").count(),
        "task_count": dialogue.project_tasks.count(),
        "has_agenda": hasattr(dialogue, "agenda"),
    }
