"""The loop back to the participants: who leaves an e-mail address hears, in their language, when the
dialogue's results are published or change.

Double opt-in: the address is only written to after the person confirmed it through the link of a first mail
(which a stranger typing someone else's address cannot do), and an address not confirmed within a week is
forgotten. Every mail carries the link that ends it; ending it deletes the address. At most one notice per
person and day, and only when the public status page shows something new (its fingerprint changed).
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.translations.selectors import translator_for

from . import selectors
from .models import ResultsSubscription

UNCONFIRMED_DAYS = 7


def _links(subscription: ResultsSubscription) -> dict:
    base = settings.SITE_URL.rstrip("/")
    status = reverse("measures:public_status", args=[subscription.dialogue_id])
    return {
        "manage_url": base + reverse("measures:subscription", args=[subscription.token]),
        "status_url": f"{base}{status}?{urlencode({'lang': subscription.language})}",
    }


def _send(subscription: ResultsSubscription, template: str) -> None:
    dialogue = subscription.dialogue
    with translation.override(subscription.language):
        translator = translator_for(dialogue_id=dialogue.pk, language=subscription.language)
        context = {
            "dialogue_title": translator.text(dialogue, "title"),
            "municipality": dialogue.municipality.name,
            **_links(subscription),
        }
        subject = render_to_string(f"measures/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"measures/email/{template}.txt", context)
    send_mail(subject, body, None, [subscription.email])


@transaction.atomic
def subscription_request(*, dialogue: Dialogue, email: str, language: str) -> ResultsSubscription:
    """Note the wish and send the mail that confirms it. An address already confirmed gets no new mail:
    the page answers the same either way, so it tells nobody who subscribed."""
    email = email.strip()
    subscription = (
        ResultsSubscription.objects.select_for_update().filter(dialogue=dialogue, email__iexact=email).first()
    )
    if subscription is not None and subscription.confirmed_at is not None:
        return subscription
    if subscription is None:
        subscription = ResultsSubscription(dialogue=dialogue, email=email)
    subscription.language = language
    subscription.consented_at = timezone.now()
    subscription.full_clean(exclude=["token"])
    subscription.save()
    transaction.on_commit(lambda: _send(subscription, "results_confirm"))
    return subscription


def subscription_confirm(*, subscription: ResultsSubscription) -> ResultsSubscription:
    """The link of the first mail was followed: from now on news is told. What is public already counts
    as told (the page they land on shows it)."""
    if subscription.confirmed_at is None:
        fingerprint, _public = selectors.public_state(dialogue_id=subscription.dialogue_id)
        subscription.confirmed_at = timezone.now()
        subscription.told_fingerprint = fingerprint
        subscription.save(update_fields=["confirmed_at", "told_fingerprint"])
    return subscription


def subscription_end(*, subscription: ResultsSubscription) -> None:
    """Stop it: the address is deleted, nothing of it stays."""
    ResultsSubscription.objects.filter(pk=subscription.pk).delete()


def results_notices_send(*, now: datetime.datetime | None = None) -> int:
    """Tell every confirmed subscriber whose dialogue's status page shows something new since they were last
    told (at most once a day); forget addresses never confirmed. Returns how many were told."""
    now = now or timezone.now()
    ResultsSubscription.objects.filter(
        confirmed_at__isnull=True, consented_at__lt=now - datetime.timedelta(days=UNCONFIRMED_DAYS)
    ).delete()
    told = 0
    due = ResultsSubscription.objects.filter(confirmed_at__isnull=False).exclude(
        told_at__gt=now - datetime.timedelta(hours=20)
    )
    states: dict[int, tuple[str, bool]] = {}
    for subscription in due.select_related("dialogue__municipality").order_by("dialogue_id", "pk"):
        if subscription.dialogue_id not in states:
            states[subscription.dialogue_id] = selectors.public_state(dialogue_id=subscription.dialogue_id)
        fingerprint, public = states[subscription.dialogue_id]
        if not public or fingerprint == subscription.told_fingerprint:
            continue
        _send(subscription, "results_notice")
        ResultsSubscription.objects.filter(pk=subscription.pk).update(told_fingerprint=fingerprint, told_at=now)
        told += 1
    return told
