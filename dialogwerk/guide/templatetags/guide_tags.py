"""Template tags of the guide: the dialogue checklist and the context help of the current page."""

from django import template
from django.urls import reverse

from dialogwerk.core.page_languages import PARTICIPANT_PAGES
from dialogwerk.dialogues import policy as dialogue_policy
from dialogwerk.live import selectors as live_selectors
from dialogwerk.measures import selectors as measure_selectors
from dialogwerk.tenancy.models import Role
from dialogwerk.tenancy.policy import role_in

from .. import labels
from ..checklist import by_step
from ..help import help_for
from ..selectors import checklist_of

register = template.Library()

# Pages where a help box would be in the way: the projector wall and every participant page. The help texts
# are German staff help; participants read their pages in seven languages, and the join page carries its own
# plain-words notice. Leichte Sprache and the accessibility statement stay linked from the footer.
QUIET = PARTICIPANT_PAGES


@register.simple_tag(takes_context=True)
def dialogue_checklist(context, dialogue):
    """The checklist, its next step the first open one the reader's role acts on."""
    request = context.get("request")
    role = role_in(request.user, dialogue.municipality_id) if request is not None else None
    items = checklist_of(dialogue=dialogue, role=role)
    lines = labels.lines(items, dialogue.pk)
    by_key = {line.item.key: line for line in lines}
    return {
        "next": next((line for line in lines if line.item.next), None),
        "all_done": all(item.done for item in items),
        "steps": [
            {
                "key": step,
                "title": labels.step_title(step),
                "chapter": labels.step_chapter(step),
                "lines": [by_key[item.key] for item in step_items],
                "done": sum(1 for item in step_items if item.done),
                "total": len(step_items),
            }
            for step, step_items in by_step(items)
        ],
    }


@register.simple_tag(takes_context=True)
def context_help(context):
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else None
    if view_name in QUIET:
        return None
    entry = help_for(view_name)
    wizard_links = []
    user = getattr(request, "user", None)
    if view_name == "dashboard" and user is not None and user.is_authenticated:
        for municipality in context.get("municipalities", []):
            if user.has_perm(dialogue_policy.CREATE_DIALOGUE, municipality):
                wizard_links.append((municipality.name, reverse("guide:wizard", args=[municipality.pk])))
    return {
        "text": entry.text if entry else "",
        "url": (
            (reverse("guide:index") if entry.chapter == "index" else reverse("guide:chapter", args=[entry.chapter]))
            + (f"#{entry.anchor}" if entry.anchor else "")
            if entry
            else ""
        ),
        "wizard_links": wizard_links,
    }


@register.simple_tag(takes_context=True)
def role_start(context, municipality):
    """What the reader's role does first in a municipality, for the start page: a moderator's events, a
    Begleitkreis member's measures and steering groups."""
    user = context["request"].user
    role = role_in(user, municipality.pk)
    start = {"role": role, "sessions": [], "measures": [], "steering_dialogues": []}
    if role == Role.MODERATOR:
        start["sessions"] = live_selectors.sessions_of_municipality(municipality_id=municipality.pk)
    elif role == Role.STEERING_MEMBER:
        start["measures"] = measure_selectors.measures_of_person(user=user, municipality_id=municipality.pk)
        start["steering_dialogues"] = measure_selectors.steering_dialogues_of(
            user=user, municipality_id=municipality.pk
        )
    return start
