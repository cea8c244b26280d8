"""The seating app's part in what spans apps (core/registry.py): table plans name people, so the privacy
export shows a participant's seats and an erasure takes the names out of the plans."""

from collections.abc import Mapping
from typing import Any

from dialogwerk.core import registry

from . import evening
from .models import NAME_MAX_LENGTH, SeatingPerson


def participant_export(participant) -> dict:
    seats = SeatingPerson.objects.filter(participant=participant).select_related("plan")
    return {"seats": [{"plan": seat.plan_id, "name": seat.name, "perspective": seat.perspective} for seat in seats]}


def participant_erase(participant, context: Mapping[str, Any]) -> None:
    SeatingPerson.objects.filter(participant=participant).update(
        name=context["label"], perspective="", participant=None
    )


def actor_erase(actor, context: Mapping[str, Any]) -> None:
    """Table plans copy an invited actor's name as text ("contact (organisation)"), without a link."""
    seated_as = {actor.name, actor.contact_name, f"{actor.contact_name} ({actor.name})"} - {""}
    SeatingPerson.objects.filter(
        plan__session__dialogue=actor.dialogue, name__in=[n[:NAME_MAX_LENGTH] for n in seated_as]
    ).update(name=context["label"], perspective="")


def declare() -> None:
    for name, read in evening.READS.items():
        registry.table_plan_reads.declare(app="seating", name=name, part=read)
    registry.privacy_parts.declare(
        app="seating",
        name="seating.participant",
        part=registry.PrivacyPart(
            subject="participant",
            sections=("seats",),
            export=participant_export,
            erase=participant_erase,
            holds=("seating.SeatingPerson",),
        ),
    )
    registry.privacy_parts.declare(
        app="seating",
        name="seating.actor",
        part=registry.PrivacyPart(subject="actor", erase=actor_erase, holds=("seating.SeatingPerson",)),
    )
