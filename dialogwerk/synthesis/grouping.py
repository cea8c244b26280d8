"""Offline suggestions for bundling cards: "these 4 cards say nearly the same".

Pure module (no Django). Cards are turned into German-aware word features (folded, stemmed,
compounds split, a few domain synonyms) and character n-grams, compared by cosine similarity,
and clustered by average linkage with a calibrated threshold. Cards in different languages are
never grouped unless their texts are nearly identical. See docs/grouping.md.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix, hstack
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from dialogwerk.synthesis import text_normalize as tn

CardId = Hashable

# Calibrated on dialogwerk/synthesis/data/labelled_cards.json (see docs/grouping.md).
DEFAULT_THRESHOLD = 0.12
# Share of the word features in the combined similarity; the rest is character n-grams.
WORD_WEIGHT = 0.7
# Character-n-gram cosine above which cards in different languages count as the same text.
CROSS_LANGUAGE_NEAR_IDENTICAL = 0.9
TITLE_MAX_CHARS = 60
CHAR_NGRAMS = (3, 5)


@dataclass(frozen=True)
class CardText:
    """What the grouping needs to know about a card (a Contribution)."""

    id: CardId
    text: str
    language: str = "de"
    kind: str | None = None
    theme: Hashable | None = None


@dataclass(frozen=True)
class Suggestion:
    """A proposed bundle: its cards (most central first), mean similarity, a title and key terms."""

    card_ids: tuple[CardId, ...]
    score: float
    title: str
    terms: tuple[str, ...] = field(default=())


@dataclass
class _Features:
    order: list[int]  # positions into the caller's sequence, in canonical order
    matrix: csr_matrix  # combined, rows of unit length (or zero)
    chars: csr_matrix  # character n-grams only, for the cross-language check
    languages: np.ndarray
    word_lists: list[list[str]]
    surfaces: list[dict[str, str]]


def suggest_groups(
    cards: Sequence[CardText],
    *,
    threshold: float | None = None,
    respect_kind: bool = False,
    respect_theme: bool = False,
) -> list[Suggestion]:
    """Suggest bundles of cards that say nearly the same; each card is in at most one suggestion.

    `threshold` is the minimum average cosine similarity within a bundle (default: calibrated).
    With `respect_kind`/`respect_theme`, cards of different kinds/themes are never bundled.
    The result does not depend on the order of `cards` (only on their ids and contents).
    """
    if threshold is None:
        threshold = DEFAULT_THRESHOLD
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    _check_unique_ids(cards)
    if len(cards) < 2:
        return []
    feats = _featurize(cards)
    ordered = [cards[i] for i in feats.order]
    sims = _allowed_similarities(feats, ordered, respect_kind, respect_theme)

    suggestions = []
    for members in _cluster(sims, threshold):
        sub = sims[members][:, members].toarray()
        np.fill_diagonal(sub, 0.0)
        size = len(members)
        score = float(sub.sum() / (size * (size - 1)))
        centrality = sub.sum(axis=1)
        # Most central card first; ties keep canonical order, so the result is deterministic.
        by_centrality = sorted(range(size), key=lambda i: (-centrality[i], members[i]))
        ranked = [members[i] for i in by_centrality]
        suggestions.append(
            Suggestion(
                card_ids=tuple(ordered[i].id for i in ranked),
                score=round(score, 4),
                title=shorten(ordered[ranked[0]].text),
                terms=_shared_terms(feats, ranked),
            )
        )
    suggestions.sort(key=lambda s: (-len(s.card_ids), -s.score, _sort_key(s.card_ids[0])))
    return suggestions


def similar_cards(
    card: CardText, cards: Sequence[CardText], k: int = 5, *, min_score: float = 0.1
) -> list[tuple[CardId, float]]:
    """The k cards most like `card` ("cards like this one"), best first, as (id, similarity).

    Only cards in the same language count, unless their text is nearly identical.
    """
    others = [c for c in cards if c.id != card.id]
    if not others or k <= 0:
        return []
    pool = [card, *others]
    _check_unique_ids(pool)
    feats = _featurize(pool)
    position = {original: row for row, original in enumerate(feats.order)}
    me = position[0]
    row = (feats.matrix[me] @ feats.matrix.T).toarray().ravel()
    chars = (feats.chars[me] @ feats.chars.T).toarray().ravel()
    results = []
    for original, candidate in enumerate(pool[1:], start=1):
        j = position[original]
        score = float(row[j])
        same_language = feats.languages[j] == feats.languages[me]
        if score >= min_score and (same_language or chars[j] >= CROSS_LANGUAGE_NEAR_IDENTICAL):
            results.append((candidate.id, round(score, 4)))
    results.sort(key=lambda item: (-item[1], _sort_key(item[0])))
    return results[:k]


def shorten(text: str, limit: int = TITLE_MAX_CHARS) -> str:
    """One line of at most `limit` characters, cut at a word boundary."""
    line = " ".join((text or "").split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–") + "…"


def _sort_key(card_id: CardId) -> tuple[str, str]:
    return (type(card_id).__name__, str(card_id))


def _check_unique_ids(cards: Sequence[CardText]) -> None:
    if len({c.id for c in cards}) != len(cards):
        raise ValueError("card ids must be unique")


def _word_features(
    language: str, words: list[str], stems: list[str], known: frozenset[str], compound_cache: dict
) -> tuple[list[str], dict[str, str]]:
    features: list[str] = []
    surfaces: dict[str, str] = {}
    for word, stem in zip(words, stems):
        parts = [stem]
        if language == "de":
            key = word
            if key not in compound_cache:
                compound_cache[key] = tn.split_compound(word, known, _german_stem)
            parts += compound_cache[key]
        for part in parts:
            part = tn.GERMAN_SYNONYMS.get(part, part) if language == "de" else part
            # Language-tagged so that a German and a Turkish word spelled alike do not match.
            feature = f"{language}:{part}"
            features.append(feature)
            surfaces.setdefault(feature, word)
    return features, surfaces


def _german_stem(word: str) -> str:
    return tn.stem_all([word], "de")[0]


def _featurize(cards: Sequence[CardText]) -> _Features:
    order = sorted(range(len(cards)), key=lambda i: _sort_key(cards[i].id))
    ordered = [cards[i] for i in order]
    # "DE" or "de-AT" are German too; a missing code means the default language of the UI.
    languages = [(c.language or "de").strip().lower().split("-")[0] or "de" for c in ordered]
    words = [tn.content_tokens(c.text, lang) for c, lang in zip(ordered, languages)]
    stems = [tn.stem_all(w, lang) for w, lang in zip(words, languages)]
    # Words that stand alone somewhere in this batch can be parts of compounds elsewhere in it.
    batch_stems = {
        stem for lang, card_stems in zip(languages, stems) if lang == "de" for stem in card_stems
    }
    known = frozenset({s for s in batch_stems if len(s) >= 4} | tn.GERMAN_COMPOUND_PARTS)
    cache: dict = {}
    word_lists, surfaces = [], []
    for lang, card_words, card_stems in zip(languages, words, stems):
        features, surf = _word_features(lang, card_words, card_stems, known, cache)
        word_lists.append(features)
        surfaces.append(surf)
    char_docs = [" ".join(tn.neutral_tokens(c.text, lang)) for c, lang in zip(ordered, languages)]

    word_matrix = _tfidf(word_lists, analyzer=_identity)
    char_matrix = _tfidf(char_docs, analyzer="char_wb", ngram_range=CHAR_NGRAMS)
    combined = hstack(
        [word_matrix * math.sqrt(WORD_WEIGHT), char_matrix * math.sqrt(1.0 - WORD_WEIGHT)]
    ).tocsr()
    combined = normalize(combined, norm="l2", copy=False)
    return _Features(
        order=order,
        matrix=combined,
        chars=char_matrix,
        languages=_codes(languages),
        word_lists=word_lists,
        surfaces=surfaces,
    )


def _identity(doc: list[str]) -> list[str]:
    return doc


def _tfidf(docs: list, **options) -> csr_matrix:
    if not any(docs):
        return csr_matrix((len(docs), 1), dtype=np.float64)
    vectorizer = TfidfVectorizer(sublinear_tf=True, lowercase=False, **options)
    try:
        return vectorizer.fit_transform(docs).tocsr()
    except ValueError:  # every document empty after analysis
        return csr_matrix((len(docs), 1), dtype=np.float64)


def _allowed_similarities(
    feats: _Features, ordered: Sequence[CardText], respect_kind: bool, respect_theme: bool
) -> csr_matrix:
    """Cosine similarities with the pairs that may never be bundled set to zero."""
    sims = (feats.matrix @ feats.matrix.T).tocoo()
    rows, cols, vals = sims.row, sims.col, sims.data
    keep = rows != cols
    languages = feats.languages
    cross = languages[rows] != languages[cols]
    if cross.any():
        # Word features are tagged by language, so across languages the combined similarity is at
        # least (1 - WORD_WEIGHT) * the character similarity: a cheap filter before the exact check.
        floor = (1.0 - WORD_WEIGHT) * CROSS_LANGUAGE_NEAR_IDENTICAL - 1e-9
        keep[cross & (vals < floor)] = False
        idx = np.flatnonzero(cross & keep)
        char_sims = np.asarray(
            feats.chars[rows[idx]].multiply(feats.chars[cols[idx]]).sum(axis=1)
        ).ravel()
        keep[idx] = char_sims >= CROSS_LANGUAGE_NEAR_IDENTICAL
    if respect_kind:
        kinds = _codes([c.kind for c in ordered])
        keep &= kinds[rows] == kinds[cols]
    if respect_theme:
        themes = _codes([c.theme for c in ordered])
        keep &= themes[rows] == themes[cols]
    n = len(ordered)
    return csr_matrix((vals[keep], (rows[keep], cols[keep])), shape=(n, n))


def _codes(values: list[Hashable]) -> np.ndarray:
    """Integer codes for hashable values (themes may be ids, strings or tuples)."""
    seen: dict[Hashable, int] = {}
    return np.array([seen.setdefault(v, len(seen)) for v in values], dtype=np.int64)


def _cluster(sims: csr_matrix, threshold: float) -> list[list[int]]:
    """Average-linkage clusters of at least two cards whose mean similarity is >= threshold.

    Two clusters merge only if some pair between them reaches the threshold, so clustering each
    connected component of the thresholded graph separately gives the same result, much faster.
    """
    strong = sims.copy()
    strong.data[strong.data < threshold] = 0.0
    strong.eliminate_zeros()
    count, component_of = connected_components(strong, directed=False)
    members_of: dict[int, list[int]] = defaultdict(list)
    for index, component in enumerate(component_of):
        members_of[component].append(index)
    clusters = []
    for members in members_of.values():
        if len(members) < 2:
            continue
        if len(members) == 2:
            clusters.append(members)
            continue
        sub = sims[members][:, members].toarray()
        distances = np.clip(1.0 - sub, 0.0, None)
        np.fill_diagonal(distances, 0.0)
        condensed = distances[np.triu_indices(len(members), k=1)]
        tree = linkage(condensed, method="average")
        labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
        grouped: dict[int, list[int]] = defaultdict(list)
        for member, label in zip(members, labels):
            grouped[label].append(member)
        clusters.extend(g for g in grouped.values() if len(g) >= 2)
    return clusters


def _shared_terms(feats: _Features, members: list[int], limit: int = 3) -> tuple[str, ...]:
    """Surface words of the features most members share, e.g. ("Kita", "Plätze")."""
    counts: Counter[str] = Counter()
    for i in members:
        counts.update(set(feats.word_lists[i]))
    needed = max(2, math.ceil(len(members) / 2))
    terms: list[str] = []
    for feature, count in sorted(counts.items(), key=lambda fc: (-fc[1], fc[0])):
        if count < needed:
            break
        words = Counter(feats.surfaces[i][feature] for i in members if feature in feats.surfaces[i])
        word = min(words.items(), key=lambda wc: (-wc[1], wc[0]))[0]
        if word not in terms:
            terms.append(word)
        if len(terms) == limit:
            break
    return tuple(terms)
