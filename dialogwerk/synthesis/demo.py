"""Demo part of synthesis: Musterstadt's cards bundled into clusters, three decisions (one delegated to a
working group). Idempotent: each part is created only when the dialogue has none of it yet."""

import datetime

from django.utils import timezone

from .models import Outcome
from .services import cluster_create, decision_create, working_group_create

# (theme index, kind, text, language); the clusters below refer to these by position.
DEMO_CARDS = [
    (1, "situation", "Es fehlen Kita-Plätze für die neu zugezogenen Kinder", "de"),
    (1, "situation", "Zu wenige Plätze in der Kita, Wartelisten bis nächstes Jahr", "de"),
    (1, "situation", "Kitaplätze fehlen vor allem im Neubaugebiet", "de"),
    (0, "field_of_action", "Bezahlbarer Wohnraum für Familien fehlt", "de"),
    (0, "field_of_action", "Wohnungen für Geflüchtete außerhalb der Gemeinschaftsunterkunft finden", "de"),
    (0, "conflict", "Angst vor Wertverlust der Häuser in der Nachbarschaft", "de"),
    (3, "idea", "Ein Sprachcafé im Rathaus, jeden Mittwoch", "de"),
    (3, "idea", "Sprachcafé mit Ehrenamtlichen in der Bücherei", "de"),
    (3, "idea", "Patenschaften zwischen alten und neuen Nachbarn", "de"),
    (3, "idea", "Nachbarschaftsfest im Sommer für alle", "de"),
    (2, "field_of_action", "Praktika in örtlichen Betrieben vermitteln", "de"),
    (2, "field_of_action", "Anerkennung ausländischer Abschlüsse dauert zu lange", "de"),
    (4, "conflict", "Unsicherheit am Bahnhof am Abend", "de"),
    (4, "idea", "Bessere Beleuchtung am Bahnhof", "de"),
    (4, "idea", "WLAN in der Gemeinschaftsunterkunft", "de"),
    (3, "idea", "مقهى لغة للنساء مع رعاية الأطفال", "ar"),
    (2, "idea", "A job fair with local companies and interpreters", "en"),
    (3, "idea", "Fußballturnier mit Vereinen und Geflüchteten", "de"),
]
DEMO_CLUSTERS = [
    ("Kita-Plätze fehlen", [0, 1, 2]),
    ("Wohnraum für Familien", [3, 4]),
    ("Begegnung in der Nachbarschaft", [8, 9]),
    ("Sicherheit am Bahnhof", [12, 13]),
]


def _cards(context: dict) -> list:
    session = context.get("live_session")
    if session is None:
        return []
    from dialogwerk.live.services import contribution_submit

    cards = list(session.contributions.order_by("created_at", "id"))
    if cards:
        return cards
    themes = list(context["dialogue"].themes.order_by("position", "id"))
    if not themes:
        return []
    author = context["users"]["moderator"]
    for index, (theme, kind, text, language) in enumerate(DEMO_CARDS):
        contribution_submit(
            session=session,
            author_user=author,
            kind=kind,
            theme_id=themes[min(theme, len(themes) - 1)].pk,
            text=text,
            language=language,
            idempotency_key=f"demo-card-{index}",
        )
    return list(session.contributions.order_by("created_at", "id"))


def load(context: dict) -> None:
    dialogue = context["dialogue"]
    consultant = context["users"]["consultant"]
    cards = _cards(context)
    if cards and not dialogue.clusters.exists() and len(cards) >= len(DEMO_CARDS):
        for title, indexes in DEMO_CLUSTERS:
            cluster_create(actor=consultant, dialogue=dialogue, title=title, cards=[cards[i] for i in indexes])
    clusters = {cluster.title: cluster for cluster in dialogue.clusters.all()}
    if not dialogue.decisions.exists() and all(title in clusters for title, _cards in DEMO_CLUSTERS):
        now = timezone.now()
        decision_create(
            actor=consultant,
            dialogue=dialogue,
            outcome=Outcome.ADOPTED,
            title="Mehr Kita-Plätze schaffen",
            reason="Übergangsgruppe im Gemeindehaus ab Herbst.",
            cluster=clusters["Kita-Plätze fehlen"],
            now=now,
        )
        group = working_group_create(
            actor=consultant,
            dialogue=dialogue,
            name="AG Wohnen",
            mandate="Bis zur Frist einen Vorschlag erarbeiten, wie Familien aus der Gemeinschaftsunterkunft Wohnungen finden.",
            member_names="Stadtbau Musterstadt GmbH\nCaritas, Frau Yilmaz\nBürgerverein Nord",
            convenor=context["users"]["admin"],
            proposal_due_on=timezone.localdate() + datetime.timedelta(days=60),
        )
        decision_create(
            actor=consultant,
            dialogue=dialogue,
            outcome=Outcome.DELEGATED,
            title="Wohnraum für Familien finden",
            cluster=clusters["Wohnraum für Familien"],
            working_group=group,
            now=now,
        )
        decision_create(
            actor=consultant,
            dialogue=dialogue,
            outcome=Outcome.REJECTED,
            title="Videoüberwachung am Bahnhof",
            reason="Die Stadt setzt zuerst auf Beleuchtung und Streetwork; Videoüberwachung ist rechtlich nicht möglich.",
            cluster=clusters["Sicherheit am Bahnhof"],
            now=now,
        )
    context["clusters"] = clusters
