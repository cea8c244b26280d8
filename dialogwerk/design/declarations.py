"""The design app's part in what spans apps (core/registry.py): the agenda for the documents, and the
checklist's count of agenda items."""

from dialogwerk.core import registry
from dialogwerk.core.document_parts import AgendaPlan
from dialogwerk.dialogues.models import Dialogue

from .models import Agenda, AgendaItem


def agenda(dialogue: Dialogue) -> AgendaPlan:
    """The Ablaufplan with each item's start time; "" and [] when no agenda was made."""
    record = Agenda.objects.filter(dialogue=dialogue).first()
    if record is None:
        return AgendaPlan("", "", [], [])
    items, methods = [], []
    minute = record.starts_at.hour * 60 + record.starts_at.minute
    for item in record.items.select_related("method").order_by("position", "id"):
        method = item.method.name if item.method is not None else ""
        if method:
            methods.append(method)
        items.append((f"{minute // 60 % 24:02d}:{minute % 60:02d}", item.title, method, str(item.duration_minutes)))
        minute += item.duration_minutes or 0
    return AgendaPlan(record.starts_at.strftime("%H:%M"), record.ends_at.strftime("%H:%M"), items, methods)


def checklist_counts(dialogue: Dialogue) -> dict:
    return {"agenda_items": AgendaItem.objects.filter(agenda__dialogue=dialogue).count()}


def declare() -> None:
    registry.document_sources.declare(app="design", name="agenda", part=agenda)
    registry.checklist_counters.declare(app="design", name="design", part=checklist_counts)
