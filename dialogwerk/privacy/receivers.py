"""The privacy app keeps the consent records that the apps below it announce (core/signals.py)."""

from django.dispatch import receiver
from django.utils import timezone

from dialogwerk.core.signals import consent_given, consent_withdrawn
from dialogwerk.live.models import Participant
from dialogwerk.preparation.models import Actor

from .models import ConsentRecord
from .services import actor_notice_text, consent_record_actor, consent_record_participant


@receiver(consent_given, dispatch_uid="privacy.consent_given")
def record_consent(sender, *, records, by=None, notice_version: str = "", notice_text: str | None = None, **kwargs):
    if sender is Participant:
        for participant in records:
            consent_record_participant(participant=participant, notice_text=notice_text or "")
    elif sender is Actor and records:
        # One rendering of the notice for a whole import.
        text = actor_notice_text(records[0].dialogue.municipality) if notice_text is None else notice_text
        for actor in records:
            consent_record_actor(actor=by, record=actor, notice_version=notice_version, notice_text=text)
    else:
        raise TypeError(f"no consent records for {sender!r}")


@receiver(consent_withdrawn, dispatch_uid="privacy.consent_withdrawn")
def withdraw_consent(sender, *, record, **kwargs):
    ConsentRecord.objects.filter(actor=record, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
