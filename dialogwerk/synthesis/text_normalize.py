"""Language-aware normalisation of short card texts: folding, tokens, stems and German compounds.

Pure Python (plus PyStemmer), no Django. Used by `grouping` to turn a card into word features and a
folded string for character n-grams.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

import Stemmer

from dialogwerk.synthesis.stopwords_de import (
    DOMAIN_STOPWORDS,
    ENGLISH_STOPWORDS,
    GERMAN_STOPWORDS,
    OTHER_STOPWORDS,
)

# Our language codes mapped to Snowball algorithms; Ukrainian has none, so it is left unstemmed.
_STEMMER_FOR_LANGUAGE = {
    "de": "german",
    "en": "english",
    "ar": "arabic",
    "fa": "persian",
    "tr": "turkish",
    "ru": "russian",
}

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
# ae/oe/ue stand for ä/ö/ü in typed German, but not in the diphthongs eu/au ("neue", "Bauer")
# nor after q ("Quelle"): fold them to a/o/u, just as ä/ö/ü are folded by dropping the marks.
_GERMAN_DIGRAPH_RE = re.compile(r"(?<![eaq])([aou])e")

# Alef variants lose their hamza with the combining marks; here the yeh/kaf spellings that differ
# between Arabic and Persian keyboards, and the tatweel used to stretch words.
_SCRIPT_FOLD = {
    "ar": str.maketrans({"ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "ـ": None}),
    "fa": str.maketrans({"ٱ": "ا", "ى": "ی", "ي": "ی", "ك": "ک", "ـ": None}),
}

# Domain synonyms and abbreviations, on folded stems. Deliberately small: each entry is a variant
# people really use for the same thing at such an evening, not a tuning knob for the test set.
GERMAN_SYNONYMS = {
    "kindergart": "kita",
    "kindertagesstatt": "kita",
    "kiga": "kita",
    "krippenplatz": "kitaplatz",
    "deutschkur": "sprachkur",
    "deutschkurs": "sprachkur",
    "sprachkurs": "sprachkur",
    "integrationskur": "sprachkur",
    "integrationskurs": "sprachkur",
    "opnv": "bus",
    "nahverkehr": "bus",
    "buss": "bus",
    "wlan": "internet",
    "wifi": "internet",
    "internetzugang": "internet",
    "job": "arbeit",
    "jobs": "arbeit",
    "arbeitsplatz": "arbeit",
    "arbeitsstell": "arbeit",
    "freiwill": "ehrenamt",
    "ehrenamt": "ehrenamt",
    "sprachmittl": "dolmetsch",
    "ubersetz": "dolmetsch",
    "wohnung": "wohn",
    "wohnraum": "wohn",
    "abfall": "mull",
    "beleucht": "licht",
    "laterne": "licht",
    "strassenlatern": "licht",
    "hell": "licht",
    "rad": "fahrrad",
    "azubi": "ausbild",
    "lehrkraft": "lehr",
    "lehrerin": "lehr",
    "lehrer": "lehr",
}

# Parts that often appear inside compounds but rarely stand alone on a card.
GERMAN_COMPOUND_PARTS = frozenset(
    """
    kita platz wohn raum sprach deutsch kurs integration schul kind garten arbeit stell erlaub
    unterkunft sammel gemeinschaft turn hall eltern brief abend haus aufgab lern pat job borse
    messe sport verein fahrrad werkstatt bus bahnhof strass fest koch cafe treff begegn
    forder ausbild betrieb praktikum handwerk arzt prax kinder jugend frau mann leer stand bau sozial
    miet vermiet garantie ausfall dolmetsch sprachmittl ubersetz info blatt willkomm mapp internet
    """.split()
)
_LINKING_ELEMENTS = ("", "s", "n", "en", "es", "e", "er")


def fold(text: str, language: str = "de") -> str:
    """Lowercase and strip spelling variants: ß/ss, ä/ae/a, accents, Arabic letter variants."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    decomposed = unicodedata.normalize("NFD", text)
    # Dropping combining marks turns ä into a and é into e; done for every script so that a card
    # typed without diacritics still matches. Ukrainian й/ї lose marks too, consistently for all.
    text = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    text = unicodedata.normalize("NFC", text)
    if language in _SCRIPT_FOLD:
        text = text.translate(_SCRIPT_FOLD[language])
    if language == "de":
        text = _GERMAN_DIGRAPH_RE.sub(r"\1", text)
    return text


def tokens(text: str, language: str = "de") -> list[str]:
    """Folded word tokens (hyphens and slashes split words: Kita-Plätze -> kita, platze)."""
    return _TOKEN_RE.findall(fold(text, language).replace("_", " "))


@lru_cache(maxsize=8)
def _stemmer(language: str) -> Stemmer.Stemmer | None:
    algorithm = _STEMMER_FOR_LANGUAGE.get(language)
    return Stemmer.Stemmer(algorithm) if algorithm else None


@lru_cache(maxsize=8)
def stopwords(language: str) -> frozenset[str]:
    if language == "de":
        words = GERMAN_STOPWORDS | DOMAIN_STOPWORDS
    elif language == "en":
        words = ENGLISH_STOPWORDS
    else:
        words = OTHER_STOPWORDS.get(language, frozenset())
    return frozenset(fold(word, language) for word in words)


def content_tokens(text: str, language: str = "de") -> list[str]:
    """Folded tokens without stopwords, digits or one-letter fragments."""
    stop = stopwords(language)
    return [t for t in tokens(text, language) if t not in stop and len(t) > 1 and not t.isdigit()]


@lru_cache(maxsize=1)
def _all_stopwords() -> frozenset[str]:
    languages = ("de", "en", *OTHER_STOPWORDS)
    return frozenset().union(*(stopwords(language) for language in languages))


def neutral_tokens(text: str, language: str = "de") -> list[str]:
    """Like content_tokens, but with the stopwords of every language removed, so that the same
    text filed under two language codes yields the same tokens (used for character n-grams)."""
    stop = _all_stopwords()
    return [t for t in tokens(text, language) if t not in stop and len(t) > 1 and not t.isdigit()]


def stem_all(words: Iterable[str], language: str) -> list[str]:
    stemmer = _stemmer(language)
    words = list(words)
    if stemmer is None:
        return words
    return stemmer.stemWords(words)


def split_compound(word: str, known: frozenset[str] | set[str], stem: Callable[[str], str]) -> list[str]:
    """Split a German compound into known parts, head first: kitaplatze -> [kita, platz].

    A greedy right-to-left heuristic: the longest known tail (the compound's head noun), then the
    rest, allowing one linking element (Fugen-s etc.). Returns [] when no split is found.
    """
    if len(word) < 7:
        return []
    for cut in range(3, len(word) - 3):
        head, tail = word[:cut], word[cut:]
        tail_stem = stem(tail)
        if tail_stem not in known and tail not in known:
            continue
        for link in _LINKING_ELEMENTS:
            if link and not head.endswith(link):
                continue
            modifier = head[: len(head) - len(link)] if link else head
            if len(modifier) < 3:
                continue
            modifier_stem = stem(modifier)
            if modifier_stem in known or modifier in known:
                return (split_compound(modifier, known, stem) or [modifier_stem]) + [tail_stem]
            inner = split_compound(modifier, known, stem)
            if inner:
                return inner + [tail_stem]
    return []
