"""Loading and authorising a dialogue in one call (see tenancy.access): every page, API handler and export
of a dialogue, in whatever app, starts here."""

from dialogwerk.tenancy.access import authorize

from .models import Dialogue
from .selectors import get_dialogue_for_user


def dialogue_for(user, dialogue_id: int, *, perm: str) -> Dialogue:
    """The dialogue if it belongs to one of the user's municipalities (else 404) and the user's role there
    grants `perm` on it (else 403). Its municipality comes with it."""
    dialogue = get_dialogue_for_user(user=user, dialogue_id=dialogue_id)
    authorize(user, perm, dialogue)
    return dialogue
