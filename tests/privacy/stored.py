"""What the database holds, as text: the erasure tests look in it for traces of a person."""

import json

from django.apps import apps
from django.db import models


def _text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).decode("utf-8", "replace")
    return json.dumps(value, ensure_ascii=False)


def every_stored_text() -> str:
    """Every text, JSON and binary column of every model (an uploaded file not read yet), as one big string."""
    parts = []
    kinds = (models.CharField, models.TextField, models.JSONField, models.BinaryField)
    for model in apps.get_models():
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, kinds)]
        if fields:
            for row in model.objects.values_list(*fields):
                parts.extend(_text(value) for value in row if value)
    return "\n".join(parts)
