"""Reads for bundling and decisions, always within one dialogue the user may see."""

import datetime
import hashlib
from collections import defaultdict
from typing import TYPE_CHECKING, NamedTuple

from django.db.models import CharField, F, Prefetch, Q, QuerySet
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone
from django.utils.text import Truncator

from dialogwerk.core.relations import across
from dialogwerk.dialogues.models import Dialogue
from dialogwerk.live.models import Contribution, ContributionTranslation, Session

from .models import (
    CardKind,
    CardVector,
    Cluster,
    ClusterCard,
    Decision,
    DecisionCorrection,
    SuggestionSet,
    WorkingGroup,
    WorkingGroupProposal,
)

if TYPE_CHECKING:
    import numpy as np


def sessions_of(*, dialogue: Dialogue) -> QuerySet[Session]:
    return dialogue.sessions.order_by("-created_at", "-id")


def cards_of(*, dialogue: Dialogue, session_id: int | None = None) -> QuerySet[Contribution]:
    """The visible cards of the dialogue's sessions (hidden and merged-away cards are not bundled)."""
    cards = Contribution.objects.filter(session__dialogue=dialogue, hidden=False, merged_into__isnull=True)
    if session_id:
        cards = cards.filter(session_id=session_id)
    return cards.select_related("theme").order_by("theme__position", "kind", "created_at", "id")


def board_cards(
    *, dialogue: Dialogue, session_id: int | None = None, theme_id: int | None = None, kind: str = ""
) -> QuerySet[Contribution]:
    """The cards the board lists under its filters."""
    cards = cards_of(dialogue=dialogue, session_id=session_id)
    if theme_id:
        cards = cards.filter(theme_id=theme_id)
    if kind:
        cards = cards.filter(kind=kind)
    return cards


def get_card(*, dialogue: Dialogue, card_id: int) -> Contribution:
    try:
        return Contribution.objects.select_related("theme").get(pk=card_id, session__dialogue=dialogue)
    except Contribution.DoesNotExist:
        raise Http404 from None


def clusters_of(
    *, dialogue: Dialogue, theme_id: int | None = None, kind: str = "", with_cards: bool = True
) -> QuerySet[Cluster]:
    """The dialogue's clusters, with their theme and cards unless `with_cards` is false (the board names the
    themes from the dialogue's own: joined, PostgreSQL hashed every theme of the installation); with a theme
    or kind, those of it and those without one."""
    clusters = dialogue.clusters.all()
    if with_cards:
        clusters = clusters.select_related("theme").prefetch_related(
            Prefetch(
                "placements",
                queryset=ClusterCard.objects.select_related("contribution__theme").order_by("added_at", "id"),
            )
        )
    if theme_id:
        clusters = clusters.filter(Q(theme_id=theme_id) | Q(theme__isnull=True))
    if kind:
        clusters = clusters.filter(Q(kind=kind) | Q(kind=""))
    return clusters.order_by("position", "id")


def cluster_choices_of(*, dialogue: Dialogue) -> list[tuple[int, str]]:
    return list(dialogue.clusters.order_by("position", "id").values_list("pk", "title"))


def undecided_cluster_choices_of(*, dialogue: Dialogue) -> list[tuple[int, str]]:
    """(id, title) of the clusters no decision has been taken on yet."""
    return list(dialogue.clusters.filter(decisions__isnull=True).order_by("position", "id").values_list("pk", "title"))


def undecided_loose_idea_texts_of(*, dialogue: Dialogue) -> list[tuple[int, str, str]]:
    """(id, text, language) of the idea cards in no cluster and with no decision of their own, in the board's
    order."""
    return list(
        cards_of(dialogue=dialogue)
        .filter(kind=CardKind.IDEA, cluster_placements__isnull=True, decisions__isnull=True)
        .values_list("pk", "text", "language")
    )


def get_cluster(*, dialogue: Dialogue, cluster_id: int) -> Cluster:
    try:
        return dialogue.clusters.get(pk=cluster_id)
    except Cluster.DoesNotExist:
        raise Http404 from None


def bundled_card_count(*, dialogue: Dialogue) -> int:
    """How many cards of the dialogue are in a cluster (a card is in one at most)."""
    return ClusterCard.objects.filter(cluster__dialogue=dialogue).count()


def bundled_card_ids(*, dialogue: Dialogue) -> dict[int, int]:
    """card id → cluster id for every bundled card of the dialogue."""
    return dict(ClusterCard.objects.filter(cluster__dialogue=dialogue).values_list("contribution_id", "cluster_id"))


def loose_card_rows(cards: QuerySet[Contribution]) -> list:
    """The cards of `cards` that are in no cluster, in order, as rows with what the board shows of them
    (pk, text, language, kind, theme_id, theme__name) and when they last changed as text (`changed`, which
    keys the suggestions' cache: read as text, not parsed into 400 datetimes): reading thousands of cards as
    model instances took most of the board's time (docs/performance.md)."""
    return list(
        cards.filter(cluster_placements__isnull=True)
        .annotate(changed=Cast("updated_at", CharField()))
        .values_list("pk", "changed", "text", "language", "kind", "theme_id", "theme__name", named=True)
    )


class ClusterCardRow(NamedTuple):
    """A card of a cluster as the board shows it (the same names as a row of `loose_card_rows`)."""

    pk: int
    text: str
    language: str
    kind: str
    theme_id: int | None
    theme__name: str | None


def cluster_card_rows(*, cluster_ids: list[int]) -> dict[int, list[ClusterCardRow]]:
    """cluster id → its cards in the order they were put in, as rows: a page of clusters holds some hundred
    cards, and building them as model instances took a fifth of the board's time (docs/performance.md)."""
    by_cluster = defaultdict(list)
    placements = (
        ClusterCard.objects.filter(cluster_id__in=cluster_ids)
        .order_by("added_at", "id")
        .values_list(
            "cluster_id",
            "contribution_id",
            "contribution__text",
            "contribution__language",
            "contribution__kind",
            "contribution__theme_id",
            "contribution__theme__name",
        )
    )
    for cluster_id, *card in placements:
        by_cluster[cluster_id].append(ClusterCardRow(*card))
    return by_cluster


def german_translations(cards) -> dict[int, tuple[str, str]]:
    """card id → (German translation, its status) for the cards among `cards` (rows or cards) that have one.

    One query whenever cards are shown, whichever languages they are in: the page's query count stays the
    same however many cards, and in which languages, it lists (tests/scaleout/test_query_budgets.py)."""
    if not cards:
        return {}
    # Every shown card's id (a German card has no German translation): an empty list would skip the query.
    rows = ContributionTranslation.objects.filter(
        contribution_id__in=[card.pk for card in cards], language="de"
    ).order_by()
    return {pk: (text, status) for pk, text, status in rows.values_list("contribution_id", "text", "status")}


class ShownSuggestion(NamedTuple):
    """A suggestion as stored (grouping.Suggestion, without loading the grouping's libraries)."""

    card_ids: tuple[int, ...]
    score: float
    title: str
    terms: tuple[str, ...]


class BoardSuggestions(NamedTuple):
    """What the board shows of the suggestions: those computed for exactly these loose cards (`fresh`), or
    while the worker computes new ones, the last ones computed under the same filters, less the cards
    bundled since."""

    suggestions: list[ShownSuggestion]
    fresh: bool
    digest: str
    # The worker was asked for these cards' suggestions a short while ago (SuggestionSet.REQUEST_SECONDS).
    requested: bool = False


def suggestions_digest(*, dialogue: Dialogue, cards: list) -> str:
    """Which loose cards (rows of `loose_card_rows`), as they were last changed."""
    return hashlib.sha256(",".join(f"{c.pk}:{c.changed}" for c in cards).encode()).hexdigest()[:32]


def board_suggestions(*, dialogue: Dialogue, cards: list, scope: str) -> BoardSuggestions:
    """The suggestions for the board's loose `cards` under the filters `scope`. Never computed here: the task
    worker computes them (synthesis/suggestions.py), the board asks for them."""
    digest = suggestions_digest(dialogue=dialogue, cards=cards)
    stored = (
        SuggestionSet.objects.filter(dialogue=dialogue, scope=scope)
        .values_list("digest", "suggestions", "requested_digest", "requested_at")
        .first()
    )
    if stored is None:
        return BoardSuggestions([], False, digest)
    computed_for, items, requested_for, requested_at = stored
    loose = {c.pk: c for c in cards}
    shown = []
    for item in items:
        ids = tuple(i for i in item["card_ids"] if i in loose)
        if len(ids) < 2:
            continue
        # The title is the first card's text: a card bundled or hidden since must not lend it its words.
        title = (
            item["title"]
            if ids[0] == item["card_ids"][0]
            else Truncator(" ".join(loose[ids[0]].text.split())).chars(60)
        )
        shown.append(ShownSuggestion(ids, item["score"], title, tuple(item["terms"])))
    recently = timezone.now() - datetime.timedelta(seconds=SuggestionSet.REQUEST_SECONDS)
    requested = requested_for == digest and requested_at is not None and requested_at >= recently
    return BoardSuggestions(shown, computed_for == digest, digest, requested)


def card_vectors(cards) -> dict[int, "np.ndarray"]:
    """card id → its stored sentence vector, centred for the grouping (embedding.centre), for the cards among
    `cards` (rows with pk, text and language) whose vector is of the current model and their current text."""
    from . import embedding

    by_id = {card.pk: card for card in cards}
    rows = CardVector.objects.filter(contribution_id__in=list(by_id), model=embedding.MODEL).values_list(
        "contribution_id", "text_hash", "vector"
    )
    current = [(pk, bytes(vector)) for pk, text_hash, vector in rows if text_hash == embedding.text_key(by_id[pk].text)]
    if not current:
        return {}
    raw = [embedding.from_bytes(vector) for _pk, vector in current]
    centred = embedding.centre(raw, [by_id[pk].language or "de" for pk, _vector in current])
    return {pk: vector for (pk, _vector), vector in zip(current, centred)}


class SimilarCard(NamedTuple):
    card: object  # a row as `similar_cards_of` reads it
    score: float


SIMILAR_CARDS_SHOWN = 12


def similar_cards_of(*, dialogue: Dialogue, card: Contribution) -> list[SimilarCard] | None:
    """ "Cards like this one": the dialogue's visible cards nearest to `card` by their stored sentence vectors,
    in any language, bundled or not; None while the card has no vector yet."""
    import numpy as np

    from . import embedding

    rows = list(
        cards_of(dialogue=dialogue)
        .annotate(cluster_id=F("cluster_placements__cluster_id"), cluster_title=F("cluster_placements__cluster__title"))
        .values_list(
            "pk", "text", "language", "kind", "theme_id", "theme__name", "cluster_id", "cluster_title", named=True
        )
    )
    vectors = card_vectors(rows)
    mine = vectors.get(card.pk)
    if mine is None:
        return None
    others = [row for row in rows if row.pk != card.pk and row.pk in vectors]
    if not others:
        return []
    candidates = np.stack([vectors[row.pk] for row in others])
    found = embedding.nearest(mine, candidates, SIMILAR_CARDS_SHOWN, floor=embedding.UNRELATED)
    return [SimilarCard(others[row], score) for row, score in found]


def cards_without_vectors(cards) -> list:
    """Those of `cards` (rows with pk and text) with no vector of the current model and their current text."""
    from . import embedding

    stored = dict(
        CardVector.objects.filter(contribution_id__in=[card.pk for card in cards], model=embedding.MODEL).values_list(
            "contribution_id", "text_hash"
        )
    )
    return [card for card in cards if stored.get(card.pk) != embedding.text_key(card.text)]


def decisions_of(*, dialogue: Dialogue) -> QuerySet[Decision]:
    # The proposals with their groups are fetched separately (when there are any): joined in too, the seven
    # tables took PostgreSQL 3–5 ms to plan on every view of the decisions (docs/performance.md).
    return dialogue.decisions.select_related("cluster", "contribution", "working_group", "decided_by").prefetch_related(
        "measures", "proposal__working_group"
    )


def decision_list_of(*, dialogue: Dialogue) -> QuerySet[Decision]:
    """`decisions_of` with only what the decisions page shows of each (`synthesis_tags.decision_items`): fifty
    decisions with their clusters, groups and deciders as whole rows were a quarter of the page's time."""
    return (
        dialogue.decisions.select_related("cluster", "contribution", "working_group", "decided_by")
        .only(
            "dialogue_id",
            "title",
            "outcome",
            "reason",
            "decided_at",
            "proposal_id",
            "body",
            "body_decided_on",
            "document",
            "cluster__title",
            "contribution__text",
            "working_group__name",
            "working_group__proposal_due_on",
            "decided_by__first_name",
            "decided_by__last_name",
            "decided_by__email",
        )
        .prefetch_related(
            # Measures are above synthesis in the apps' order.
            Prefetch("measures", queryset=across(Decision, "measures").only("title", "decision_id")),
            Prefetch("proposal", queryset=WorkingGroupProposal.objects.select_related("working_group")),
            Prefetch("corrections", queryset=DecisionCorrection.objects.order_by("-created_at", "-id")),
        )
    )


def corrections_of(*, decision: Decision) -> QuerySet[DecisionCorrection]:
    return decision.corrections.select_related("actor")


def get_decision(*, dialogue: Dialogue, decision_id: int) -> Decision:
    try:
        return dialogue.decisions.get(pk=decision_id)
    except Decision.DoesNotExist:
        raise Http404 from None


def working_groups_of(*, dialogue: Dialogue) -> QuerySet[WorkingGroup]:
    return dialogue.working_groups.select_related("convenor").prefetch_related("member_users", "proposals__decisions")


def get_working_group(*, dialogue: Dialogue, group_id: int) -> WorkingGroup:
    try:
        return working_groups_of(dialogue=dialogue).get(pk=group_id)
    except WorkingGroup.DoesNotExist:
        raise Http404 from None


def open_proposals_of(*, dialogue: Dialogue) -> QuerySet[WorkingGroupProposal]:
    return WorkingGroupProposal.objects.filter(working_group__dialogue=dialogue, decisions__isnull=True).select_related(
        "working_group"
    )
