"""Background work of the live event (django-tasks; the worker is `dialogwerk db_worker`)."""

import logging

from django_tasks import task

from .models import Contribution

log = logging.getLogger(__name__)


@task()
def translate_card_by_machine(card_id: int) -> int:
    """Machine-translate a new card into the dialogue's languages; a failing service leaves it to people."""
    from dialogwerk.translations.machine import TranslationUnavailable

    from . import services

    card = Contribution.objects.select_related("session__dialogue").filter(pk=card_id).first()
    if card is None:
        return 0
    try:
        return services.contribution_translate_by_machine(contribution=card)
    except TranslationUnavailable as error:
        # The card stays in the interpreters' queue; the card's words are never logged.
        log.warning("machine translation of card %s failed: %s", card_id, type(error).__name__)
        return 0
