"""Reads of the privacy pages: always through the municipality the user may manage (404 otherwise)."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

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
    """What the municipality stores about a person without an account, found by their e-mail address: the
    measures naming them responsible, their personal report links and the reports sent through them, their
    reminder settings and the reminders sent to them, and Begleitkreis places without an account."""
    from dialogwerk.measures.models import (
        Measure,
        OwnerLink,
        ProgressUpdate,
        ReminderRecipient,
        ResultsSubscription,
        SentReminder,
        SteeringMember,
    )
    from dialogwerk.preparation.models import Registration
    from dialogwerk.synthesis.models import ConvenorLink

    email = email.strip()
    links = OwnerLink.objects.filter(measure__dialogue__municipality=municipality, email__iexact=email).select_related(
        "measure"
    )
    return {
        "measures": list(
            Measure.objects.filter(dialogue__municipality=municipality, responsible_email__iexact=email).order_by("pk")
        ),
        "links": list(links.order_by("pk")),
        "reports": list(ProgressUpdate.objects.filter(owner_link__in=links).select_related("measure").order_by("pk")),
        "recipient": ReminderRecipient.objects.filter(municipality=municipality, email__iexact=email).first(),
        "reminders": list(
            SentReminder.objects.filter(measure__dialogue__municipality=municipality, recipient__iexact=email)
            .select_related("measure")
            .order_by("pk")
        ),
        "steering": list(
            SteeringMember.objects.filter(
                steering_group__dialogue__municipality=municipality, email__iexact=email, user__isnull=True
            )
            .select_related("steering_group__dialogue")
            .order_by("pk")
        ),
        "convenor_links": list(
            ConvenorLink.objects.filter(working_group__dialogue__municipality=municipality, email__iexact=email)
            .select_related("working_group")
            .order_by("pk")
        ),
        "subscriptions": list(
            ResultsSubscription.objects.filter(dialogue__municipality=municipality, email__iexact=email)
            .select_related("dialogue")
            .order_by("pk")
        ),
        "registrations": list(
            Registration.objects.filter(dialogue__municipality=municipality, email__iexact=email)
            .select_related("dialogue")
            .order_by("pk")
        ),
    }


def contact_found(records: dict) -> bool:
    return any(
        records[key]
        for key in (
            "measures",
            "links",
            "reports",
            "recipient",
            "reminders",
            "steering",
            "convenor_links",
            "subscriptions",
            "registrations",
        )
    )
