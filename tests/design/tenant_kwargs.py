"""URL parameters of the design's pages, filled with objects of the other municipality."""

from dialogwerk.design.models import Agenda, AgendaItem, Method
from tests.tenant_walk import url_kwarg


@url_kwarg("method_id")
def method_id(context: dict) -> int:
    method = Method.objects.create(
        municipality=context["municipality"],
        name="Eigene Methode B",
        purpose="x",
        min_participants=1,
        max_participants=10,
        min_minutes=30,
        max_minutes=60,
        steps="a",
    )
    return method.pk


@url_kwarg("agenda_item_id")
def agenda_item_id(context: dict) -> int:
    agenda, _created = Agenda.objects.get_or_create(dialogue=context["dialogue"])
    return AgendaItem.objects.create(agenda=agenda, title="Punkt B", duration_minutes=30).pk
