"""The bundling suggestions' background work: each card's sentence vector stored once after it is written,
the suggestions computed by the task worker and kept in the database (SuggestionSet, which the worker and
every app process share) until the loose cards change, never inside the board's request (docs/grouping.md)."""

import datetime

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.live.models import Contribution

from . import selectors
from .models import CardVector, SuggestionSet

# Beyond this the board shows no suggestions (10,000 take about 3 s and 300 MB in the worker).
MAX_SUGGESTED_CARDS = 10_000
EMBED_BATCH = 64
EMBED_DEBOUNCE_SECONDS = 10


def board_scope(*, session_id: int | None, theme_id: int | None, kind: str) -> str:
    """The board's filters, as the SuggestionSet of a dialogue names them."""
    return f"{session_id or ''}:{theme_id or ''}:{kind or ''}"


def vectors_store(cards) -> int:
    """Compute and store the vectors of `cards` (rows with pk and text) that have none for their text;
    returns how many. Runs in the task worker: the model is loaded there only."""
    from . import embedding

    missing = selectors.cards_without_vectors(cards)
    for start in range(0, len(missing), EMBED_BATCH):
        batch = missing[start : start + EMBED_BATCH]
        vectors = embedding.embed([card.text for card in batch])
        rows = [
            CardVector(
                contribution_id=card.pk,
                model=embedding.MODEL,
                text_hash=embedding.text_key(card.text),
                vector=embedding.to_bytes(vector),
            )
            for card, vector in zip(batch, vectors)
        ]
        try:
            with transaction.atomic():
                CardVector.objects.bulk_create(
                    rows,
                    update_conflicts=True,
                    unique_fields=["contribution"],
                    update_fields=["model", "text_hash", "vector"],
                )
        except IntegrityError:  # a card was deleted meanwhile: the others are stored on the next run
            continue
    return len(missing)


def session_vectors_store(*, session_id: int) -> int:
    """The vectors of a session's visible cards that have none yet (the task after cards were written)."""
    cards = Contribution.objects.filter(session_id=session_id, hidden=False, merged_into__isnull=True)
    return vectors_store(list(cards.values_list("pk", "text", named=True)))


def suggestions_compute(*, dialogue: Dialogue, session_id: int | None, theme_id: int | None, kind: str) -> int:
    """Compute the suggestions for the board's loose cards under these filters and store them; returns how
    many."""
    cards = selectors.loose_card_rows(
        selectors.board_cards(dialogue=dialogue, session_id=session_id, theme_id=theme_id, kind=kind)
    )
    found = []
    if len(cards) <= MAX_SUGGESTED_CARDS:
        from . import grouping

        vectors_store(cards)
        texts = [
            grouping.CardText(
                id=card.pk, text=card.text, language=card.language or "de", kind=card.kind, theme=card.theme_id
            )
            for card in cards
        ]
        found = grouping.suggest_groups(
            texts, vectors=selectors.card_vectors(cards), respect_kind=True, respect_theme=True
        )
    SuggestionSet.objects.update_or_create(
        dialogue=dialogue,
        scope=board_scope(session_id=session_id, theme_id=theme_id, kind=kind),
        defaults={
            "digest": selectors.suggestions_digest(dialogue=dialogue, cards=cards),
            "suggestions": [
                {"card_ids": list(s.card_ids), "score": s.score, "title": s.title, "terms": list(s.terms)}
                for s in found
            ],
            "computed_at": timezone.now(),
        },
    )
    return len(found)


def suggestions_request(
    *, dialogue: Dialogue, session_id: int | None, theme_id: int | None, kind: str, digest: str
) -> bool:
    """Queue the computation of the suggestions for these loose cards, once (again if the worker has not
    answered within SuggestionSet.REQUEST_SECONDS); True if it was queued now."""
    from .tasks import compute_suggestions

    scope = board_scope(session_id=session_id, theme_id=theme_id, kind=kind)
    now = timezone.now()
    SuggestionSet.objects.get_or_create(dialogue=dialogue, scope=scope)
    claimed = (
        SuggestionSet.objects.filter(dialogue=dialogue, scope=scope)
        .exclude(
            requested_digest=digest, requested_at__gte=now - datetime.timedelta(seconds=SuggestionSet.REQUEST_SECONDS)
        )
        .update(requested_digest=digest, requested_at=now)
    )
    if claimed:
        compute_suggestions.enqueue(dialogue.pk, session_id, theme_id, kind)
    return bool(claimed)


def vectors_request(*, session_id: int, debounce: bool = True) -> None:
    """Queue the embedding of a session's new cards. After cards are written at most once in
    EMBED_DEBOUNCE_SECONDS per session and app process: the task takes every card written until it runs
    (and the suggestions' computation any card still without a vector)."""
    from .tasks import embed_cards

    if not debounce or cache.add(f"synthesis:vectors-queued:{session_id}", True, EMBED_DEBOUNCE_SECONDS):
        embed_cards.enqueue(session_id)
