"""Reaching an app above in the apps' order (docs/architecture.md, "Direction") through a relation declared by
name ("synthesis.Cluster"), instead of importing its models: a renamed field still fails loudly."""

from django.db.models import Model, QuerySet


def across(model: type[Model], field: str) -> QuerySet:
    """All rows of the model that `model.field` relates to (a foreign key, a many-to-many or a reverse one)."""
    related = model._meta.get_field(field).related_model
    if not isinstance(related, type):
        raise TypeError(f"{model.__name__}.{field} is no relation to another model")
    return related._default_manager.all()
