"""Open registration on the public event page: anyone signs up (name, optional perspective, language, needs,
consent; an e-mail address only if they want a confirmation). Places are counted with the accepted
invitations; beyond them, people go on a waiting list and move up, in order, when someone cancels.
Cancelling deletes the registration."""

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.translations.selectors import translator_for

from .models import RSVP, EventDetails, Registration, RegistrationStatus

# Bump when the registration notice (templates/preparation/_registration_notice.html) changes in substance.
REGISTRATION_NOTICE_VERSION = "2026-1"


def places_taken(dialogue: Dialogue) -> int:
    """Accepted invitations and registrations with a place: who is expected."""
    return (
        dialogue.invitations.filter(status=RSVP.ACCEPTED).count()
        + dialogue.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    )


def places_left(details: EventDetails) -> int | None:
    """None when the venue has no limit."""
    if details.capacity is None:
        return None
    return max(0, details.capacity - places_taken(details.dialogue))


def registration_is_open(details: EventDetails | None, today=None) -> bool:
    """Open while staff allow it, until the last event day."""
    if details is None or not details.registration_open:
        return False
    last_day = details.dialogue.last_day
    return last_day is not None and last_day >= (today or timezone.localdate())


def manage_url(registration: Registration) -> str:
    return registration.base_url.rstrip("/") + reverse(
        "preparation:my_registration", kwargs={"registration_token": registration.token}
    )


def _send(registration: Registration, template: str) -> None:
    if not registration.email:
        return
    dialogue = registration.dialogue
    with translation.override(registration.language):
        translator = translator_for(dialogue_id=dialogue.pk, language=registration.language)
        context = {
            "registration": registration,
            "dialogue_title": translator.text(dialogue, "title"),
            "municipality": dialogue.municipality.name,
            "manage_url": manage_url(registration),
            "date": dialogue.starts_on,
        }
        subject = render_to_string(f"preparation/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"preparation/email/{template}.txt", context)
    send_mail(subject, body, None, [registration.email])


@transaction.atomic
def registration_create(
    *,
    dialogue: Dialogue,
    name: str,
    email: str = "",
    perspective: str = "",
    language: str,
    needs: str = "",
    consent: bool,
    base_url: str,
) -> Registration:
    # The venue's row is the lock: two people cannot take the last place at once.
    details = EventDetails.objects.select_for_update().filter(dialogue=dialogue).first()
    if not registration_is_open(details):
        raise ValidationError(_("Registration for this event is closed."))
    if not consent:
        raise ValidationError({"consent": _("Please agree to the notice to register.")})
    email = email.strip()
    if email and dialogue.registrations.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("This e-mail address is already registered for this event.")})
    left = places_left(details)
    registration = Registration(
        dialogue=dialogue,
        name=name.strip(),
        email=email,
        perspective=perspective,
        language=language,
        needs=needs.strip(),
        status=RegistrationStatus.WAITING if left == 0 else RegistrationStatus.REGISTERED,
        consented_at=timezone.now(),
        notice_version=REGISTRATION_NOTICE_VERSION,
        base_url=base_url,
    )
    registration.full_clean(exclude=["token"])
    registration.save()
    transaction.on_commit(lambda: _send(registration, "registration_confirm"))
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration | None:
    """Delete the registration; if it held a place, the first on the waiting list gets it (and is told).
    Returns the one who moved up, if any."""
    details = EventDetails.objects.select_for_update().filter(dialogue_id=registration.dialogue_id).first()
    held_a_place = registration.status == RegistrationStatus.REGISTERED
    registration.delete()
    if not held_a_place or details is None:
        return None
    left = places_left(details)
    if left == 0:  # a place was over-booked by accepted invitations meanwhile: nobody moves up
        return None
    waiting = (
        details.dialogue.registrations.select_for_update()
        .filter(status=RegistrationStatus.WAITING)
        .order_by("created_at", "id")
        .first()
    )
    if waiting is None:
        return None
    waiting.status = RegistrationStatus.REGISTERED
    waiting.save(update_fields=["status"])
    transaction.on_commit(lambda: _send(waiting, "registration_moved_up"))
    return waiting
