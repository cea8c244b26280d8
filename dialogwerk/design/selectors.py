"""Read queries of the dialogue design."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from dialogwerk.dialogues.models import Dialogue

from .models import Agenda, AgendaItem, Method


def methods_for(*, dialogue: Dialogue) -> QuerySet[Method]:
    """The built-in library plus the dialogue's municipality's own methods."""
    return Method.objects.filter(Q(municipality__isnull=True) | Q(municipality=dialogue.municipality_id)).order_by("name")


def get_method(*, dialogue: Dialogue, method_id: int) -> Method:
    return get_object_or_404(methods_for(dialogue=dialogue), pk=method_id)


def agenda_of(*, dialogue: Dialogue) -> Agenda:
    """The stored agenda, or an unsaved one with the default times."""
    try:
        return dialogue.agenda
    except Agenda.DoesNotExist:
        return Agenda(dialogue=dialogue)


def agenda_items_of(*, agenda: Agenda) -> list[AgendaItem]:
    if agenda.pk is None:
        return []
    return list(agenda.items.select_related("method").order_by("position", "id"))


def get_agenda_item(*, dialogue: Dialogue, agenda_item_id: int) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.select_related("agenda"), pk=agenda_item_id, agenda__dialogue=dialogue)
