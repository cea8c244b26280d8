"""Every change to the catalogue, the Begleitkreis, responses and summaries, with history and audit log."""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.tenancy import audit
from dialogwerk.tenancy.models import AuditAction

from .models import (
    Measure,
    MeasureChange,
    ProgressAttachment,
    ProgressUpdate,
    ResultSummary,
    SteeringGroup,
    SteeringMember,
    Statement,
)

MEASURE_FIELDS = (
    "title", "description", "theme", "goal", "indicator", "decision", "responsible_person", "responsible_email",
    "responsible_organisation", "working_group", "starts_on", "due_on", "cost_estimate", "funding_source",
    "priority", "status", "progress", "public",
)
BULK_FIELDS = ("status", "priority", "public", "responsible_person", "responsible_organisation", "working_group", "due_on", "theme")
STEERING_SETTINGS = ("name", "reminders_enabled", "remind_days_before_due", "stale_after_days", "check_back_after_days")


def _readable(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _snapshot(measure: Measure, fields: Iterable[str]) -> dict[str, str]:
    return {name: _readable(getattr(measure, name)) for name in fields}


def _check_related(measure: Measure) -> None:
    """Related objects must belong to the measure's own dialogue (a form can be tampered with)."""
    for name in ("decision", "working_group"):
        related = getattr(measure, name)
        if related is not None and related.dialogue_id != measure.dialogue_id:
            raise ValidationError({name: _("Choose one of this dialogue's entries.")})


def _record_change(*, actor, measure: Measure, changes: dict, source: str, action=AuditAction.UPDATE) -> None:
    if not changes:
        return
    MeasureChange.objects.create(
        measure=measure,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=str(actor) if actor is not None and actor.is_authenticated else "",
        source=source,
        changes=changes,
    )
    audit.record(municipality=measure.dialogue.municipality, actor=actor, action=action, target=measure, changes=changes)


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
    if contributions and hasattr(measure, "contributions"):
        measure.contributions.set(contributions)
    changes = {name: ["", value] for name, value in _snapshot(measure, ("title", *fields)).items() if value}
    _record_change(actor=actor, measure=measure, changes=changes, source=source, action=AuditAction.CREATE)
    return measure


@transaction.atomic
def measure_update(*, actor, measure: Measure, source: str = "form", **fields) -> dict:
    """Change fields of a measure; returns the recorded changes (field → [old, new])."""
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
    _record_change(actor=actor, measure=measure, changes=changes, source=source)
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
) -> ProgressUpdate:
    if status == "done":
        progress = 100
    update = ProgressUpdate(
        measure=measure, reported_on=reported_on, text=text, status=status, progress=progress, author=actor
    )
    update.full_clean()
    update.save()
    for upload in files:
        attachment = ProgressAttachment(update=update, file=upload)
        attachment.full_clean()
        attachment.save()
    # The newest report sets the measure's status and progress; an older one added later does not.
    newest = measure.updates.order_by("-reported_on", "-id").first()
    if newest.pk == update.pk:
        measure_update(actor=actor, measure=measure, source="progress", status=status, progress=progress)
    audit.record(
        municipality=measure.dialogue.municipality,
        actor=actor,
        action=AuditAction.CREATE,
        target=update,
        changes={"measure": ["", measure.title], "progress": ["", str(progress)]},
    )
    return update


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
        audit.record(municipality=dialogue.municipality, actor=actor, action=AuditAction.UPDATE, target=group, changes=changes)
    return group


@transaction.atomic
def steering_member_add(*, actor, dialogue: Dialogue, name: str = "", user=None, email: str = "", organisation: str = "", role: str = "member") -> SteeringMember:
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
def statement_save(*, actor, measure: Measure, speaker: str, text: str, published: bool, now: datetime.datetime | None = None) -> Statement:
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
