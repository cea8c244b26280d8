from django import template
from django.utils import timezone

from dialogwerk.measures import dashboard, selectors

register = template.Library()


@register.simple_tag
def implementation_summary(dialogue) -> dict:
    """Counts for the dialogue overview's Implementation section."""
    facts = selectors.facts_of(dialogue=dialogue)
    today = timezone.localdate()
    return {
        "total": len(facts),
        "progress": dashboard.roll_up([(f.progress, f.status) for f in facts]),
        "overdue": sum(dashboard.is_overdue(f, today) for f in facts),
        "public": dialogue.measures.filter(public=True).exists()
        or dialogue.result_summaries.filter(language="de").exists(),
    }
