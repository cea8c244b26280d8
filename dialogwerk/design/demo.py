"""Demo part of design: a World Café evening as Musterstadt's agenda, its first round with five tables
(one per theme, each with a host). Idempotent: tables are added only when no round has any."""

from .models import Agenda, CafeTable, ItemKind
from .services import agenda_fill_world_cafe_evening, cafe_tables_set

# The hosts of the demo's tables 1..5 (the seating demo seats them at these tables).
DEMO_HOSTS = ["Ursula Brenner", "Thomas Keller", "Aylin Demir", "Markus Hahn", "Petra Lindner"]


def load(context: dict) -> None:
    dialogue = context["dialogue"]
    agenda = Agenda.objects.filter(dialogue=dialogue).first()
    if agenda is None or not agenda.items.exists():
        agenda_fill_world_cafe_evening(actor=context["users"]["consultant"], dialogue=dialogue)
    context["agenda"] = agenda = Agenda.objects.get(dialogue=dialogue)
    first_round = agenda.items.filter(kind=ItemKind.ROUND).order_by("position", "id").first()
    if first_round is not None and not CafeTable.objects.filter(agenda_item__agenda=agenda).exists():
        themes = list(dialogue.themes.order_by("position", "id")[: len(DEMO_HOSTS)])
        cafe_tables_set(
            actor=context["users"]["consultant"],
            item=first_round,
            tables=[(theme, host) for theme, host in zip(themes, DEMO_HOSTS)],
        )
