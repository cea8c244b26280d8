"""The one way to write the audit log, so every entry has the same shape."""

from typing import Any

from django.db import models

from .models import AuditAction, AuditLogEntry, Municipality


def record(
    *,
    municipality: Municipality,
    actor,
    action: AuditAction,
    target: models.Model,
    changes: dict[str, Any] | None = None,
    actor_label: str = "",
) -> AuditLogEntry:
    """`actor_label` names an actor without an account (e.g. a measure's owner through a personal link)."""
    return AuditLogEntry.objects.create(
        municipality=municipality,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=str(actor) if actor is not None and actor.is_authenticated else actor_label[:200],
        action=action,
        target_type=target._meta.verbose_name,
        target_id=str(target.pk or ""),
        target_label=str(target)[:300],
        changes=changes or {},
    )


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[str]]:
    """Field-by-field changes as readable [old, new] pairs, only for fields that changed."""
    return {
        field: [str(before.get(field, "")), str(value)]
        for field, value in after.items()
        if before.get(field) != value
    }
