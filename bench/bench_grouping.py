"""Benchmark for the bundling suggestions: quality on the labelled multilingual set, speed and memory at
2,000 and 10,000 cards, and the sentence model's throughput.

Run: .venv/bin/python bench/bench_grouping.py [--quick] [--write-data]
Prints one JSON object (docs/grouping.md reads it):
- "held_out": for each half of the labels (split by a hash of the label), the mixing weights are chosen on
  the other half (and the language centroids computed there), then measured on this one: plain TF-IDF, our
  lexical features, and lexical + sentence vectors ("hybrid"); pair precision at the default coverage, the
  board's first ten suggestions against the average, and per language the share of translated cards
  suggested together with their German original (at full coverage, so that the cut does not hide it) and
  the wrong cross-language pairs.
- "scale": suggestions from stored vectors for 2,000 and 10,000 cards (each in its own process: seconds,
  the process's memory before and its peak), as the board asks for them (per theme and kind).
- "embedding": cards per second of the sentence model on this machine.
--write-data embeds the labelled cards again and writes data/labelled_vectors.npz and
data/language_centroids.npz (after a change of the set or the model).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
import zlib
from itertools import combinations
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scipy.sparse import csr_matrix  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.preprocessing import normalize  # noqa: E402

from dialogwerk.synthesis import embedding, grouping  # noqa: E402
from dialogwerk.synthesis.grouping import CardText, suggest_groups  # noqa: E402

DATA = Path(grouping.__file__).parent / "data"
SEED = 8
LANGUAGES = ("en", "ar", "fa", "uk", "tr", "ru")
GRID = [(w, f) for w in (0.5, 0.7, 0.9) for f in (0.1, 0.2, 0.3)]

# Variants people really write; applied at random to make the large sets.
SYNONYMS = [
    ("Kita", "Kindergarten"),
    ("Kitaplätze", "Kita-Plätze"),
    ("Deutschkurs", "Sprachkurs"),
    ("Deutschkurse", "Sprachkurse"),
    ("Wohnungen", "Wohnraum"),
    ("ÖPNV", "Busverkehr"),
    ("WLAN", "Internet"),
    ("Flüchtlinge", "Geflüchtete"),
    ("Ehrenamtliche", "Freiwillige"),
    ("Dolmetscher", "Sprachmittler"),
]
UMLAUTS = [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")]


def load() -> tuple[list[dict], dict[str, np.ndarray]]:
    rows = json.loads((DATA / "labelled_cards.json").read_text(encoding="utf-8"))
    stored = np.load(DATA / "labelled_vectors.npz")
    return rows, {i: v.astype(np.float32) for i, v in zip(stored["ids"].tolist(), stored["vectors"])}


def cards_of(rows: list[dict]) -> list[CardText]:
    return [CardText(r["id"], r["text"], r["language"], r["kind"], r["theme"]) for r in rows]


def centred(rows: list[dict], raw: dict[str, np.ndarray], centroids: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    vectors = embedding.centre(np.array([raw[r["id"]] for r in rows]), [r["language"] for r in rows], centroids)
    return {r["id"]: v for r, v in zip(rows, vectors)}


def half(label: str) -> int:
    return zlib.crc32(label.encode()) % 2


# --- quality ---------------------------------------------------------------------------------------------


def measure(rows: list[dict], suggestions, *, full=None) -> dict:
    """Pair precision, the first ten's purity, coverage and sizes; with `full` (the suggestions at full
    coverage) the cross-language figures per language."""
    label = {r["id"]: r["label"] for r in rows}
    language = {r["id"]: r["language"] for r in rows}

    def precision(chosen) -> float | None:
        pairs = [(a, b) for s in chosen for a, b in combinations(s.card_ids, 2)]
        return round(sum(label[a] == label[b] for a, b in pairs) / len(pairs), 3) if pairs else None

    result = {
        "suggestions": len(suggestions),
        "coverage": round(sum(len(s.card_ids) for s in suggestions) / len(rows), 3),
        "largest": max((len(s.card_ids) for s in suggestions), default=0),
        "pair_precision": precision(suggestions),
        "first_ten_pair_precision": precision(suggestions[:10]),
    }
    if full is not None:
        together = {card: set(s.card_ids) for s in full for card in s.card_ids}
        cross = [(a, b) for s in full for a, b in combinations(s.card_ids, 2) if language[a] != language[b]]
        per_language = {}
        for lang in LANGUAGES:
            translated = [r for r in rows if r["language"] == lang and r["source"]]
            if not translated:
                continue
            with_original = sum(r["source"] in together.get(r["id"], ()) for r in translated)
            involved = [(a, b) for a, b in cross if lang in (language[a], language[b])]
            per_language[lang] = {
                "with_german_original": round(with_original / len(translated), 3),
                "cross_language_pairs": len(involved),
                "wrong_cross_language_pairs": sum(label[a] != label[b] for a, b in involved),
            }
        result["full_coverage"] = {
            "pair_precision": precision(full),
            "coverage": round(sum(len(s.card_ids) for s in full) / len(rows), 3),
            "cross_language_pairs": len(cross),
            "wrong_cross_language_pairs": sum(label[a] != label[b] for a, b in cross),
            "per_language": per_language,
        }
    return result


def plain_tfidf(cards: list[CardText]) -> list[list[str]]:
    """The baseline: scikit-learn's TF-IDF on the raw words, the same neighbour graph and bundling."""
    matrix = normalize(TfidfVectorizer(sublinear_tf=True).fit_transform([c.text for c in cards]))
    sims = (matrix @ matrix.T).toarray()
    np.fill_diagonal(sims, 0.0)
    keys = [(c.kind, c.theme) for c in cards]
    for i, key in enumerate(keys):
        sims[i, [j for j, other in enumerate(keys) if other != key]] = 0.0
    k = grouping.NEIGHBOURS
    nearest = np.argpartition(-sims, k, axis=1)[:, :k]
    graph = np.zeros_like(sims)
    np.put_along_axis(graph, nearest, np.take_along_axis(sims, nearest, axis=1), axis=1)
    graph = csr_matrix(np.maximum(graph, graph.T))
    budget = max(grouping.SMALL_SESSION, int(grouping.DEFAULT_COVERAGE * len(cards)))
    groups = grouping._agglomerate(graph, grouping.DEFAULT_THRESHOLD, grouping.DEFAULT_MAX_SIZE, budget)
    return [grouping.Suggestion(tuple(cards[i].id for i in g), 0.0, "") for g in groups]


def hybrid(rows, vectors, **options):
    return suggest_groups(cards_of(rows), vectors=vectors, respect_kind=True, respect_theme=True, **options)


def held_out(rows: list[dict], raw: dict[str, np.ndarray]) -> list[dict]:
    folds = []
    for test in (0, 1):
        fit = [r for r in rows if half(r["label"]) != test]
        measured = [r for r in rows if half(r["label"]) == test]
        fit_ids = {r["id"] for r in fit}
        centroids = embedding.language_centroids(np.array([raw[r["id"]] for r in fit]), [r["language"] for r in fit])
        assert not fit_ids & {r["id"] for r in measured}
        fit_vectors, test_vectors = centred(fit, raw, centroids), centred(measured, raw, centroids)

        def objective(weights) -> float:
            grouping.LEXICAL_WEIGHT, grouping.VECTOR_FLOOR = weights
            at_half = measure(fit, hybrid(fit, fit_vectors))["pair_precision"]
            full = measure(fit, hybrid(fit, fit_vectors), full=hybrid(fit, fit_vectors, coverage=1.0))
            shares = [v["with_german_original"] for v in full["full_coverage"]["per_language"].values()]
            return at_half + full["full_coverage"]["pair_precision"] + statistics.mean(shares)

        defaults = grouping.LEXICAL_WEIGHT, grouping.VECTOR_FLOOR
        chosen = max(GRID, key=objective)
        grouping.LEXICAL_WEIGHT, grouping.VECTOR_FLOOR = chosen
        cards = cards_of(measured)
        lexical = suggest_groups(cards, respect_kind=True, respect_theme=True)
        folds.append(
            {
                "measured_half": test,
                "cards": len(measured),
                "chosen_on_other_half": {"lexical_weight": chosen[0], "vector_floor": chosen[1]},
                "plain_tfidf": measure(measured, plain_tfidf(cards)),
                "lexical": measure(
                    measured, lexical, full=suggest_groups(cards, coverage=1.0, respect_kind=True, respect_theme=True)
                ),
                "hybrid": measure(
                    measured, hybrid(measured, test_vectors), full=hybrid(measured, test_vectors, coverage=1.0)
                ),
            }
        )
        grouping.LEXICAL_WEIGHT, grouping.VECTOR_FLOOR = defaults
    return folds


# --- scale -----------------------------------------------------------------------------------------------


def perturb(text: str, language: str, rng: random.Random) -> str:
    if language == "de" and rng.random() < 0.4:
        for a, b in rng.sample(SYNONYMS, len(SYNONYMS)):
            if a in text:
                text = text.replace(a, b, 1)
                break
    if language == "de" and rng.random() < 0.3:
        a, b = rng.choice(UMLAUTS)
        text = text.replace(a, b)
    words = text.split()
    if rng.random() < 0.3 and len(words) > 3:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
        text = " ".join(words)
    if rng.random() < 0.5:
        positions = [i for i, ch in enumerate(text) if ch.isalpha()]
        if len(positions) >= 4:
            i = rng.choice(positions[1:-1])
            text = text[:i] + text[i + 1 :]
    return text


def large_set(rows: list[dict], vectors: dict[str, np.ndarray], n: int):
    """n cards drawn from the labelled set with the typos and variants people write; each keeps its
    original's vector with a little noise (a perturbed text's vector moves about as much)."""
    rng, noise = random.Random(SEED), np.random.default_rng(SEED)
    cards, card_vectors = [], {}
    for k in range(n):
        row = rows[rng.randrange(len(rows))]
        card_id = f"b{k:05d}"
        cards.append(
            CardText(card_id, perturb(row["text"], row["language"], rng), row["language"], row["kind"], row["theme"])
        )
        vector = vectors[row["id"]] + noise.normal(0, 0.02, vectors[row["id"]].shape).astype(np.float32)
        card_vectors[card_id] = vector / np.linalg.norm(vector)
    return cards, card_vectors


def scale_one(n: int, runs: int) -> dict:
    rows, raw = load()
    cards, vectors = large_set(
        rows,
        centred(rows, raw, embedding.language_centroids(np.array(list(raw.values())), [r["language"] for r in rows])),
        n,
    )
    suggest_groups(cards[:200], vectors=vectors)  # warm up imports and caches outside the measurement
    before_mb = _rss_mb()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        found = suggest_groups(cards, vectors=vectors, respect_kind=True, respect_theme=True)
        times.append(time.perf_counter() - start)
    return {
        "cards": n,
        "runs": runs,
        "p50_s": round(statistics.median(times), 3),
        "max_s": round(max(times), 3),
        "rss_before_mb": before_mb,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "suggestions": len(found),
        "coverage": round(sum(len(s.card_ids) for s in found) / n, 3),
    }


def _rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return round(int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1]) / 1024, 1)


def scale(quick: bool) -> list[dict]:
    sizes = [(2000, 3), (10000, 1)] if quick else [(2000, 5), (10000, 3)]
    results = []
    for n, runs in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--scale-one", str(n), "--runs", str(runs)],
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(out.stdout))
    return results


def embedding_speed(rows: list[dict]) -> dict:
    start = time.perf_counter()
    embedding.embed(["Kita"])
    loaded = time.perf_counter() - start
    texts = [r["text"] for r in rows[:300]]
    start = time.perf_counter()
    embedding.embed(texts)
    seconds = time.perf_counter() - start
    return {"model": embedding.MODEL, "load_s": round(loaded, 2), "cards_per_s": round(len(texts) / seconds, 1)}


def write_data(rows: list[dict]) -> None:
    vectors = embedding.embed([r["text"] for r in rows])
    np.savez_compressed(
        DATA / "labelled_vectors.npz", ids=np.array([r["id"] for r in rows]), vectors=vectors.astype("<f2")
    )
    centroids = embedding.language_centroids(vectors, [r["language"] for r in rows])
    np.savez_compressed(embedding.CENTROIDS, **{name: v.astype("<f4") for name, v in centroids.items()})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer timing runs")
    parser.add_argument(
        "--write-data", action="store_true", help="embed the labelled cards, write vectors and centroids"
    )
    parser.add_argument("--scale-one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale_one:
        print(json.dumps(scale_one(args.scale_one, args.runs)))
        return
    rows, raw = load()
    if args.write_data:
        write_data(rows)
        rows, raw = load()
    result = {
        "method": {
            "threshold": grouping.DEFAULT_THRESHOLD,
            "coverage": grouping.DEFAULT_COVERAGE,
            "max_size": grouping.DEFAULT_MAX_SIZE,
            "neighbours": grouping.NEIGHBOURS,
            "lexical_weight": grouping.LEXICAL_WEIGHT,
            "vector_floor": grouping.VECTOR_FLOOR,
        },
        "labelled": {
            "cards": len(rows),
            "labels": len({r["label"] for r in rows}),
            "per_language": {lang: sum(r["language"] == lang for r in rows) for lang in ("de", *LANGUAGES)},
            "translations": sum(bool(r["source"]) for r in rows),
        },
        "held_out": held_out(rows, raw),
        "scale": scale(args.quick),
        "embedding": embedding_speed(rows),
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
