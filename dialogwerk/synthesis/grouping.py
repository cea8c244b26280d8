"""Offline suggestions for bundling cards: "these 4 cards say nearly the same".

Pure module (no Django). Two similarities are combined: a lexical one (German-aware word features —
folded, stemmed, compounds split, a few domain synonyms — and character n-grams, TF-IDF weighted) and,
where the caller has them, multilingual sentence vectors (`embedding.py`), which also compare cards
written in different languages. Each card keeps only its nearest neighbours (a sparse graph, so memory
grows linearly), and bundles grow best-first by average similarity up to a size cap, until about half
the cards are in a bundle. See docs/grouping.md.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from dialogwerk.synthesis import embedding
from dialogwerk.synthesis import text_normalize as tn

CardId = Hashable

# Calibrated on a held-out split of dialogwerk/synthesis/data/ (see docs/grouping.md).
# The least average similarity inside a suggested bundle.
DEFAULT_THRESHOLD = 0.12
# At most this share of the cards is put into suggestions: the most certain bundles first. SMALL_SESSION
# cards may always be, so a small session is cut by the threshold alone.
DEFAULT_COVERAGE = 0.5
SMALL_SESSION = 12
# A bundle larger than this is no longer "cards that say the same"; the board shows small ones first.
DEFAULT_MAX_SIZE = 12
# How many nearest neighbours each card keeps in the similarity graph.
NEIGHBOURS = 12
# Share of the word features in the lexical similarity; the rest is character n-grams.
WORD_WEIGHT = 0.7
# Share of the lexical similarity where two cards of one language both have vectors; the rest is the
# vectors' (rescaled) cosine. Across languages only the vectors can compare.
LEXICAL_WEIGHT = 0.7
# The centred vectors' cosine counts from here (embedding.UNRELATED): below it, it is 0.
VECTOR_FLOOR = embedding.UNRELATED
# Character-n-gram cosine above which cards in different languages count as the same text.
CROSS_LANGUAGE_NEAR_IDENTICAL = 0.9
TITLE_MAX_CHARS = 60
CHAR_NGRAMS = (3, 5)
# Rows of the similarity matrix computed at a time: memory stays at BLOCK_CELLS numbers per block.
BLOCK_CELLS = 2_000_000


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
    matrix_t: csr_matrix  # its transpose, made once for the blocks of rows
    chars: csr_matrix  # character n-grams only, for the cross-language check
    languages: np.ndarray  # integer codes
    languages_text: list[str]
    word_lists: list[list[str]]
    surfaces: list[dict[str, str]]
    vectors: np.ndarray  # unit rows; zero where a card has none
    has_vector: np.ndarray


def suggest_groups(
    cards: Sequence[CardText],
    *,
    vectors: Mapping[CardId, np.ndarray] | None = None,
    threshold: float | None = None,
    coverage: float | None = None,
    max_size: int | None = None,
    respect_kind: bool = False,
    respect_theme: bool = False,
) -> list[Suggestion]:
    """Suggest bundles of cards that say nearly the same; each card is in at most one suggestion.

    `vectors` maps card ids to sentence vectors as `embedding.centre` gives them (cards without one
    compare by their words only).
    `threshold` is the least average similarity within a bundle, `coverage` the largest share of the
    cards put into bundles, `max_size` the largest bundle. With `respect_kind`/`respect_theme`, cards of
    different kinds/themes are never bundled. The best bundles come first. The result does not depend on
    the order of `cards` (only on their ids, contents and vectors).
    """
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    coverage = DEFAULT_COVERAGE if coverage is None else coverage
    max_size = DEFAULT_MAX_SIZE if max_size is None else max_size
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    if not 0.0 < coverage <= 1.0:
        raise ValueError("coverage must be in (0, 1]")
    if max_size < 2:
        raise ValueError("max_size must be at least 2")
    _check_unique_ids(cards)
    if len(cards) < 2:
        return []
    feats = _featurize(cards, vectors)
    ordered = [cards[i] for i in feats.order]
    graph = _neighbour_graph(feats, ordered, respect_kind, respect_theme)
    budget = max(SMALL_SESSION, math.floor(coverage * len(cards)))

    suggestions = []
    for members in _agglomerate(graph, threshold, max_size, budget):
        centrality = _centrality(graph, members)
        size = len(members)
        # Mean similarity of all pairs in the bundle (pairs outside the neighbour graph count as 0).
        score = sum(centrality) / (size * (size - 1))
        # Most central card first, a German one if there is (the staff read the board in German);
        # ties keep canonical order, so the result is deterministic.
        by_centrality = sorted(
            range(size), key=lambda i: (feats.languages_text[members[i]] != "de", -centrality[i], members[i])
        )
        ranked = [members[i] for i in by_centrality]
        suggestions.append(
            Suggestion(
                card_ids=tuple(ordered[i].id for i in ranked),
                score=round(score, 4),
                title=shorten(ordered[ranked[0]].text),
                terms=_shared_terms(feats, ranked),
            )
        )
    suggestions.sort(key=lambda s: (-s.score, -len(s.card_ids), _sort_key(s.card_ids[0])))
    return suggestions


def similar_cards(
    card: CardText,
    cards: Sequence[CardText],
    k: int = 5,
    *,
    vectors: Mapping[CardId, np.ndarray] | None = None,
    min_score: float = 0.1,
) -> list[tuple[CardId, float]]:
    """The k cards most like `card` ("cards like this one"), best first, as (id, similarity).

    Without vectors only cards in the same language count, unless their text is nearly identical.
    """
    others = [c for c in cards if c.id != card.id]
    if not others or k <= 0:
        return []
    pool = [card, *others]
    _check_unique_ids(pool)
    feats = _featurize(pool, vectors)
    position = {original: row for row, original in enumerate(feats.order)}
    me = position[0]
    row = _similarity_block(feats, np.array([me]))[0]
    results = []
    for original, candidate in enumerate(pool[1:], start=1):
        score = float(row[position[original]])
        if score >= min_score:
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


def _featurize(cards: Sequence[CardText], vectors: Mapping[CardId, np.ndarray] | None = None) -> _Features:
    order = sorted(range(len(cards)), key=lambda i: _sort_key(cards[i].id))
    ordered = [cards[i] for i in order]
    # "DE" or "de-AT" are German too; a missing code means the default language of the UI.
    languages = [(c.language or "de").strip().lower().split("-")[0] or "de" for c in ordered]
    words = [tn.content_tokens(c.text, lang) for c, lang in zip(ordered, languages)]
    stems = [tn.stem_all(w, lang) for w, lang in zip(words, languages)]
    # Words that stand alone somewhere in this batch can be parts of compounds elsewhere in it.
    batch_stems = {stem for lang, card_stems in zip(languages, stems) if lang == "de" for stem in card_stems}
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
    combined = hstack([word_matrix * math.sqrt(WORD_WEIGHT), char_matrix * math.sqrt(1.0 - WORD_WEIGHT)]).tocsr()
    combined = normalize(combined, norm="l2", copy=False)
    matrix, has_vector = _vector_matrix(ordered, vectors or {})
    return _Features(
        order=order,
        matrix=combined,
        matrix_t=combined.T.tocsr(),
        chars=char_matrix,
        languages=_codes(languages),
        languages_text=languages,
        word_lists=word_lists,
        surfaces=surfaces,
        vectors=matrix,
        has_vector=has_vector,
    )


def _vector_matrix(ordered: Sequence[CardText], vectors: Mapping[CardId, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    found = [vectors.get(card.id) for card in ordered]
    width = next((len(v) for v in found if v is not None), 0)
    matrix = np.zeros((len(ordered), width), dtype=np.float32)
    for row, vector in enumerate(found):
        if vector is not None:
            if len(vector) != width:
                raise ValueError("all vectors must have the same length")
            matrix[row] = vector
    norms = np.linalg.norm(matrix, axis=1)
    has_vector = norms > 0
    matrix[has_vector] /= norms[has_vector, None]
    return matrix, has_vector


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


def _similarity_block(
    feats: _Features, rows: np.ndarray, cols: np.ndarray | None = None, cols_t: csr_matrix | None = None
) -> np.ndarray:
    """Similarities of the cards at `rows` to those at `cols` (default: every card), dense, with the pairs
    that may never be bundled and each card with itself at zero.

    Same language: lexical, mixed with the vectors where both cards have one. Different languages: the
    vectors where both have one, else only nearly identical text (the same card filed under two codes).
    """
    if cols is None:
        cols, cols_t = np.arange(feats.matrix.shape[0]), feats.matrix_t
    elif cols_t is None:
        cols_t = feats.matrix[cols].T.tocsr()
    lexical = (feats.matrix[rows] @ cols_t).toarray().astype(np.float32)
    same = feats.languages[rows][:, None] == feats.languages[cols][None, :]
    if feats.has_vector.any():
        # Rescaled cosine; 0 where either card has no vector (its row is zero).
        semantic = feats.vectors[rows] @ feats.vectors[cols].T
        semantic -= VECTOR_FLOOR
        semantic *= 1.0 / (1.0 - VECTOR_FLOOR)
        np.clip(semantic, 0.0, 1.0, out=semantic)
        both = feats.has_vector[rows][:, None] & feats.has_vector[cols][None, :]
        mixed = lexical * np.float32(LEXICAL_WEIGHT)
        mixed += np.float32(1.0 - LEXICAL_WEIGHT) * semantic
        sims = np.where(same, np.where(both, mixed, lexical), semantic)
        lone = ~same & ~both
    else:
        sims = np.where(same, lexical, np.float32(0.0))
        lone = ~same
    if lone.any():
        chars = (feats.chars[rows] @ feats.chars[cols].T).toarray()
        identical = lone & (chars >= CROSS_LANGUAGE_NEAR_IDENTICAL)
        sims[identical] = lexical[identical]
    sims[rows[:, None] == cols[None, :]] = 0.0
    return sims


def _neighbour_graph(
    feats: _Features, ordered: Sequence[CardText], respect_kind: bool, respect_theme: bool
) -> csr_matrix:
    """Each card's NEIGHBOURS most similar cards (symmetric: an edge if either keeps the other), computed
    a block of rows at a time, so memory grows with the number of cards, not its square. Cards that may
    not be bundled together (other kind or theme, when respected) are never compared at all."""
    n = len(ordered)
    kinds = [c.kind for c in ordered] if respect_kind else [None] * n
    themes = [c.theme for c in ordered] if respect_theme else [None] * n
    parts: dict[tuple, list[int]] = defaultdict(list)
    for index, key in enumerate(zip(_codes(kinds).tolist(), _codes(themes).tolist())):
        parts[key].append(index)
    all_rows, all_cols, all_vals = [], [], []
    for part in parts.values():
        if len(part) < 2:
            continue
        cols = np.asarray(part)
        cols_t = feats.matrix[cols].T.tocsr()
        k = min(NEIGHBOURS, len(cols) - 1)
        step = max(1, BLOCK_CELLS // len(cols))
        for start in range(0, len(cols), step):
            rows = cols[start : start + step]
            sims = _similarity_block(feats, rows, cols, cols_t)
            nearest = np.argpartition(-sims, k - 1, axis=1)[:, :k]
            values = np.take_along_axis(sims, nearest, axis=1)
            keep = values > 0
            all_rows.append(np.repeat(rows, k)[keep.ravel()])
            all_cols.append(cols[nearest][keep])
            all_vals.append(values[keep])
    if not all_rows:
        return csr_matrix((n, n), dtype=np.float32)
    rows, cols, vals = (np.concatenate(a) for a in (all_rows, all_cols, all_vals))
    graph = csr_matrix((vals, (rows, cols)), shape=(n, n))
    # The same pair kept from both sides is one edge with its one similarity.
    return graph.maximum(graph.T).tocsr()


def _codes(values: Sequence[Hashable]) -> np.ndarray:
    """Integer codes for hashable values (themes may be ids, strings or tuples)."""
    seen: dict[Hashable, int] = {}
    return np.array([seen.setdefault(v, len(seen)) for v in values], dtype=np.int64)


def _centrality(graph: csr_matrix, members: list[int]) -> list[float]:
    """Each member's summed similarity to the other members, from the graph's edges."""
    inside = set(members)
    sums = []
    for i in members:
        start, end = graph.indptr[i], graph.indptr[i + 1]
        sums.append(
            sum(v for j, v in zip(graph.indices[start:end].tolist(), graph.data[start:end].tolist()) if j in inside)
        )
    return sums


def _agglomerate(graph: csr_matrix, threshold: float, max_size: int, budget: int) -> list[list[int]]:
    """Average-linkage bundles on the neighbour graph, best merge first.

    Pairs not in the graph count as similarity 0, so a bundle's average is never overestimated. A merge
    that would make a bundle larger than `max_size` is passed over; merging stops before more than `budget`
    cards are in bundles, so the least certain bundles are the ones left out.
    """
    n = graph.shape[0]
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    # links[a][b]: the summed similarity of the graph's edges between bundles a and b.
    links: dict[int, dict[int, float]] = defaultdict(dict)
    coo = graph.tocoo()
    for a, b, value in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist()):
        if a != b:
            links[a][b] = value
    heap = [(-value, a, b) for a, others in links.items() for b, value in others.items() if a < b]
    heapq.heapify(heap)
    covered = 0
    next_id = n
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue  # stale: one of them was merged already
        if -negative < threshold:
            break
        size_a, size_b = len(members[a]), len(members[b])
        if size_a + size_b > max_size:
            continue
        added = (size_a == 1) + (size_b == 1)
        if covered + added > budget:
            break
        covered += added
        merged = next_id
        next_id += 1
        members[merged] = members.pop(a) + members.pop(b)
        joined: dict[int, float] = defaultdict(float)
        for old in (a, b):
            for other, value in links.pop(old, {}).items():
                if other in (a, b):
                    continue
                joined[other] += value
                del links[other][old]
        size = size_a + size_b
        for other, value in joined.items():
            links[merged][other] = value
            links[other][merged] = value
            heapq.heappush(heap, (-value / (size * len(members[other])), other, merged))
    return [sorted(group) for group in members.values() if len(group) >= 2]


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
