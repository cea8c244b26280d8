"""What the documents know about a dialogue: the document sources the apps declare (core/registry.py),
read and, where a section draws on more than one app, put together. Only aggregate or consented data
leaves this module.

No app's models are imported here: each app reads its own data in its `declarations.py`. A source that no
app declares, or a reader that fails, raises; "nothing recorded" is an empty result.
"""

from dialogwerk.core.document_parts import (  # noqa: F401  (the shapes, read by the documents through here)
    Agenda,
    Bundle,
    Card,
    DecisionRow,
    MeasureRow,
    NeedsAnalysis,
    Participation,
    SteeringGroupInfo,
    Survey,
    VoteResult,
    WorkingGroupRow,
    distinct_names,
    with_german,
)
from dialogwerk.core.registry import document_sources

KIND_ORDER = ["situation", "field_of_action", "conflict", "idea"]


def read(name: str, dialogue, **options):
    """The declared source `name` for the dialogue."""
    return document_sources.get(name)(dialogue, **options)


def needs_analysis(dialogue) -> NeedsAnalysis:
    return read("needs_analysis", dialogue)


def participation(dialogue, *, unknown_label: str = "ohne Angabe") -> Participation:
    """Phones in the live sessions (live) and answers to the invitations (preparation); perspectives from the
    phones, else from the accepted invitations."""
    phones = read("participants", dialogue, unknown_label=unknown_label)
    invitations = read("invitations", dialogue, unknown_label=unknown_label)
    perspectives = phones.by_perspective if phones.participants else invitations.by_perspective
    return Participation(
        participants=phones.participants,
        by_perspective=perspectives.most_common(),
        accepted_invitations=invitations.accepted,
        invitations=invitations.invited,
        by_language=phones.by_language.most_common(),
        consenting_organisations=invitations.consenting_organisations,
        counted=dialogue.people_counted,
    )


def agenda(dialogue) -> Agenda:
    """The agenda (design) and the live sessions' methods; the first session's steps when there is no agenda."""
    plan = read("agenda", dialogue)
    items, methods = list(plan.items), list(plan.methods)
    for session in read("session_steps", dialogue):
        methods.append(session.method)
        if not items:
            items.extend(session.steps)
    return Agenda(plan.starts_at, plan.ends_at, items, distinct_names(methods))


def cards(dialogue) -> list[Card]:
    return read("cards", dialogue)


def bundles(dialogue) -> list[Bundle]:
    return read("bundles", dialogue)


def bundled_card_ids(dialogue) -> set[int]:
    """The cards that sit in a bundle (a card is in at most one)."""
    return read("bundled_card_ids", dialogue)


def votes(dialogue) -> list[VoteResult]:
    return read("votes", dialogue)


def decisions(dialogue) -> tuple[list[DecisionRow], list[WorkingGroupRow]]:
    return read("decisions", dialogue)


def measures(dialogue) -> list[MeasureRow]:
    return read("measures", dialogue)


def steering_group(dialogue) -> SteeringGroupInfo:
    return read("steering_group", dialogue)


def survey(dialogue) -> Survey:
    """Answers of the participants' short survey at the end of the dialogue's live sessions."""
    return read("survey", dialogue)
