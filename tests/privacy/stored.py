"""What the database holds, as text: the erasure tests look in it for traces of a person."""

import json

from django.apps import apps
from django.db import models


def every_stored_text() -> str:
    """Every text and JSON column of every model, as one big string."""
    parts = []
    for model in apps.get_models():
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField, models.JSONField))]
        if fields:
            for row in model.objects.values_list(*fields):
                parts.extend(json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value for value in row if value)
    return "\n".join(parts)
