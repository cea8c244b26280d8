"""The dialogue's checklist: turns counts into items per lifecycle step, each done or not, one marked next.

No Django here: the counts come from `selectors.checklist_counts`, the wording from `labels.py`.
"""

from dataclasses import dataclass, field

STEPS = ("preparation", "dialogue", "results", "implementation", "funding")


@dataclass(frozen=True)
class Counts:
    answered_questions: int = 0
    analysis_complete: bool = False
    themes: int = 0
    actors: int = 0
    perspectives: int = 0
    empty_perspectives: int = 0
    worst_theme: str = ""  # the theme with the most missing perspectives
    worst_theme_missing: int = 0
    invitable_actors: int = 0  # with e-mail and consent
    invitations_sent: int = 0  # by every channel: e-mail, letter, in person or by phone
    invitations_by_letter: int = 0
    invitations_in_person: int = 0
    actors_not_invited: int = 0
    invitations_accepted: int = 0
    agenda_items: int = 0
    tasks: int = 0
    tasks_done: int = 0
    tasks_overdue: int = 0
    sessions: int = 0
    cards: int = 0
    clusters: int = 0
    decisions: int = 0
    measures: int = 0
    documents_ready: int = 0
    steering_members: int = 0
    measures_with_progress: int = 0
    funding_application: str = ""  # "", or the application's status
    funding_report: str = ""  # "", or the report's status


@dataclass(frozen=True)
class Item:
    key: str
    step: str
    done: bool
    numbers: dict = field(default_factory=dict)
    next: bool = False


def _items(c: Counts) -> list[Item]:
    return [
        Item("analysis", "preparation", c.analysis_complete, {"answered": c.answered_questions, "total": 5}),
        Item("themes", "preparation", c.themes > 0, {"themes": c.themes}),
        Item(
            "actors",
            "preparation",
            c.actors > 0 and c.empty_perspectives == 0,
            {
                "actors": c.actors,
                "empty": c.empty_perspectives,
                "worst_theme": c.worst_theme,
                "worst_missing": c.worst_theme_missing,
            },
        ),
        Item(
            "invitations",
            "preparation",
            # Every actor invited by some channel: those without e-mail by letter or in person.
            c.invitations_sent > 0 and c.actors_not_invited == 0,
            {
                "sent": c.invitations_sent,
                "actors": c.actors,
                "accepted": c.invitations_accepted,
                "email": c.invitations_sent - c.invitations_by_letter - c.invitations_in_person,
                "letter": c.invitations_by_letter,
                "personal": c.invitations_in_person,
                "missing": c.actors_not_invited,
            },
        ),
        Item("agenda", "preparation", c.agenda_items > 0, {"items": c.agenda_items}),
        Item(
            "plan",
            "preparation",
            c.tasks > 0 and c.tasks_overdue == 0,
            {"tasks": c.tasks, "done": c.tasks_done, "overdue": c.tasks_overdue},
        ),
        Item("session", "dialogue", c.sessions > 0, {"sessions": c.sessions}),
        Item("cards", "dialogue", c.cards > 0, {"cards": c.cards}),
        Item("clusters", "results", c.clusters > 0, {"clusters": c.clusters}),
        Item("decisions", "results", c.decisions > 0, {"decisions": c.decisions}),
        Item("catalogue", "results", c.measures > 0, {"measures": c.measures}),
        Item("documents", "results", c.documents_ready > 0, {"documents": c.documents_ready}),
        Item("steering", "implementation", c.steering_members > 0, {"members": c.steering_members}),
        Item(
            "progress",
            "implementation",
            c.measures > 0 and c.measures_with_progress >= c.measures,
            {"with_progress": c.measures_with_progress, "measures": c.measures},
        ),
        Item(
            "funding_application",
            "funding",
            c.funding_application in {"submitted", "approved"},
            {"status": c.funding_application},
        ),
        Item("funding_report", "funding", c.funding_report in {"submitted", "closed"}, {"status": c.funding_report}),
    ]


# What a role does itself (the planners, consultant and municipality administrator, do everything): the
# next step shown to a moderator is the event, to a Begleitkreis member the progress reports.
ROLE_ITEMS = {
    "moderator": {"session", "cards"},
    "steering_member": {"progress"},
    "interpreter": set(),
}


def checklist(counts: Counts, role: str | None = None) -> list[Item]:
    """All items in lifecycle order; the first one not done that the role acts on is marked `next`."""
    items = _items(counts)
    mine = ROLE_ITEMS.get(role or "")
    for index, item in enumerate(items):
        if not item.done and (mine is None or item.key in mine):
            items[index] = Item(item.key, item.step, item.done, item.numbers, next=True)
            break
    return items


def next_item(items: list[Item]) -> Item | None:
    return next((item for item in items if item.next), None)


def by_step(items: list[Item]) -> list[tuple[str, list[Item]]]:
    return [(step, [item for item in items if item.step == step]) for step in STEPS]
