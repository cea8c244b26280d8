"""The dialogues app's part in what spans apps (core/registry.py): the checklist's count of themes."""

from dialogwerk.core import registry

from .models import Dialogue


def checklist_counts(dialogue: Dialogue) -> dict:
    return {"themes": dialogue.themes.count()}


def declare() -> None:
    registry.checklist_counters.declare(app="dialogues", name="dialogues", part=checklist_counts)
