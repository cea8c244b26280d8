"""Read-only: the dialogue's checklist from the counts every app declares (core/registry.py), and the guide's
own reads."""

import dataclasses

from django.db.models import Q

from dialogwerk.core.registry import checklist_counters
from dialogwerk.dialogues.models import Dialogue
from dialogwerk.tenancy.models import Membership, Municipality, Role

from .checklist import Counts, Item, checklist
from .models import SignLanguageVideo


class CountsDeclaredWrongly(Exception):
    """A count of the checklist that no app gives, or that two apps give."""


def checklist_counts(*, dialogue: Dialogue) -> Counts:
    """Every app's counts in one `Counts`. A count that no app gives fails here, rather than showing as 0."""
    merged: dict = {}
    for declaration in checklist_counters:
        counts = declaration.part(dialogue)
        twice = merged.keys() & counts.keys()
        if twice:
            raise CountsDeclaredWrongly(f"{declaration.app} gives {sorted(twice)} again")
        merged.update(counts)
    missing = {field.name for field in dataclasses.fields(Counts)} - merged.keys()
    if missing:
        raise CountsDeclaredWrongly(f"no app gives the checklist's {sorted(missing)}")
    return Counts(**merged)


def checklist_of(*, dialogue: Dialogue, role: str | None = None) -> list[Item]:
    return checklist(checklist_counts(dialogue=dialogue), role=role)


def municipality_admin_emails(*, municipality: Municipality) -> list[str]:
    return list(
        Membership.objects.filter(municipality=municipality, role=Role.MUNICIPALITY_ADMIN)
        .exclude(user__email="")
        .filter(Q(user__is_active=True))
        .values_list("user__email", flat=True)
    )


def sign_language_videos() -> list[SignLanguageVideo]:
    return list(SignLanguageVideo.objects.select_related("municipality").order_by("municipality__name"))


def sign_language_video_of(*, municipality: Municipality) -> SignLanguageVideo | None:
    return SignLanguageVideo.objects.filter(municipality=municipality).first()
