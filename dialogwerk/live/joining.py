"""The session's door: who may still join, and what the moderator does when a script floods the room.

Anyone with the join code can join, by design (no account). A script with the code could join hundreds of
fake participants and write cards faster than people; per-participant rate limits do not stop that, and
limits per address would lock out a town hall behind one NAT address. So the door has a ceiling near the
expected size (`Session.join_ceiling`, raised by the moderator in one step), the moderator can pause
joining, and can remove a flood in one step: everyone who joined in the last minutes loses their token and
their cards leave the wall (hidden with a reason, as one moderation: each can be shown again).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogwerk.tenancy import audit
from dialogwerk.tenancy.models import AuditAction

from .models import Contribution, Participant, Session

MAX_JOIN_LIMIT = 5000
FLOOD_MINUTES = (5, 10, 15, 30, 60)
REMOVED_PREFIX = "removed:"  # a token hash nobody can present (as "erased:" for erasures)


def refusal(*, session: Session) -> str | None:
    """Why the session takes nobody new now (paused, full), in the joiner's language; None when it does."""
    if session.joining_paused:
        return _("Joining is paused at the moment. Please ask the moderation team.")
    if present(session=session) >= session.join_ceiling:
        return _("The event is full. Please ask the moderation team.")
    return None


def present(*, session: Session) -> int:
    """Participants who joined and were not removed as a flood."""
    return session.participants.exclude(token_hash__startswith=REMOVED_PREFIX).count()


@transaction.atomic
def joining_pause(*, actor, session: Session, paused: bool) -> Session:
    if session.joining_paused != paused:
        Session.objects.filter(pk=session.pk).update(joining_paused=paused)
        session.joining_paused = paused
        audit.record(
            municipality=session.dialogue.municipality,
            actor=actor,
            action=AuditAction.UPDATE,
            target=session,
            changes={"joining_paused": [str(not paused), str(paused)]},
        )
    return session


@transaction.atomic
def join_limit_set(*, actor, session: Session, limit: int) -> Session:
    joined = present(session=session)
    if not 1 <= limit <= MAX_JOIN_LIMIT:
        raise ValidationError({"limit": _("Please give a number from 1 to %(max)d.") % {"max": MAX_JOIN_LIMIT}})
    before = session.join_ceiling
    Session.objects.filter(pk=session.pk).update(join_limit=limit)
    session.join_limit = limit
    audit.record(
        municipality=session.dialogue.municipality,
        actor=actor,
        action=AuditAction.UPDATE,
        target=session,
        changes={"join_limit": [str(before), str(limit)], "joined": [str(joined), str(joined)]},
    )
    return session


@transaction.atomic
def flood_remove(*, actor, session: Session, minutes: int, reason: str) -> tuple[int, int]:
    """Remove everyone who joined in the last `minutes`: their tokens stop working, their cards are hidden
    with `reason`. Returns (participants, cards). Joining is paused too, so the flood does not come back
    while the moderator looks; they open the door again when ready."""
    from . import services  # services imports this module for the join

    reason = (reason or "").strip()
    if minutes not in FLOOD_MINUTES:
        raise ValidationError({"minutes": _("Please choose one of the offered periods.")})
    if not reason:
        raise ValidationError({"reason": _("Please give a reason; it is kept in the audit log.")})
    since = timezone.now() - datetime.timedelta(minutes=minutes)
    joined = list(
        Participant.objects.select_for_update()
        .filter(session=session, created_at__gte=since)
        .exclude(token_hash__startswith=REMOVED_PREFIX)
        .values_list("pk", flat=True)
    )
    cards = services.contributions_hide(
        actor=actor,
        session=session,
        cards=Contribution.objects.filter(session=session, participant_id__in=joined),
        reason=reason,
    )
    for pk in joined:
        Participant.objects.filter(pk=pk).update(token_hash=f"{REMOVED_PREFIX}{pk}")
    joining_pause(actor=actor, session=session, paused=True)
    audit.record(
        municipality=session.dialogue.municipality,
        actor=actor,
        action=AuditAction.UPDATE,
        target=session,
        changes={
            "removed_participants": ["", str(len(joined))],
            "hidden_cards": ["", str(cards)],
            "reason": ["", reason[:300]],
        },
    )
    return len(joined), cards
