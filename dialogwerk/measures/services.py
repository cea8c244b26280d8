"""Every change to the catalogue, the Begleitkreis, responses and summaries, with history and audit log."""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.tenancy import audit
from dialogwerk.tenancy.models import AuditAction

from .models import (
    Measure,
    MeasureChange,
    OwnerLink,
    ProgressAttachment,
    ProgressUpdate,
    ReminderRecipient,
    ResultSummary,
    Statement,
    SteeringGroup,
    SteeringMember,
)

MEASURE_FIELDS = (
    "title",
    "description",
    "theme",
    "goal",
    "indicator",
    "decision",
    "responsible_person",
    "responsible_email",
    "responsible_organisation",
    "working_group",
    "starts_on",
    "due_on",
    "cost_estimate",
    "funding_source",
    "priority",
    "status",
    "progress",
    "public",
)
BULK_FIELDS = (
    "status",
    "priority",
    "public",
    "responsible_person",
    "responsible_organisation",
    "working_group",
    "due_on",
    "theme",
)
STEERING_SETTINGS = ("name", "reminders_enabled", "remind_days_before_due", "stale_after_days", "check_back_after_days")


def _readable(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _snapshot(measure: models.Model, fields: Iterable[str]) -> dict[str, str]:
    return {name: _readable(getattr(measure, name)) for name in fields}


def _check_related(measure: Measure) -> None:
    """Related objects must belong to the measure's own dialogue (a form can be tampered with)."""
    for name in ("decision", "working_group"):
        related = getattr(measure, name)
        if related is not None and related.dialogue_id != measure.dialogue_id:
            raise ValidationError({name: _("Choose one of this dialogue's entries.")})


def _record_change(
    *, actor, measure: Measure, changes: dict, source: str, action=AuditAction.UPDATE, actor_label: str = ""
) -> None:
    if not changes:
        return
    MeasureChange.objects.create(
        measure=measure,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=str(actor) if actor is not None and actor.is_authenticated else actor_label[:200],
        source=source,
        changes=changes,
    )
    audit.record(
        municipality=measure.dialogue.municipality,
        actor=actor,
        action=action,
        target=measure,
        changes=changes,
        actor_label=actor_label,
    )


@transaction.atomic
def measure_create(
    *,
    actor,
    dialogue: Dialogue,
    title: str,
    clusters: Sequence = (),
    contributions: Sequence = (),
    source: str = "form",
    **fields,
) -> Measure:
    unknown = set(fields) - set(MEASURE_FIELDS)
    if unknown:
        raise TypeError(f"measure_create() got unexpected fields: {sorted(unknown)}")
    measure = Measure(dialogue=dialogue, title=title, **fields)
    measure.full_clean()
    _check_related(measure)
    measure.save()
    if clusters:
        if any(c.dialogue_id != dialogue.pk for c in clusters):
            raise ValidationError(_("Choose one of this dialogue's entries."))
        measure.clusters.set(clusters)
    if contributions:
        measure.contributions.set(contributions)
    changes = {name: ["", value] for name, value in _snapshot(measure, ("title", *fields)).items() if value}
    _record_change(actor=actor, measure=measure, changes=changes, source=source, action=AuditAction.CREATE)
    return measure


@transaction.atomic
def measure_update(*, actor, measure: Measure, source: str = "form", actor_label: str = "", **fields) -> dict:
    """Change fields of a measure; returns the recorded changes (field → [old, new]). `actor_label` names
    who changed it when that was no account (an owner's personal link)."""
    unknown = set(fields) - set(MEASURE_FIELDS)
    if unknown:
        raise TypeError(f"measure_update() got unexpected fields: {sorted(unknown)}")
    # From the database: a bound ModelForm has already written the new values onto `measure`.
    stored = Measure.objects.select_for_update().get(pk=measure.pk)
    before = _snapshot(stored, fields)
    for name, value in fields.items():
        setattr(measure, name, value)
    measure.full_clean()
    _check_related(measure)
    measure.save()
    changes = audit.diff(before, _snapshot(measure, fields))
    _record_change(actor=actor, measure=measure, changes=changes, source=source, actor_label=actor_label)
    return changes


@transaction.atomic
def measures_bulk_update(*, actor, measures: Sequence[Measure], **fields) -> int:
    """The same change on several measures; all or none (one invalid measure rolls back every change)."""
    unknown = set(fields) - set(BULK_FIELDS)
    if unknown:
        raise TypeError(f"measures_bulk_update() got unexpected fields: {sorted(unknown)}")
    changed = 0
    for measure in measures:
        if measure_update(actor=actor, measure=measure, source="bulk", **fields):
            changed += 1
    return changed


@transaction.atomic
def progress_update_create(
    *,
    actor,
    measure: Measure,
    reported_on: datetime.date,
    text: str,
    status: str,
    progress: int,
    files: Sequence = (),
    owner_link: OwnerLink | None = None,
    submit_key: str = "",
) -> ProgressUpdate:
    """A progress report by a member (`actor`) or, with `actor=None`, by an owner through their `owner_link`."""
    if status == "done":
        progress = 100
    reporter = owner_link_label(owner_link) if owner_link is not None else ""
    update = ProgressUpdate(
        measure=measure,
        reported_on=reported_on,
        text=text,
        status=status,
        progress=progress,
        author=actor,
        owner_link=owner_link,
        reporter_name=owner_link.name if owner_link is not None else "",
        submit_key=submit_key,
    )
    update.full_clean()
    update.save()
    for upload in files:
        attachment = ProgressAttachment(update=update, file=upload)
        attachment.full_clean()
        attachment.save()
    # The newest report sets the measure's status and progress; an older one added later does not.
    newest = measure.updates.order_by("-reported_on", "-id").first()
    if newest is not None and newest.pk == update.pk:
        measure_update(
            actor=actor, measure=measure, source="progress", actor_label=reporter, status=status, progress=progress
        )
    audit.record(
        municipality=measure.dialogue.municipality,
        actor=actor,
        action=AuditAction.CREATE,
        target=update,
        changes={"measure": ["", measure.title], "progress": ["", str(progress)]},
        actor_label=reporter,
    )
    return update


@transaction.atomic
def reminders_pause(*, recipient: ReminderRecipient, paused: bool) -> ReminderRecipient:
    """The person behind a reminder address pauses their reminders, or switches them on again."""
    recipient = ReminderRecipient.objects.select_for_update().get(pk=recipient.pk)
    if paused != (recipient.paused_at is not None):
        recipient.paused_at = timezone.now() if paused else None
        recipient.save(update_fields=["paused_at"])
        audit.record(
            municipality=recipient.municipality,
            actor=None,
            action=AuditAction.UPDATE,
            target=recipient,
            changes={"paused": ["no", "yes"] if paused else ["yes", "no"]},
            actor_label=recipient.email,
        )
    return recipient


# --- Personal links for owners without an account -------------------------------------------------

OWNER_LINK_DAYS = 365  # a measure runs for months; the link is re-sent with every reminder anyway


class LinkGone(Exception):
    """The personal link was revoked or has expired."""


def owner_link_label(link: OwnerLink) -> str:
    return _("%(name)s (personal link)") % {"name": link.name}


@transaction.atomic
def owner_link_create(
    *,
    actor,
    measure: Measure,
    name: str,
    email: str = "",
    base_url: str,
    today: datetime.date | None = None,
    send: bool = True,
) -> OwnerLink:
    """A personal link for the measure's owner, valid for a year (at least until 90 days after the due date);
    sent by e-mail when an address is given (unless `send` is False: a reminder carries it), else handed over
    by staff (phone, letter). Earlier links of the same person stay valid until revoked."""
    today = today or timezone.localdate()
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Please name the person the link is for.")})
    expires_on = today + datetime.timedelta(days=OWNER_LINK_DAYS)
    if measure.due_on and measure.due_on + datetime.timedelta(days=90) > expires_on:
        expires_on = measure.due_on + datetime.timedelta(days=90)
    link = OwnerLink(measure=measure, name=name, email=(email or "").strip(), expires_on=expires_on, created_by=actor)
    link.full_clean()
    if link.email and send:
        link.sent_at = timezone.now()
    link.save()
    audit.record(
        municipality=measure.dialogue.municipality,
        actor=actor,
        action=AuditAction.CREATE,
        target=link,
        changes={"measure": ["", measure.title], "email": ["", link.email or "–"]},
    )
    if link.sent_at:
        transaction.on_commit(lambda: _send_owner_link(link, base_url))
    return link


def owner_link_url(link: OwnerLink, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("measures:owner_report", args=[link.token])


def _send_owner_link(link: OwnerLink, base_url: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):  # the owner page is German, in plain words
        context = {
            "link": link,
            "measure": link.measure,
            "dialogue": link.measure.dialogue,
            "url": owner_link_url(link, base_url),
        }
        subject = render_to_string("measures/email/owner_link_subject.txt", context).strip()
        body = render_to_string("measures/email/owner_link.txt", context)
    send_mail(subject, body, None, [link.email])


@transaction.atomic
def owner_link_revoke(*, actor, link: OwnerLink) -> bool:
    """Revoke a link at once; returns False if it was revoked before."""
    link = OwnerLink.objects.select_for_update().get(pk=link.pk)
    if link.revoked_at is not None:
        return False
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    audit.record(
        municipality=link.measure.dialogue.municipality,
        actor=actor,
        action=AuditAction.UPDATE,
        target=link,
        changes={"revoked": ["", "yes"]},
    )
    return True


@transaction.atomic
def owner_report_post(
    *,
    link: OwnerLink,
    text: str,
    status: str,
    progress: int,
    key: str = "",
    files: Sequence = (),
    today: datetime.date | None = None,
) -> tuple[ProgressUpdate, bool]:
    """A progress report through a personal link; returns (report, created). Refused once the link is revoked
    or expired; the same form sent again (same `key`) returns the first report."""
    today = today or timezone.localdate()
    link = OwnerLink.objects.select_for_update().select_related("measure__dialogue__municipality").get(pk=link.pk)
    if not link.is_active(today):
        raise LinkGone
    key = (key or "")[:64]
    earlier = link.updates.filter(submit_key=key).first() if key else None
    if earlier is not None:
        return earlier, False
    update = progress_update_create(
        actor=None,
        measure=link.measure,
        reported_on=today,
        text=text,
        status=status,
        progress=progress,
        files=files,
        owner_link=link,
        submit_key=key,
    )
    link.last_used_at = timezone.now()
    link.save(update_fields=["last_used_at"])
    return update, True


# --- Begleitkreis ----------------------------------------------------------------------------------


def steering_group_ensure(*, dialogue: Dialogue) -> SteeringGroup:
    group, _created = SteeringGroup.objects.get_or_create(dialogue=dialogue)
    return group


@transaction.atomic
def steering_group_update(*, actor, dialogue: Dialogue, **fields) -> SteeringGroup:
    unknown = set(fields) - set(STEERING_SETTINGS)
    if unknown:
        raise TypeError(f"steering_group_update() got unexpected fields: {sorted(unknown)}")
    group = steering_group_ensure(dialogue=dialogue)
    before = _snapshot(SteeringGroup.objects.get(pk=group.pk), fields)
    for name, value in fields.items():
        setattr(group, name, value)
    group.full_clean()
    group.save()
    changes = audit.diff(before, _snapshot(group, fields))
    if changes:
        audit.record(
            municipality=dialogue.municipality, actor=actor, action=AuditAction.UPDATE, target=group, changes=changes
        )
    return group


@transaction.atomic
def steering_member_add(
    *,
    actor,
    dialogue: Dialogue,
    name: str = "",
    user=None,
    email: str = "",
    organisation: str = "",
    role: str = "member",
) -> SteeringMember:
    group = steering_group_ensure(dialogue=dialogue)
    if user is not None and not user.memberships.filter(municipality=dialogue.municipality).exists():
        raise ValidationError({"user": _("Choose a member of this municipality.")})
    member = SteeringMember(
        steering_group=group,
        user=user,
        name=name or (str(user) if user else ""),
        email=email or (user.email if user else ""),
        organisation=organisation,
        role=role,
    )
    member.full_clean()
    member.save()
    audit.record(municipality=dialogue.municipality, actor=actor, action=AuditAction.MEMBER_ADD, target=member)
    return member


@transaction.atomic
def steering_member_remove(*, actor, member: SteeringMember) -> None:
    municipality = member.steering_group.dialogue.municipality
    audit.record(municipality=municipality, actor=actor, action=AuditAction.MEMBER_REMOVE, target=member)
    member.delete()


# --- public response and summary -------------------------------------------------------------------


@transaction.atomic
def statement_save(
    *, actor, measure: Measure, speaker: str, text: str, published: bool, now: datetime.datetime | None = None
) -> Statement:
    statement = Statement.objects.filter(measure=measure).first() or Statement(measure=measure)
    was_published = statement.published
    statement.speaker, statement.text, statement.published = speaker, text, published
    if published and not was_published:
        statement.published_at = now or timezone.now()
    if not published:
        statement.published_at = None
    statement.full_clean()
    statement.save()
    audit.record(
        municipality=measure.dialogue.municipality,
        actor=actor,
        action=AuditAction.UPDATE,
        target=measure,
        changes={"statement": ["", _("published") if published else _("draft")]},
    )
    return statement


@transaction.atomic
def summary_save(*, actor, dialogue: Dialogue, language: str, text: str, translator: str = "") -> ResultSummary | None:
    """Set the summary in one language; an empty text removes that language's summary."""
    existing = ResultSummary.objects.filter(dialogue=dialogue, language=language).first()
    if not text.strip():
        if existing:
            existing.delete()
        return None
    summary = existing or ResultSummary(dialogue=dialogue, language=language)
    summary.text, summary.translator = text.strip(), translator
    summary.full_clean()
    try:
        with transaction.atomic():
            summary.save()
    except IntegrityError:
        raise ValidationError({"language": _("There is already a summary in this language.")}) from None
    audit.record(
        municipality=dialogue.municipality,
        actor=actor,
        action=AuditAction.UPDATE,
        target=dialogue,
        changes={f"summary ({language})": ["", text.strip()[:80]]},
    )
    return summary
