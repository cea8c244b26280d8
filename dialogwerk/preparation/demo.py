"""Demo part of preparation: Musterstadt's needs analysis, key figures, existing measures, about forty actors
across all perspectives (with one coverage gap on purpose: refugees at "Bauen & Wohnen") and a project plan.
Idempotent: creates only what is missing."""

import datetime

from .models import Actor, EventDetails, ExistingMeasure, KeyFigure, NeedsAnalysis, ProjectTask
from .services import actors_consent_record, perspectives_ensure_defaults, project_plan_generate

ANSWERS = {
    "situation": "Musterstadt hat seit 2023 rund 180 Geflüchtete aufgenommen, davon 64 Kinder und Jugendliche. "
    "Wohnraum ist knapp, die Kitas sind voll, das Ehrenamt ist aktiv, aber erschöpft.",
    "measures_summary": "Sprachcafé, Patenschaftsprogramm, Integrationsmanagement im Landratsamt, Willkommensklasse.",
    "themes_summary": "Wohnen und Kita-Plätze drängen; in der Nachbarschaft der Unterkunft gibt es Sorgen.",
    "actors_summary": "Neben Verwaltung und Ehrenamt auch Geflüchtete selbst, Arbeitgeber und skeptische Anwohner.",
    "design_summary": "Ein World-Café-Abend mit etwa 70 Personen, danach ein Begleitkreis.",
}
FIGURES = [
    ("Untergebrachte Geflüchtete", 120, datetime.date(2024, 12, 31)),
    ("Untergebrachte Geflüchtete", 180, datetime.date(2025, 6, 30)),
    ("davon Kinder und Jugendliche", 41, datetime.date(2024, 12, 31)),
    ("davon Kinder und Jugendliche", 64, datetime.date(2025, 6, 30)),
    ("Freie Kita-Plätze", 6, datetime.date(2025, 6, 30)),
    ("Plätze in Vorbereitungsklassen", 18, datetime.date(2025, 6, 30)),
    ("Verfügbare Wohnungen", 9, datetime.date(2025, 6, 30)),
    ("Aktive Ehrenamtliche", 52, datetime.date(2025, 6, 30)),
]
MEASURES = [
    ("Sprachcafé im Rathaus", "Gemeinschaft & Nachbarschaft", "Freundeskreis Asyl", datetime.date(2023, 3, 1)),
    ("Patenschaftsprogramm", "Gemeinschaft & Nachbarschaft", "Caritas", datetime.date(2023, 9, 1)),
    (
        "Vorbereitungsklasse an der Grundschule",
        "Kindergarten & Schule",
        "Staatliches Schulamt",
        datetime.date(2024, 9, 1),
    ),
    ("Wohnraumbörse", "Bauen & Wohnen", "Liegenschaftsamt", datetime.date(2025, 1, 15)),
]
VENUE = {
    "venue": "Bürgerhaus am Markt",
    "address": "Marktplatz 3\n12345 Musterstadt",
    "rooms": "Großer Saal (Plenum und World Café), Raum 2 (Kinderbetreuung)",
    "step_free": "yes",
    "accessibility": "Barrierefreies WC im Erdgeschoss, Induktionsschleife im großen Saal. Bushaltestelle „Markt“ (Linie 2) vor dem Haus.",
    "childcare": True,
    "childcare_notes": "Für Kinder von 3 bis 10 Jahren, ohne Anmeldung.",
    "interpreter_languages": "ar,fa,uk",
    "interpreter_other": "Dari, Tigrinya",
    "capacity": 90,
    "registration_open": True,
}
ALL = [0, 1, 2, 3, 4]
# (perspective, [names], themes as indices into the dialogue's themes (0 = Bauen & Wohnen … 4 = Infrastruktur))
ACTORS = [
    ("Verwaltung", ["Bürgermeisteramt", "Sozialamt", "Liegenschaftsamt", "Integrationsbeauftragte"], ALL),
    ("Gemeinderat & Politik", ["Fraktion A", "Fraktion B", "Fraktion C", "Ortschaftsrat Nord"], ALL),
    ("Ehrenamt", ["Freundeskreis Asyl", "Sprachpaten", "Sportverein TSV", "Nachbarschaftshilfe"], ALL),
    ("Geflüchtete", ["Geflüchtetenrat", "Elterngruppe Unterkunft", "Frauentreff", "Jugendgruppe"], [1, 2, 3, 4]),
    (
        "Nachbarschaft & Bürgerschaft (auch skeptische Stimmen)",
        ["Bürgerinitiative Lindenweg", "Anwohnerin Nord", "Seniorenrat", "Bürgerverein Süd"],
        ALL,
    ),
    ("Wirtschaft & Arbeitgeber", ["Handwerkerverein", "Autohaus Meier", "IHK-Ansprechpartner", "Jobcenter"], ALL),
    ("Schulen & Kitas", ["Grundschule am Markt", "Kita Regenbogen", "Realschule", "Schulsozialarbeit"], ALL),
    ("Polizei & Sicherheit", ["Polizeiposten", "Ordnungsamt", "Feuerwehr", "Kommunaler Ordnungsdienst"], ALL),
    (
        "Kirchen & Religionsgemeinschaften",
        ["Evangelische Gemeinde", "Katholische Gemeinde", "Moscheeverein", "Freikirche"],
        ALL,
    ),
    ("Wohlfahrtsverbände", ["Caritas", "Diakonie", "DRK-Ortsverein", "AWO"], ALL),
]


def load(context: dict) -> None:
    dialogue = context["dialogue"]
    consultant = context["users"]["consultant"]
    perspectives_ensure_defaults(dialogue=dialogue)
    EventDetails.objects.get_or_create(dialogue=dialogue, defaults=VENUE)
    NeedsAnalysis.objects.get_or_create(dialogue=dialogue, defaults={**ANSWERS, "status": "complete"})
    for indicator, value, as_of in FIGURES:
        KeyFigure.objects.get_or_create(
            dialogue=dialogue, indicator=indicator, as_of=as_of, defaults={"value": value, "source": "Landratsamt"}
        )
    themes = list(dialogue.themes.order_by("position", "id"))
    by_name = {theme.name: theme for theme in themes}
    for title, theme, owner, since in MEASURES:
        if not ExistingMeasure.objects.filter(dialogue=dialogue, title=title).exists():
            ExistingMeasure.objects.create(
                dialogue=dialogue, title=title, theme=by_name.get(theme), owner=owner, since=since
            )
    perspectives = {p.name: p for p in dialogue.perspectives.all()}
    consenting = []
    for group, (perspective_name, names, theme_indices) in enumerate(ACTORS):
        perspective = perspectives.get(perspective_name)
        if perspective is None:
            continue
        for index, name in enumerate(names):
            if Actor.objects.filter(dialogue=dialogue, name=name).exists():
                continue
            consent = index != 3
            # Contact data only with consent (issue #7): the actor without it has none, so it cannot be invited.
            actor = Actor.objects.create(
                dialogue=dialogue,
                name=name,
                perspective=perspective,
                email=f"kontakt{group}{index}@musterstadt.example" if consent else "",
                consent=consent,
                influence=(group + index) % 5 + 1,
                interest=(group * 2 + index) % 5 + 1,
                stance="-" if perspective_name.startswith("Nachbarschaft") and index < 2 else "",
            )
            actor.themes.set([themes[i] for i in theme_indices if i < len(themes)])
            if consent:
                consenting.append(actor)
    if consenting:
        actors_consent_record(consultant, consenting)
    context["actors"] = list(Actor.objects.filter(dialogue=dialogue))
    if dialogue.starts_on and not ProjectTask.objects.filter(dialogue=dialogue).exists():
        project_plan_generate(actor=consultant, dialogue=dialogue)
