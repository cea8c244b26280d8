"""Benchmark for card grouping suggestions: quality on the labelled set and speed on 2,000 cards.

Run: .venv/bin/python bench/bench_grouping.py [--sweep]
Prints one JSON object. --sweep adds the threshold calibration table (ARI per threshold, on all
labelled cards and 2-fold on held-out halves of the labels).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import zlib
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sklearn.metrics import adjusted_rand_score, completeness_score, homogeneity_score  # noqa: E402

from dialogwerk.synthesis import grouping  # noqa: E402
from dialogwerk.synthesis.grouping import CardText, suggest_groups  # noqa: E402

DATA = Path(grouping.__file__).parent / "data" / "labelled_cards.json"
SEED = 8
N_LARGE = 2000
RUNS = 5
SWEEP = [0.06, 0.08, 0.10, 0.12, 0.14, 0.16, 0.18, 0.20, 0.25, 0.30]

# Variants people really write; applied at random to make the 2,000-card set.
SYNONYMS = [
    ("Kita", "Kindergarten"),
    ("Kitaplätze", "Kita-Plätze"),
    ("Deutschkurs", "Sprachkurs"),
    ("Deutschkurse", "Sprachkurse"),
    ("Wohnungen", "Wohnraum"),
    ("ÖPNV", "Busverkehr"),
    ("Bus", "Linienbus"),
    ("WLAN", "Internet"),
    ("Flüchtlinge", "Geflüchtete"),
    ("Ehrenamtliche", "Freiwillige"),
    ("Dolmetscher", "Sprachmittler"),
    ("Unterkunft", "Gemeinschaftsunterkunft"),
]
UMLAUTS = [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")]


def load() -> tuple[list[CardText], list[str]]:
    rows = json.loads(DATA.read_text(encoding="utf-8"))
    cards = [CardText(r["id"], r["text"], r["language"], r["kind"], r["theme"]) for r in rows]
    return cards, [r["label"] for r in rows]


def predicted_labels(cards: list[CardText], suggestions) -> list[str]:
    label = {c.id: f"alone:{c.id}" for c in cards}
    for number, suggestion in enumerate(suggestions):
        for card_id in suggestion.card_ids:
            label[card_id] = f"group:{number}"
    return [label[c.id] for c in cards]


def quality(cards, truth, threshold=None) -> dict:
    suggestions = suggest_groups(cards, threshold=threshold)
    predicted = predicted_labels(cards, suggestions)
    return {
        "ari": round(adjusted_rand_score(truth, predicted), 4),
        "homogeneity": round(homogeneity_score(truth, predicted), 4),
        "completeness": round(completeness_score(truth, predicted), 4),
        "suggestions": len(suggestions),
        "cards_in_suggestions": sum(len(s.card_ids) for s in suggestions),
        **cross_language_merges(cards, suggestions),
    }


def cross_language_merges(cards, suggestions) -> dict:
    language = {c.id: c.language for c in cards}
    pairs = mixed = 0
    for suggestion in suggestions:
        languages = [language[i] for i in suggestion.card_ids]
        mixed += len(set(languages)) > 1
        pairs += sum(a != b for a, b in combinations(languages, 2))
    return {"cross_language_suggestions": mixed, "cross_language_pairs": pairs}


def perturb(text: str, language: str, rng: random.Random) -> str:
    if language != "de":
        return _typo(text, rng) if rng.random() < 0.3 else text
    if rng.random() < 0.4:
        for a, b in rng.sample(SYNONYMS, len(SYNONYMS)):
            if a in text:
                text = text.replace(a, b, 1)
                break
    if rng.random() < 0.3:
        a, b = rng.choice(UMLAUTS)
        text = text.replace(a, b)
    if rng.random() < 0.3:
        words = text.split()
        if len(words) > 3:
            i = rng.randrange(len(words) - 1)
            words[i], words[i + 1] = words[i + 1], words[i]
            text = " ".join(words)
    if rng.random() < 0.5:
        text = _typo(text, rng)
    if rng.random() < 0.2:
        text = text.lower()
    return text


def _typo(text: str, rng: random.Random) -> str:
    positions = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(positions) < 4:
        return text
    i = rng.choice(positions[1:-1])
    move = rng.choice(("drop", "double", "swap"))
    if move == "drop":
        return text[:i] + text[i + 1 :]
    if move == "double":
        return text[:i] + text[i] + text[i:]
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def large_set(cards, truth, n: int, rng: random.Random):
    big, big_truth = [], []
    for k in range(n):
        j = rng.randrange(len(cards))
        card = cards[j]
        text = perturb(card.text, card.language, rng)
        big.append(CardText(f"b{k:05d}", text, card.language, card.kind, card.theme))
        big_truth.append(truth[j])
    return big, big_truth


def timing(cards) -> dict:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        suggest_groups(cards)
        times.append(time.perf_counter() - start)
    return {"runs": RUNS, "p50_s": round(statistics.median(times), 3), "max_s": round(max(times), 3)}


def sweep(cards, truth) -> dict:
    table = {str(t): quality(cards, truth, t)["ari"] for t in SWEEP}
    # 2-fold held out: pick the threshold on one half of the labels, measure on the other half.
    folds = []
    for fold in (0, 1):
        def half(h):
            keep = [i for i, lab in enumerate(truth) if zlib.crc32(lab.encode()) % 2 == h]
            return [cards[i] for i in keep], [truth[i] for i in keep]

        fit_cards, fit_truth = half(fold)
        test_cards, test_truth = half(1 - fold)
        best = max(SWEEP, key=lambda t: quality(fit_cards, fit_truth, t)["ari"])
        folds.append({"threshold": best, "held_out_ari": quality(test_cards, test_truth, best)["ari"]})
    return {"ari_by_threshold": table, "two_fold": folds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sweep", action="store_true", help="add the threshold calibration table")
    parser.add_argument("--quick", action="store_true", help="accepted for make bench; this benchmark is quick already")
    args = parser.parse_args()
    cards, truth = load()
    rng = random.Random(SEED)
    big, big_truth = large_set(cards, truth, N_LARGE, rng)
    suggest_groups(big[:50])  # warm up imports and caches outside the timed runs
    result = {
        "threshold": grouping.DEFAULT_THRESHOLD,
        "word_weight": grouping.WORD_WEIGHT,
        "labelled": {
            "cards": len(cards),
            "labels": len(set(truth)),
            "languages": sorted({c.language for c in cards}),
            **quality(cards, truth),
        },
        "large": {"cards": len(big), **timing(big), **quality(big, big_truth)},
    }
    if args.sweep:
        result["calibration"] = sweep(cards, truth)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
