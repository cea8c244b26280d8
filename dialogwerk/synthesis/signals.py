"""A card written or edited: its sentence vector is computed in the background (synthesis/suggestions.py)."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from dialogwerk.live.models import Contribution

from . import suggestions


@receiver(post_save, sender=Contribution, dispatch_uid="synthesis-card-vector")
def card_written(sender, instance: Contribution, **kwargs) -> None:
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "text" not in update_fields:
        return  # hidden, merged, moved: the words are the same
    session_id = instance.session_id
    transaction.on_commit(lambda: suggestions.vectors_request(session_id=session_id))
