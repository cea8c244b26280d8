"""Demo part of reports: Musterstadt's logo, the texts of its documentation, and the evening's attendance
(participants of DEMO42 by perspective and language, answers to the invitations, dots in the open vote), so
that the documentation, the report on the use of funds and the Steckbrief show who took part and how they voted.

Idempotent: each part is added only while its kind of data is missing (no participants, no invitations, no dots).
"""

import io
import logging
import random

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from dialogwerk.dialogues import services as dialogue_services

from .models import DocumentationText, MunicipalityBranding

log = logging.getLogger(__name__)

# (perspective as named by the preparation demo, people, languages in turn); None: perspective not stated.
ATTENDANCE = [
    ("Verwaltung", 6, ["de"]),
    ("Gemeinderat & Politik", 5, ["de"]),
    ("Ehrenamt", 10, ["de", "de", "de", "de", "en"]),
    ("Geflüchtete", 12, ["ar", "ar", "fa", "uk", "ar", "de", "fa", "ar", "uk", "ar", "fa", "de"]),
    ("Nachbarschaft & Bürgerschaft (auch skeptische Stimmen)", 9, ["de"]),
    ("Wirtschaft & Arbeitgeber", 4, ["de"]),
    ("Schulen & Kitas", 5, ["de"]),
    ("Polizei & Sicherheit", 2, ["de"]),
    ("Kirchen & Religionsgemeinschaften", 4, ["de", "de", "tr", "de"]),
    ("Wohlfahrtsverbände", 4, ["de"]),
    (None, 3, ["de"]),
]
VOTERS = 36
# Cards that drew many dots on the evening (by the start of their text), the others now and then.
FAVOURITES = [
    "Es fehlen Kita-Plätze",
    "Ein Sprachcafé",
    "Bezahlbarer Wohnraum",
    "Patenschaften",
    "Bessere Beleuchtung",
    "Praktika in örtlichen",
    "مقهى لغة",
]
# Of the actors who may be invited: every n-th declines or is unsure, the rest accept.
RSVP_PATTERN = ["accepted", "accepted", "accepted", "accepted", "accepted", "accepted", "declined", "accepted", "maybe"]


def _logo() -> bytes:
    image = Image.new("RGBA", (480, 160), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((4, 4, 156, 156), radius=24, fill=(29, 95, 140, 255))
    draw.polygon([(40, 120), (80, 40), (120, 120)], fill=(255, 255, 255, 255))
    draw.text((180, 60), "MUSTERSTADT", fill=(29, 95, 140, 255), font_size=36)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def load(context: dict) -> None:
    municipality, dialogue = context["municipality"], context["dialogue"]
    branding, _created = MunicipalityBranding.objects.get_or_create(municipality=municipality)
    if not branding.logo:
        branding.logo.save("logo.png", ContentFile(_logo()), save=True)
    DocumentationText.objects.get_or_create(
        dialogue=dialogue,
        defaults={
            "next_steps": "Der Begleitkreis trifft sich vier Wochen nach dem Dialog und prüft mit den "
            "Verantwortlichen jede Maßnahme. Der Gemeinderat beantwortet die Ergebnisse öffentlich; "
            "eine Zusammenfassung erscheint auf Deutsch, Arabisch und Farsi.",
        },
    )
    _invitations(dialogue)
    session = context.get("live_session")
    if session is not None:
        participants = _participants(session)
        _dots(session, participants)
        if dialogue.people_counted is None:  # counted at the door: some came without a phone and wrote on paper
            dialogue_services.dialogue_count_people(actor=None, dialogue=dialogue, count=len(participants) + 7)


def _invitations(dialogue) -> None:
    from dialogwerk.preparation.models import Actor, Invitation
    from dialogwerk.preparation.services import invitation_expiry, invitation_respond

    if Invitation.objects.filter(dialogue=dialogue).exists():
        return
    try:
        expires_on = invitation_expiry(dialogue)
    except ValidationError:
        return
    actors = [a for a in Actor.objects.filter(dialogue=dialogue).order_by("id") if a.may_be_invited]
    for index, actor in enumerate(actors):
        invitation = Invitation.objects.create(
            dialogue=dialogue, actor=actor, expires_on=expires_on, sent_at=timezone.now()
        )
        if index % 10 == 9:
            continue  # no answer yet
        try:
            invitation_respond(invitation=invitation, status=RSVP_PATTERN[index % len(RSVP_PATTERN)])
        except ValidationError:  # the demo's event date has passed: the links take no answers any more
            return


def _participants(session) -> list:
    from dialogwerk.live.services import participant_join

    existing = list(session.participants.all())
    if existing or not session.accepts_writes:
        return existing
    joined = []
    for perspective, people, languages in ATTENDANCE:
        for index in range(people):
            participant, _token = participant_join(
                session=session, language=languages[index % len(languages)], consent=True, perspective=perspective or ""
            )
            joined.append(participant)
    return joined


def _dots(session, participants: list) -> None:
    from dialogwerk.live.models import Vote
    from dialogwerk.live.selectors import open_voting
    from dialogwerk.live.services import vote_place

    voting = open_voting(session=session)
    if voting is None or voting.over_clusters or Vote.objects.filter(voting=voting).exists():
        return
    cards = list(session.contributions.order_by("created_at", "id"))
    if not cards:
        return
    favourites = [c for c in cards if any(c.text.startswith(start) for start in FAVOURITES)]
    chooser = random.Random(42)  # the same evening every time the demo is loaded
    for participant in participants[:VOTERS]:
        pool = favourites * 3 + cards
        chosen = []
        while len(chosen) < min(voting.budget - chooser.randrange(2), len(cards)):
            card = chooser.choice(pool)
            if card not in chosen:
                chosen.append(card)
        for card in chosen:
            vote_place(participant=participant, contribution_id=card.pk)
