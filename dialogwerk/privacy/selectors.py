"""Reads of the privacy pages: always through the municipality the user may manage (404 otherwise)."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from dialogwerk.core.registry import privacy_parts_of
from dialogwerk.live.models import Participant
from dialogwerk.preparation.models import Actor
from dialogwerk.tenancy.models import Municipality

from .models import ErasureRecord, PrivacySettings


def settings_of(*, municipality: Municipality) -> PrivacySettings:
    """The saved settings, or unsaved empty ones (the notice page then says what is missing)."""
    return PrivacySettings.objects.filter(municipality=municipality).first() or PrivacySettings(
        municipality=municipality
    )


def participants_matching(*, municipality: Municipality, name: str = "", code: str = "") -> QuerySet[Participant]:
    """Participants of the municipality's live events by display name (part of it) and/or join code."""
    participants = Participant.objects.filter(session__dialogue__municipality=municipality).select_related(
        "session__dialogue"
    )
    if name:
        participants = participants.filter(display_name__icontains=name)
    if code:
        participants = participants.filter(session__code=code.strip().upper())
    return participants.order_by("-created_at", "-id")


def get_participant(*, municipality: Municipality, participant_id: int) -> Participant:
    return get_object_or_404(
        Participant.objects.select_related("session__dialogue__municipality"),
        pk=participant_id,
        session__dialogue__municipality=municipality,
    )


def actors_matching(*, municipality: Municipality, query: str = "") -> QuerySet[Actor]:
    actors = Actor.objects.filter(dialogue__municipality=municipality).select_related("dialogue", "perspective")
    if query:
        actors = actors.filter(Q(name__icontains=query) | Q(contact_name__icontains=query) | Q(email__icontains=query))
    return actors.order_by("dialogue__title", "name")


def get_actor(*, municipality: Municipality, actor_id: int) -> Actor:
    return get_object_or_404(
        Actor.objects.select_related("dialogue__municipality", "perspective"),
        pk=actor_id,
        dialogue__municipality=municipality,
    )


def erasures_of(*, municipality: Municipality) -> QuerySet[ErasureRecord]:
    return ErasureRecord.objects.filter(municipality=municipality)


def contact_records(*, municipality: Municipality, email: str) -> dict:
    """What the municipality stores about a person without an account, found by their e-mail address: each
    app's records (core/registry.py's privacy parts for "contact"; e.g. the measures naming them responsible,
    their report links, Begleitkreis places, registrations), by the names the apps give them."""
    records: dict = {}
    for part in privacy_parts_of("contact"):
        if part.find is not None:
            records.update(part.find(municipality=municipality, email=email.strip()))
    return records


def contact_found(records: dict) -> bool:
    return any(records.values())
