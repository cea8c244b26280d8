"""Fixtures for documents: private files in a temporary folder, and a dialogue with cards and votes."""

import hashlib

import pytest
from django.utils import timezone

SUFFIX_AR = "نريد مدرسة مفتوحة للجميع"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _live():
    from dialogwerk.live import models as live

    return live


@pytest.fixture
def live_session(dialogue):
    live = _live()
    return live.Session.objects.create(dialogue=dialogue, title="Dialogtag", code="ABC123")


def make_participant(session, number: int, perspective: str, language: str = "de"):
    live = _live()
    return live.Participant.objects.create(
        session=session,
        token_hash=hashlib.sha256(f"{session.pk}-{number}".encode()).hexdigest(),
        display_name=f"Person {number}",
        language=language,
        perspective=perspective,
        consented_at=timezone.now(),
        notice_version="1",
    )


@pytest.fixture
def cards(dialogue, live_session):
    """Seven participants of three perspectives and nine cards on two themes, one of them in Arabic."""
    live = _live()
    perspectives = [
        "Verwaltung",
        "Verwaltung",
        "Geflüchtete",
        "Geflüchtete",
        "Geflüchtete",
        "Nachbarschaft",
        "Nachbarschaft",
    ]
    people = [
        make_participant(live_session, i, p, "ar" if p == "Geflüchtete" else "de") for i, p in enumerate(perspectives)
    ]
    housing, school = list(dialogue.themes.order_by("position"))[:2]
    texts = [
        (housing, "situation", "Wohnungen in der Südstadt sind knapp und teuer."),
        (housing, "field_of_action", "Größere Wohnungen für Familien schaffen."),
        (housing, "conflict", "Sorge über die Unterkunft an der Bahnhofstraße."),
        (housing, "idea", "Patenschaften zwischen Nachbarn und Neuzugezogenen."),
        (housing, "idea", "Ein Begegnungsfest im Frühjahr."),
        (school, "situation", "Es fehlen Kita-Plätze für über Dreijährige."),
        (school, "idea", "Sprachförderung an der Grundschule ausbauen."),
        (school, "idea", SUFFIX_AR),
        (school, "conflict", "Überfüllte Klassen an der Realschule."),
    ]
    created = []
    for index, (theme, kind, text) in enumerate(texts):
        created.append(
            live.Contribution.objects.create(
                session=live_session,
                theme=theme,
                kind=kind,
                text=text,
                language="ar" if text == SUFFIX_AR else "de",
                participant=people[index % len(people)],
            )
        )
    return created


@pytest.fixture
def voting(live_session, cards):
    """A dot voting: 'Sprachförderung' gets 3 dots, 'Patenschaften' 2, 'Begegnungsfest' 1."""
    live = _live()
    voting = live.DotVoting.objects.create(session=live_session, title="Was ist am wichtigsten?", budget=3)
    by_text = {c.text[:12]: c for c in cards}
    participants = list(live_session.participants.all())
    dots = [
        ("Sprachförder", 0),
        ("Sprachförder", 1),
        ("Sprachförder", 2),
        ("Patenschafte", 0),
        ("Patenschafte", 3),
        ("Ein Begegnun", 4),
    ]
    slots = {}
    for prefix, person in dots:
        slot = slots.get(person, 0)
        slots[person] = slot + 1
        live.Vote.objects.create(
            voting=voting, participant=participants[person], contribution=by_text[prefix], slot=slot
        )
    return voting
