"""Read queries of the dialogue design."""

from typing import NamedTuple

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from dialogwerk.dialogues.models import Dialogue, Theme

from .models import Agenda, AgendaItem, CafeTable, ItemKind, Method


class CafeTableRow(NamedTuple):
    """One table of the agenda's World Café: unpacks as (number, theme, host_name)."""

    number: int
    theme: Theme | None
    host_name: str


def methods_for(*, dialogue: Dialogue) -> QuerySet[Method]:
    """The built-in library plus the dialogue's municipality's own methods."""
    return Method.objects.filter(Q(municipality__isnull=True) | Q(municipality=dialogue.municipality_id)).order_by(
        "name"
    )


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
    return list(
        agenda.items.select_related("method")
        .prefetch_related(
            Prefetch("cafe_tables", queryset=CafeTable.objects.select_related("theme").order_by("number"))
        )
        .order_by("position", "id")
    )


def get_agenda_item(*, dialogue: Dialogue, agenda_item_id: int) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.select_related("agenda"), pk=agenda_item_id, agenda__dialogue=dialogue)


def cafe_table_list(*, item: AgendaItem) -> list[CafeTable]:
    return list(item.cafe_tables.select_related("theme").order_by("number"))


def cafe_tables(dialogue: Dialogue) -> list[CafeTableRow]:
    """The World Café tables of the dialogue's agenda as (number, theme, host_name), in table order.

    Taken from the first round item (kind "round", in agenda order) that has tables; empty when there is
    none. Themes are the dialogue's `Theme` objects (or None); host names may be empty."""
    item = (
        AgendaItem.objects.filter(agenda__dialogue=dialogue, kind=ItemKind.ROUND, cafe_tables__isnull=False)
        .order_by("position", "id")
        .first()
    )
    if item is None:
        return []
    return [CafeTableRow(t.number, t.theme, t.host_name) for t in cafe_table_list(item=item)]
