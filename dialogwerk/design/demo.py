"""Demo part of design: a World Café evening as Musterstadt's agenda. Idempotent."""

from .models import Agenda
from .services import agenda_fill_world_cafe_evening


def load(context: dict) -> None:
    dialogue = context["dialogue"]
    agenda = Agenda.objects.filter(dialogue=dialogue).first()
    if agenda is None or not agenda.items.exists():
        agenda_fill_world_cafe_evening(actor=context["users"]["consultant"], dialogue=dialogue)
    context["agenda"] = Agenda.objects.get(dialogue=dialogue)
