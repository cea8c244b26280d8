"""The reports app's part in what spans apps (core/registry.py): the checklist's count of finished documents."""

from dialogwerk.core import registry
from dialogwerk.dialogues.models import Dialogue

from .models import DocumentStatus


def checklist_counts(dialogue: Dialogue) -> dict:
    return {"documents_ready": dialogue.generated_documents.filter(status=DocumentStatus.DONE).count()}


def declare() -> None:
    registry.checklist_counters.declare(app="reports", name="reports", part=checklist_counts)
