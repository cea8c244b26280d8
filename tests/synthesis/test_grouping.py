"""Behaviour of the offline bundling suggestions (dialogwerk.synthesis.grouping)."""

from __future__ import annotations

import json
from collections import Counter
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dialogwerk.synthesis import embedding, grouping
from dialogwerk.synthesis import text_normalize as tn
from dialogwerk.synthesis.grouping import CardText, shorten, similar_cards, suggest_groups

DATA = Path(grouping.__file__).parent / "data" / "labelled_cards.json"
VECTORS = Path(grouping.__file__).parent / "data" / "labelled_vectors.npz"
# Pair precision on the whole labelled set at the default coverage, per theme and kind, measured 0.90
# by words only and 0.999 with vectors (docs/grouping.md); the floors leave room for small changes
# without hiding a real regression.
PAIR_PRECISION_FLOOR = 0.85
HYBRID_PAIR_PRECISION_FLOOR = 0.97

KITA = [
    CardText("k1", "Es fehlen Kita-Plätze"),
    CardText("k2", "Kitaplaetze fehlen, die Wartelisten sind lang"),
    CardText("k3", "Zu wenig Plätze in der Kita"),
    CardText("k4", "Mangel an Kitaplätzen in der Gemeinde"),
]
UNRELATED = [
    CardText("u1", "Am Bahnhof fühle ich mich abends unsicher"),
    CardText("u2", "Sportvereine einbinden, Fußball verbindet"),
    CardText("u3", "Anerkennung ausländischer Abschlüsse dauert zu lange"),
]


@pytest.fixture(scope="module")
def labelled() -> list[dict]:
    return json.loads(DATA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def labelled_cards(labelled) -> list[CardText]:
    return [CardText(r["id"], r["text"], r["language"], r["kind"], r["theme"]) for r in labelled]


@pytest.fixture(scope="module")
def raw_vectors() -> dict:
    stored = np.load(VECTORS)
    return {i: v.astype(np.float32) for i, v in zip(stored["ids"].tolist(), stored["vectors"])}


@pytest.fixture(scope="module")
def labelled_vectors(labelled, raw_vectors) -> dict:
    return vectors_of(labelled, raw_vectors)


def vectors_of(rows: list[dict], raw: dict) -> dict:
    centred = embedding.centre(np.array([raw[r["id"]] for r in rows]), [r["language"] for r in rows])
    return {r["id"]: vector for r, vector in zip(rows, centred)}


def embedded(cards: list[CardText]) -> dict:
    """The cards' vectors as the board compares them: from the model, centred."""
    vectors = embedding.centre(embedding.embed([c.text for c in cards]), [c.language for c in cards])
    return dict(zip([c.id for c in cards], vectors))


@pytest.fixture(scope="module")
def labelled_suggestions(labelled_cards):
    """By words only, as the board asks: per theme and kind."""
    return suggest_groups(labelled_cards, respect_kind=True, respect_theme=True)


@pytest.fixture(scope="module")
def hybrid_suggestions(labelled_cards, labelled_vectors):
    return suggest_groups(labelled_cards, vectors=labelled_vectors, respect_kind=True, respect_theme=True)


def pair_precision(suggestions, label) -> float:
    pairs = [(a, b) for s in suggestions for a, b in combinations(s.card_ids, 2)]
    return sum(label[a] == label[b] for a, b in pairs) / len(pairs)


def group_of(suggestions, card_id):
    return next((set(s.card_ids) for s in suggestions if card_id in s.card_ids), {card_id})


# --- what it groups ------------------------------------------------------------------------


def test_it_groups_cards_that_say_nearly_the_same():
    suggestions = suggest_groups(KITA + UNRELATED)
    assert group_of(suggestions, "k1") == {"k1", "k2", "k3", "k4"}


def test_it_keeps_unrelated_cards_apart():
    suggestions = suggest_groups(KITA + UNRELATED)
    for card in UNRELATED:
        assert group_of(suggestions, card.id) == {card.id}


def test_it_treats_umlaut_and_sharp_s_variants_as_the_same_word():
    cards = [
        CardText("a", "Müll und Lärm an der Straße"),
        CardText("b", "Muell und Laerm an der Strasse"),
        CardText("c", "Mehr Streetworker am Marktplatz"),
    ]
    assert group_of(suggest_groups(cards), "a") == {"a", "b"}


def test_it_matches_a_compound_with_its_parts():
    cards = [
        CardText("a", "Deutschkurs fehlt"),
        CardText("b", "Kurs für Deutsch fehlt"),
        CardText("c", "Sportverein sucht Trainer"),
    ]
    assert group_of(suggest_groups(cards), "a") == {"a", "b"}


def test_it_suggests_a_title_from_the_most_central_card_and_shared_terms():
    suggestion = next(s for s in suggest_groups(KITA + UNRELATED) if "k1" in s.card_ids)
    assert suggestion.title in {shorten(c.text) for c in KITA}
    assert suggestion.card_ids[0] in {c.id for c in KITA}
    assert any("kita" in term.casefold() for term in suggestion.terms)
    assert 0 < suggestion.score <= 1


def test_it_suggests_nothing_for_an_empty_list_or_a_single_card():
    assert suggest_groups([]) == []
    assert suggest_groups([KITA[0]]) == []


# --- languages -----------------------------------------------------------------------------


def test_it_never_merges_an_arabic_card_with_german_cards():
    arabic = CardText("ar1", "نقص في أماكن الحضانة (Kita) للأطفال", language="ar")
    suggestions = suggest_groups(KITA + [arabic])
    assert group_of(suggestions, "ar1") == {"ar1"}
    assert group_of(suggestions, "k1") == {"k1", "k2", "k3", "k4"}


def test_it_never_merges_an_english_card_about_the_same_topic_with_german_cards():
    english = CardText("en1", "No Kita places, the Kita waiting list is long", language="en")
    assert group_of(suggest_groups(KITA + [english]), "en1") == {"en1"}


def test_it_groups_cards_in_other_languages_among_themselves():
    cards = [
        CardText("t1", "Almanca kursları dolu, aylarca bekliyoruz", language="tr"),
        CardText("t2", "Almanca kursları çok dolu", language="tr"),
        CardText("t3", "Doktorda tercüman yok", language="tr"),
    ]
    assert group_of(suggest_groups(cards), "t1") == {"t1", "t2"}


def test_it_groups_cards_in_different_languages_only_when_their_text_is_nearly_identical():
    cards = [
        CardText("de1", "WLAN in der Unterkunft fehlt!", language="de"),
        CardText("en1", "WLAN in der Unterkunft fehlt", language="en"),
    ]
    assert group_of(suggest_groups(cards), "de1") == {"de1", "en1"}


def test_it_does_not_put_any_two_languages_in_one_suggestion_on_the_labelled_set(labelled_cards, labelled_suggestions):
    language = {c.id: c.language for c in labelled_cards}
    for suggestion in labelled_suggestions:
        assert len({language[i] for i in suggestion.card_ids}) == 1


# --- invariants ----------------------------------------------------------------------------


def test_each_card_is_in_at_most_one_suggestion(labelled_cards, labelled_suggestions):
    counts = Counter(i for s in labelled_suggestions for i in s.card_ids)
    assert counts and max(counts.values()) == 1
    assert set(counts) <= {c.id for c in labelled_cards}


def test_every_suggestion_has_at_least_two_cards_a_score_and_a_title(labelled_suggestions):
    for suggestion in labelled_suggestions:
        assert len(suggestion.card_ids) >= 2
        assert 0 < suggestion.score <= 1
        assert 0 < len(suggestion.title) <= grouping.TITLE_MAX_CHARS


def test_it_is_deterministic(labelled_cards, labelled_vectors, hybrid_suggestions):
    again = suggest_groups(labelled_cards, vectors=labelled_vectors, respect_kind=True, respect_theme=True)
    assert again == hybrid_suggestions


def test_the_result_does_not_depend_on_the_order_of_the_cards(labelled_cards, labelled_vectors, hybrid_suggestions):
    reordered = suggest_groups(
        list(reversed(labelled_cards)), vectors=labelled_vectors, respect_kind=True, respect_theme=True
    )
    assert reordered == hybrid_suggestions


def test_respecting_kind_never_bundles_cards_of_different_kinds(labelled_cards):
    kind = {c.id: c.kind for c in labelled_cards}
    for suggestion in suggest_groups(labelled_cards, respect_kind=True):
        assert len({kind[i] for i in suggestion.card_ids}) == 1


def test_respecting_theme_never_bundles_cards_of_different_themes(labelled_cards):
    theme = {c.id: c.theme for c in labelled_cards}
    for suggestion in suggest_groups(labelled_cards, respect_theme=True):
        assert len({theme[i] for i in suggestion.card_ids}) == 1


def test_a_higher_threshold_puts_fewer_cards_in_suggestions(labelled_cards, labelled_suggestions):
    strict = suggest_groups(labelled_cards, threshold=0.4)
    assert sum(map(len, (s.card_ids for s in strict))) < sum(map(len, (s.card_ids for s in labelled_suggestions)))


def test_it_accepts_any_hashable_theme_and_regional_language_codes():
    cards = [
        CardText("a", "Es fehlen Kita-Plätze", language="de-AT", theme=("dialogue", 1)),
        CardText("b", "Zu wenig Plätze in der Kita", language="DE", theme=("dialogue", 1)),
        CardText("c", "Kitaplätze fehlen", language="de", theme=("dialogue", 2)),
    ]
    assert group_of(suggest_groups(cards, respect_theme=True), "a") == {"a", "b"}


@pytest.mark.parametrize("threshold", [0, -0.1, 1.5])
def test_it_rejects_a_threshold_outside_zero_to_one(threshold):
    with pytest.raises(ValueError):
        suggest_groups(KITA, threshold=threshold)


def test_it_rejects_duplicate_card_ids():
    with pytest.raises(ValueError):
        suggest_groups([CardText("x", "Kita"), CardText("x", "Schule")])


# --- quality on the labelled set -----------------------------------------------------------


def test_at_most_half_of_a_large_set_is_suggested_in_small_bundles(labelled_cards, labelled_suggestions):
    covered = sum(len(s.card_ids) for s in labelled_suggestions)
    assert 0.4 * len(labelled_cards) <= covered <= 0.5 * len(labelled_cards)
    assert max(len(s.card_ids) for s in labelled_suggestions) <= grouping.DEFAULT_MAX_SIZE


def test_suggestions_on_the_labelled_set_are_pure_and_the_best_come_first(labelled, labelled_suggestions):
    label = {r["id"]: r["label"] for r in labelled}
    assert pair_precision(labelled_suggestions, label) >= PAIR_PRECISION_FLOOR
    scores = [s.score for s in labelled_suggestions]
    assert scores == sorted(scores, reverse=True)
    assert pair_precision(labelled_suggestions[:10], label) >= pair_precision(labelled_suggestions, label)


def test_a_lower_coverage_keeps_the_most_similar_bundles(labelled_cards, labelled_suggestions):
    fewer = suggest_groups(labelled_cards, coverage=0.2, respect_kind=True, respect_theme=True)
    assert sum(len(s.card_ids) for s in fewer) <= 0.2 * len(labelled_cards)
    assert min(s.score for s in fewer) >= min(s.score for s in labelled_suggestions)


def test_no_bundle_grows_beyond_the_size_cap():
    cards = [CardText(f"c{i}", "Es fehlen Kita-Plätze in der Stadt") for i in range(9)]
    sizes = [len(s.card_ids) for s in suggest_groups(cards, max_size=4)]
    assert max(sizes) == 4 and sum(sizes) == 9


@pytest.mark.parametrize("options", [{"coverage": 0}, {"coverage": 1.5}, {"max_size": 1}])
def test_it_rejects_a_coverage_outside_zero_to_one_and_a_cap_below_two(options):
    with pytest.raises(ValueError):
        suggest_groups(KITA, **options)


def test_the_labelled_set_is_large_varied_and_its_translations_name_their_original(labelled):
    labels = Counter(r["label"] for r in labelled)
    assert len(labelled) >= 900
    assert len({r["id"] for r in labelled}) == len(labelled)
    assert sum(1 for n in labels.values() if n >= 2) >= 40
    assert sum(1 for n in labels.values() if n == 1) >= 10
    assert {r["kind"] for r in labelled} == {"situation", "field_of_action", "conflict", "idea"}
    assert len({r["theme"] for r in labelled}) == 5
    by_id = {r["id"]: r for r in labelled}
    translated = [r for r in labelled if r["source"]]
    assert {r["language"] for r in translated} == {"ar", "fa", "uk", "tr", "ru", "en"}
    for r in translated:
        original = by_id[r["source"]]
        assert original["language"] == "de" and r["language"] != "de"
        assert (r["label"], r["kind"], r["theme"]) == (original["label"], original["kind"], original["theme"])


# --- with sentence vectors: across languages -----------------------------------------------


def test_the_stored_vectors_are_the_models_vectors_of_the_labelled_cards(labelled, raw_vectors):
    assert set(raw_vectors) == {r["id"] for r in labelled}
    sample = labelled[::150]
    fresh = embedding.embed([r["text"] for r in sample])
    for r, vector in zip(sample, fresh):
        assert float(vector @ raw_vectors[r["id"]]) > 0.99


def test_with_vectors_translated_cards_are_suggested_with_their_german_original(
    labelled, labelled_vectors, labelled_cards
):
    everything = suggest_groups(
        labelled_cards, vectors=labelled_vectors, coverage=1.0, respect_kind=True, respect_theme=True
    )
    together = {card: set(s.card_ids) for s in everything for card in s.card_ids}
    translated = [r for r in labelled if r["source"]]
    found = sum(r["source"] in together.get(r["id"], ()) for r in translated)
    # Measured 0.83 (docs/grouping.md); by words only it is 0.
    assert found >= 0.75 * len(translated)


def test_with_vectors_suggestions_are_purer_than_without(labelled, hybrid_suggestions, labelled_cards):
    label = {r["id"]: r["label"] for r in labelled}
    lexical = suggest_groups(labelled_cards, respect_kind=True, respect_theme=True)
    assert pair_precision(hybrid_suggestions, label) > pair_precision(lexical, label)
    assert pair_precision(hybrid_suggestions, label) >= HYBRID_PAIR_PRECISION_FLOOR


def test_an_arabic_and_a_ukrainian_card_about_kita_places_join_the_german_ones():
    cards = (
        KITA
        + UNRELATED
        + [
            CardText("ar1", "لا توجد أماكن كافية في الحضانة لأطفالنا", language="ar"),
            CardText("uk1", "Дітям бракує місць у дитячих садках", language="uk"),
            CardText("uk2", "Увечері на вокзалі страшно", language="uk"),
        ]
    )
    vectors = embedded(cards)
    suggestions = suggest_groups(cards, vectors=vectors)
    kita = group_of(suggestions, "k1")
    assert {"ar1", "uk1"} <= kita and "uk2" not in kita
    assert next(s for s in suggestions if "k1" in s.card_ids).card_ids[0].startswith("k")  # a German title
    assert [i for i, _ in similar_cards(cards[-3], cards, k=3, vectors=vectors)][0] in {"k1", "k2", "k3", "k4", "uk1"}


def test_cards_without_a_vector_yet_are_compared_by_their_words():
    cards = KITA + [CardText("ar1", "لا توجد أماكن كافية في الحضانة لأطفالنا", language="ar")]
    vectors = embedded(cards[:2])
    suggestions = suggest_groups(cards, vectors=vectors)
    assert group_of(suggestions, "k1") == {"k1", "k2", "k3", "k4"}
    assert group_of(suggestions, "ar1") == {"ar1"}


def test_empty_texts_get_a_zero_vector():
    vectors = embedding.embed(["", "Kita"])
    assert not vectors[0].any() and abs(float(np.linalg.norm(vectors[1])) - 1) < 1e-3
    assert embedding.from_bytes(embedding.to_bytes(vectors[1])) @ vectors[1] > 0.999


# --- similar cards -------------------------------------------------------------------------


def test_similar_cards_returns_the_closest_cards_first_and_not_the_card_itself():
    result = similar_cards(KITA[0], KITA + UNRELATED, k=3)
    assert [card_id for card_id, _ in result] and all(i in {"k2", "k3", "k4"} for i, _ in result)
    scores = [score for _, score in result]
    assert scores == sorted(scores, reverse=True)


def test_similar_cards_skips_cards_in_other_languages():
    english = CardText("en1", "Kita places are missing", language="en")
    assert "en1" not in [i for i, _ in similar_cards(KITA[0], KITA + [english], k=10)]


def test_similar_cards_of_a_lonely_card_is_empty():
    assert similar_cards(KITA[0], [KITA[0]]) == []


# --- normalisation -------------------------------------------------------------------------


def test_folding_unifies_umlauts_digraphs_and_sharp_s():
    assert tn.fold("Kitaplätze Straße") == tn.fold("Kitaplaetze Strasse") == "kitaplatze strasse"
    assert tn.fold("neue Steuer") == "neue steuer"  # eu and au are not umlauts


def test_compound_splitting_finds_the_parts():
    stem = lambda word: tn.stem_all([word], "de")[0]  # noqa: E731
    assert tn.split_compound("kitaplatze", tn.GERMAN_COMPOUND_PARTS, stem) == ["kita", "platz"]
    assert tn.split_compound("haus", tn.GERMAN_COMPOUND_PARTS, stem) == []


def test_shorten_cuts_at_a_word_boundary():
    title = shorten("Wohnpaten, die bei der Wohnungssuche helfen und zu Besichtigungen mitgehen")
    assert len(title) <= grouping.TITLE_MAX_CHARS and title.endswith("…")
    assert "Wohnungssuche" in title


# --- robustness ----------------------------------------------------------------------------

LANGUAGES = st.sampled_from(["de", "en", "ar", "fa", "uk", "tr", "ru"])
TEXTS = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["", "   ", "\n\t", "👍👍", "🏠 Wohnung 🏠", "?!", "Kita", "x" * 5000]),
    st.sampled_from([c.text for c in KITA + UNRELATED]),
)


@st.composite
def card_lists(draw):
    texts = draw(st.lists(TEXTS, max_size=25))
    return [
        CardText(f"c{i}", text, draw(LANGUAGES), draw(st.sampled_from([None, "idea"])), None)
        for i, text in enumerate(texts)
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(card_lists())
def test_it_copes_with_any_text_and_keeps_its_invariants(cards):
    suggestions = suggest_groups(cards)
    ids = [i for s in suggestions for i in s.card_ids]
    assert len(ids) == len(set(ids))
    assert set(ids) <= {c.id for c in cards}
    language = {c.id: c.language for c in cards}
    for suggestion in suggestions:
        assert len(suggestion.card_ids) >= 2
        assert 0 <= suggestion.score <= 1.0001
        assert len(suggestion.title) <= grouping.TITLE_MAX_CHARS
        text = {c.id: c.text for c in cards}
        for a, b in combinations(suggestion.card_ids, 2):
            if language[a] != language[b]:
                # Only nearly identical texts may cross a language boundary.
                assert tn.content_tokens(text[a]) and tn.content_tokens(text[b])


@settings(max_examples=40, deadline=None)
@given(text=TEXTS, language=LANGUAGES, copies=st.integers(min_value=2, max_value=6))
def test_identical_cards_with_content_are_suggested_as_one_bundle(text, language, copies):
    assume(tn.content_tokens(text, language))
    cards = [CardText(f"c{i}", text, language) for i in range(copies)]
    suggestions = suggest_groups(cards)
    assert [set(s.card_ids) for s in suggestions] == [{c.id for c in cards}]


@settings(max_examples=30, deadline=None)
@given(text=st.sampled_from(["", "   ", "👍", "🙂🙂🙂", "\u200b"]))
def test_cards_without_words_are_never_suggested(text):
    cards = [CardText("a", text), CardText("b", text), *KITA]
    suggestions = suggest_groups(cards)
    assert group_of(suggestions, "a") == {"a"} and group_of(suggestions, "b") == {"b"}


def test_a_very_long_card_does_not_break_grouping():
    long_card = CardText("long", "Kita-Plätze fehlen. " * 400)
    suggestions = suggest_groups(KITA + UNRELATED + [long_card])
    assert "long" in group_of(suggestions, "k1")
