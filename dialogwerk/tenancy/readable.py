"""Recorded changes in words, for the audit log and a measure's history: a field by its label, a code by
its choice's label, dates and yes/no as people write them ("Priorität: mittel → hoch", "Fällig: 1. März
2027"). The changes are stored as they were recorded (field name → [old, new] strings); only their display
is translated, so the log reads in the reader's language."""

import datetime
import functools

from django.apps import apps
from django.db import models
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import override

YES_NO = {"1": True, "True": True, "true": True, "yes": True, "0": False, "False": False, "false": False, "no": False}


@functools.cache
def _models_by_name() -> dict[str, type[models.Model]]:
    """A model by its verbose name as the audit log stored it (in German or English, whichever was active)."""
    found = {}
    for model in apps.get_models():
        for language in ("en", "de"):
            with override(language):
                found.setdefault(str(model._meta.verbose_name), model)
    return found


def model_named(verbose_name: str) -> type[models.Model] | None:
    return _models_by_name().get(verbose_name)


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - FieldDoesNotExist, or a reverse relation without a label
        return None
    return field if hasattr(field, "verbose_name") else None


def _value(field: models.Field | None, value) -> str:
    text = "" if value is None else str(value)
    if text == "":
        return ""
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(text, text))
    if text in YES_NO and (field is None or isinstance(field, models.BooleanField)):
        return _("yes") if YES_NO[text] else _("no")
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        try:
            return formats.date_format(datetime.date.fromisoformat(text), "DATE_FORMAT")
        except ValueError:
            return text
    return text


def readable_changes(changes: dict, model: type[models.Model] | None) -> list[tuple[str, str, str]]:
    """[(label, old, new)] for the recorded changes of an object of `model` (None: labels as stored)."""
    rows = []
    for name, change in (changes or {}).items():
        old, new = (change + ["", ""])[:2] if isinstance(change, list) else ("", change)
        field = _field(model, name)
        label = capfirst(str(field.verbose_name)) if field is not None else name
        rows.append((label, _value(field, old), _value(field, new)))
    return rows
