"""Plausible card texts for synthetic dialogues: a subject and a remark per kind of card, in German,
with a few cards in the refugees' languages."""

import random

SUBJECTS = [
    "Wohnraum",
    "die Kita-Plätze",
    "der Sprachkurs",
    "die Buslinie",
    "das Ehrenamt",
    "die Sporthalle",
    "die Grundschule",
    "der Ausbildungsplatz",
    "die Nachbarschaft",
    "das Jobcenter",
    "die Beratung",
    "der Spielplatz",
    "das Gemeindehaus",
    "der Sportverein",
    "die Bibliothek",
    "die Arztpraxis",
]
REMARKS = {
    "situation": ["reicht im Moment nicht aus", "ist gut erreichbar", "ist vielen nicht bekannt", "ist überlastet"],
    "field_of_action": ["braucht mehr Personal", "muss besser abgestimmt werden", "braucht eine feste Ansprechperson"],
    "conflict": ["führt zu Streit im Viertel", "wird als ungerecht empfunden", "macht manchen Angst"],
    "idea": [
        "als Treffpunkt für alle öffnen",
        "mit Patenschaften verbinden",
        "mehrsprachig ankündigen",
        "mit dem Sportverein gemeinsam planen",
    ],
}
KINDS = list(REMARKS)
FOREIGN = [
    ("ar", "نحتاج إلى دروس لغة في المساء"),
    ("uk", "Потрібно більше місць у дитячому садку"),
    ("fa", "یک مکان ملاقات برای همه"),
    ("en", "More evening language classes, please"),
    ("tr", "Mahallede ortak bir buluşma yeri"),
]


def card(rng: random.Random) -> tuple[str, str, str]:
    """(kind, language, text)."""
    kind = rng.choice(KINDS)
    if rng.random() < 0.08:
        language, text = rng.choice(FOREIGN)
        return kind, language, text
    return kind, "de", f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(REMARKS[kind])}."
