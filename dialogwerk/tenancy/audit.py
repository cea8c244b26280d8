"""The one way to write the audit log, so every entry has the same shape."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.utils import translation

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


def verbose_names(*model_classes) -> set[str]:
    """An entry keeps its target's type in the language of its time: every language's name of the models."""
    names = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.update(str(model._meta.verbose_name) for model in model_classes)
    return names


def entries_about(target: models.Model, *, municipality: Municipality) -> QuerySet[AuditLogEntry]:
    return AuditLogEntry.objects.filter(
        municipality=municipality, target_type__in=verbose_names(type(target)), target_id=str(target.pk)
    )


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[str]]:
    """Field-by-field changes as readable [old, new] pairs, only for fields that changed."""
    return {
        field: [str(before.get(field, "")), str(value)] for field, value in after.items() if before.get(field) != value
    }
