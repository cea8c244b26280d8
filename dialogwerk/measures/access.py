"""Loading and authorising a measure in one call (see tenancy.access). A measure is always reached through
its dialogue: the dialogue is checked first, so a measure of another dialogue is 404 like a missing one."""

from dialogwerk.dialogues.access import dialogue_for

from .models import Measure
from .selectors import get_measure


def measure_for(user, dialogue_id: int, measure_id: int, *, perm: str) -> Measure:
    """The dialogue's measure if the dialogue belongs to one of the user's municipalities and has that
    measure (else 404) and the user's role there grants `perm` (else 403). `measure.dialogue` is loaded."""
    dialogue = dialogue_for(user, dialogue_id, perm=perm)
    return get_measure(dialogue=dialogue, measure_id=measure_id)
