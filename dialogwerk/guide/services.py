"""Writes of the guide app: the start wizard (through the other apps' services), feedback, the video."""

import datetime
import hashlib
import time
from collections.abc import Sequence

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from dialogwerk.core import limiter
from dialogwerk.dialogues import services as dialogue_services
from dialogwerk.dialogues.models import DEFAULT_THEMES, Dialogue
from dialogwerk.preparation import services as preparation_services
from dialogwerk.tenancy import audit
from dialogwerk.tenancy.models import AuditAction, Municipality

from .models import AccessibilityFeedback, SignLanguageVideo
from .selectors import municipality_admin_emails

FEEDBACK_RATE = "5/h"  # per IP address: enough for a person, too little for a spammer


@transaction.atomic
def dialogue_start(
    *,
    actor,
    municipality: Municipality,
    title: str,
    starts_on: datetime.date,
    expected_participants: int,
    purpose: str = "",
    themes: Sequence[str] = (),
    extra_themes: Sequence[str] = (),
) -> Dialogue:
    """The wizard: a dialogue with its themes, the default perspectives, an empty needs analysis (the five
    guiding questions) and the default project plan counted from the event date."""
    if not themes and not extra_themes:
        raise ValidationError({"themes": _("Choose at least one theme, or add one of your own.")})
    dialogue = dialogue_services.dialogue_create(
        actor=actor,
        municipality=municipality,
        title=title,
        purpose=purpose,
        starts_on=starts_on,
        ends_on=starts_on,
        expected_participants=expected_participants,
        with_default_themes=False,
    )
    questions = dict(DEFAULT_THEMES)
    for name in [*themes, *(name for name in extra_themes if name not in themes)]:
        dialogue_services.theme_create(actor=actor, dialogue=dialogue, name=name, key_question=questions.get(name, ""))
    preparation_services.perspectives_ensure_defaults(dialogue=dialogue)
    preparation_services.analysis_save(actor=actor, dialogue=dialogue)
    preparation_services.project_plan_generate(actor=actor, dialogue=dialogue)
    return dialogue


class TooManyMessages(Exception):
    pass


def _feedback_allowed(ip: str, now: float | None = None) -> bool:
    """Counted in the cache like core.ratelimit does; a limit of our own, so that no settings change is needed."""
    if not getattr(settings, "RATE_LIMITS_ENABLED", True):
        return True
    now = time.time() if now is None else now
    rate = limiter.parse_rate(getattr(settings, "RATE_LIMITS", {}).get("guide.feedback", FEEDBACK_RATE))
    namespace = getattr(settings, "RATE_LIMIT_NAMESPACE", "rl")

    key = f"{namespace}:guide.feedback:{hashlib.sha256(ip.encode()).hexdigest()[:32]}:{limiter.window_of(now, rate.period)}"
    cache = caches[getattr(settings, "RATE_LIMIT_CACHE", "default")]
    cache.add(key, 0, timeout=rate.period + 1)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=rate.period + 1)
        count = 1
    return limiter.decide(count, rate, now).allowed


@transaction.atomic
def feedback_submit(
    *, municipality: Municipality, message: str, contact: str = "", page_url: str = "", ip: str = ""
) -> AccessibilityFeedback:
    if not _feedback_allowed(ip or "unknown"):
        raise TooManyMessages
    feedback = AccessibilityFeedback(
        municipality=municipality, message=message.strip(), contact=contact.strip(), page_url=page_url.strip()
    )
    feedback.full_clean()
    feedback.save()
    recipients = municipality_admin_emails(municipality=municipality)
    if recipients:
        body = "\n\n".join(
            part
            for part in (
                _("Someone reported a barrier on Dialogwerk (accessibility statement, BITV 2.0)."),
                _("Page: %(url)s") % {"url": feedback.page_url or "–"},
                _("Message:") + "\n" + feedback.message,
                _("Contact: %(contact)s") % {"contact": feedback.contact or _("none given")},
                _("Public bodies must answer such feedback without delay (BITV 2.0 § 7)."),
            )
        )
        transaction.on_commit(
            lambda: send_mail(
                _("Accessibility feedback for %(name)s") % {"name": municipality.name}, body, None, recipients
            )
        )
    return feedback


@transaction.atomic
def sign_language_video_save(*, actor, municipality: Municipality, upload, content_type: str) -> SignLanguageVideo:
    video = SignLanguageVideo.objects.select_for_update().filter(municipality=municipality).first()
    if video is None:
        video = SignLanguageVideo(municipality=municipality)
    elif video.file:
        video.file.delete(save=False)
    video.content_type = content_type
    video.size = upload.size
    video.file.save(upload.name, upload, save=False)
    video.full_clean()
    video.save()
    audit.record(municipality=municipality, actor=actor, action=AuditAction.UPDATE, target=video)
    return video


@transaction.atomic
def sign_language_video_delete(*, actor, municipality: Municipality) -> None:
    video = SignLanguageVideo.objects.filter(municipality=municipality).first()
    if video is None:
        return
    audit.record(municipality=municipality, actor=actor, action=AuditAction.DELETE, target=video)
    if video.file:
        video.file.delete(save=False)
    video.delete()
