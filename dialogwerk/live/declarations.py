"""The live app's part in what spans apps (core/registry.py): participants, the sessions' steps, cards and dot
votes for the documents, and the checklist's counts of sessions and cards; a participant's data in the privacy
export and erasure."""

from collections import Counter
from collections.abc import Mapping
from typing import Any

from django.db import models

from dialogwerk.core import registry
from dialogwerk.core.document_parts import Card, ParticipantFigures, SessionSteps, VoteResult, with_german
from dialogwerk.core.personal_data import iso
from dialogwerk.dialogues.models import Dialogue
from dialogwerk.dialogues.perspectives import perspective_label

from .models import (
    Contribution,
    ContributionRevision,
    ContributionTranslation,
    DotVoting,
    LiveEvent,
    Participant,
    Session,
    Status,
    Vote,
)

ERASED_PREFIX = "erased:"  # a participant's token hash after erasure: never a SHA-256 hex digest (no login)


def participants(dialogue: Dialogue, *, unknown_label: str) -> ParticipantFigures:
    count, perspectives, languages = 0, Counter[str](), Counter[str]()
    rows = Participant.objects.filter(session__dialogue=dialogue).values_list("perspective", "language")
    for perspective, language in rows:
        count += 1
        perspectives[perspective_label(perspective) if perspective else unknown_label] += 1
        languages[language or unknown_label] += 1
    return ParticipantFigures(count, perspectives, languages)


def session_steps(dialogue: Dialogue) -> list[SessionSteps]:
    return [
        SessionSteps(
            session.get_method_display(),
            [
                ("", step.title, session.get_method_display(), str(step.duration_minutes or ""))
                for step in session.steps.order_by("position")
            ],
        )
        for session in Session.objects.filter(dialogue=dialogue)
    ]


def german_translations(dialogue: Dialogue) -> dict[int, tuple[str, bool]]:
    """card id → (German translation, made by machine and not checked) for the dialogue's non-German cards."""
    rows = ContributionTranslation.objects.filter(contribution__session__dialogue=dialogue, language="de").exclude(
        contribution__language__in=["de", ""]
    )
    return {
        pk: (text, status == "machine") for pk, text, status in rows.values_list("contribution_id", "text", "status")
    }


def cards(dialogue: Dialogue) -> list[Card]:
    """The cards the documents show: neither hidden by the moderation nor merged into another card."""
    labels = dict(Contribution._meta.get_field("kind").choices or [])
    rows = (
        Contribution.objects.filter(session__dialogue=dialogue, hidden=False, merged_into__isnull=True)
        .order_by("theme__position", "theme_id", "kind", "created_at", "id")
        .values_list("id", "kind", "theme_id", "theme__name", "text", "language")
    )
    german = german_translations(dialogue)
    return [
        Card(i, k, str(labels.get(k, k)), t, tn or "", text, lang or "", *german.get(i, ("", False)))
        for i, k, t, tn, text, lang in rows
    ]


def votes(dialogue: Dialogue) -> list[VoteResult]:
    results = []
    german = None  # read once, when the first vote has dots
    for voting in DotVoting.objects.filter(session__dialogue=dialogue).order_by("created_at", "id"):
        active = Vote.objects.filter(voting=voting, withdrawn_at__isnull=True)
        ranking = list(
            active.values("contribution_id", "contribution__text")
            .annotate(dots=models.Count("id"))
            .order_by("-dots", "contribution__text")
        )
        if german is None and ranking:
            german = german_translations(dialogue)
        results.append(
            VoteResult(
                title=voting.title,
                budget=voting.budget,
                voters=active.values("participant").distinct().count(),
                # A card written in another language is named with its German translation after it.
                ranking=[
                    (with_german(row["contribution__text"], (german or {}).get(row["contribution_id"])), row["dots"])
                    for row in ranking
                ],
            )
        )
    return results


def checklist_counts(dialogue: Dialogue) -> dict:
    return {
        "sessions": dialogue.sessions.count(),
        "cards": Contribution.objects.filter(
            session__dialogue=dialogue, hidden=False, merged_into__isnull=True
        ).count(),
    }


def metric_figures():
    """For /metrics: the sessions running now and the participants who joined them."""
    from prometheus_client.core import GaugeMetricFamily

    running = Session.objects.filter(status=Status.RUNNING).count()
    participants = Participant.objects.filter(session__status=Status.RUNNING).count()
    yield GaugeMetricFamily("dialogwerk_live_sessions_running", "Live sessions running now.", value=running)
    yield GaugeMetricFamily(
        "dialogwerk_live_participants_in_running_sessions",
        "Participants who joined a session that runs now.",
        value=participants,
    )


def participant_languages(dialogue: Dialogue) -> dict[str, int]:
    """The languages the participants of the dialogue's sessions chose."""
    return dict(
        Participant.objects.filter(session__dialogue=dialogue)
        .order_by()
        .values_list("language")
        .annotate(n=models.Count("pk"))
        .values_list("language", "n")
    )


def declare() -> None:
    registry.language_demand.declare(app="live", name="participants", part=participant_languages)
    for name, reader in (
        ("participants", participants),
        ("session_steps", session_steps),
        ("cards", cards),
        ("votes", votes),
    ):
        registry.document_sources.declare(app="live", name=name, part=reader)
    registry.checklist_counters.declare(app="live", name="live", part=checklist_counts)
    registry.metric_figures.declare(app="live", name="live sessions", part=metric_figures)
    registry.privacy_parts.declare(
        app="live",
        name="live.participant",
        part=registry.PrivacyPart(
            subject="participant",
            sections=("participant", "event", "cards", "dots"),
            export=participant_export,
            erase=participant_erase,
            holds=("live.Participant", "live.Contribution", "live.ContributionRevision", "live.LiveEvent"),
        ),
    )


# --- privacy: what the app stores about a person (privacy/services.py exports and erases it) ----------------


def is_erased(participant: Participant) -> bool:
    return participant.token_hash.startswith(ERASED_PREFIX)


def participant_export(participant: Participant) -> dict:
    """The participant of a live event, their cards and their dots."""
    session = participant.session
    cards = (
        Contribution.objects.filter(participant=participant)
        .select_related("theme")
        .prefetch_related("translations")
        .order_by("created_at", "id")
    )
    votes = Vote.objects.filter(participant=participant).select_related("voting").order_by("created_at", "id")
    return {
        "participant": {
            "id": participant.pk,
            "display_name": participant.display_name,
            "language": participant.language,
            "perspective": participant.perspective,
            "joined_at": iso(participant.created_at),
            "consented_at": iso(participant.consented_at),
            "notice_version": participant.notice_version,
            "erased": is_erased(participant),
        },
        "event": {"title": session.title, "code": session.code, "dialogue": session.dialogue.title},
        "cards": [
            {
                "id": card.pk,
                "kind": card.kind,
                "theme": card.theme.name,
                "text": card.text,
                "language": card.language,
                "translations": {t.language: t.text for t in card.translations.all()},
                "created_at": iso(card.created_at),
                "hidden": card.hidden,
            }
            for card in cards
        ],
        "dots": [
            {
                "question": vote.voting.title,
                "card": vote.contribution_id,
                "placed_at": iso(vote.created_at),
                "withdrawn_at": iso(vote.withdrawn_at),
            }
            for vote in votes
        ],
    }


def participant_erase(participant: Participant, _context: Mapping[str, Any]) -> None:
    """Remove what identifies the participant; cards and dots stay, now nobody's."""
    card_ids = set(Contribution.objects.filter(participant=participant).values_list("pk", flat=True))
    # The live event log repeats each card with its author's display name (screens replay it).
    if card_ids:
        for event in LiveEvent.objects.filter(session_id=participant.session_id, kind="card"):
            payload = event.payload or {}
            if payload.get("id") in card_ids and payload.get("author"):
                LiveEvent.objects.filter(pk=event.pk).update(payload={**payload, "author": ""})
    # Earlier wordings a moderator kept may name them too.
    ContributionRevision.objects.filter(contribution_id__in=card_ids).update(text="")
    erased_hash = f"{ERASED_PREFIX}{participant.pk}"
    Participant.objects.filter(pk=participant.pk).update(
        display_name="", perspective="", language="", token_hash=erased_hash
    )
    participant.display_name = participant.perspective = participant.language = ""
    participant.token_hash = erased_hash
