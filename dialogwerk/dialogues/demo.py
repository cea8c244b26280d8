"""Demo part of dialogues: Musterstadt's dialogue with the five default themes and its languages."""

import datetime

from django.utils import timezone

from .models import Dialogue
from .services import dialogue_create

DEMO_TITLE = "Wie wollen wir in Zukunft zusammenleben? – Flüchtlingsdialog Musterstadt"
# The languages of the demo's refugees (reports/demo.py seats them with Arabic, Farsi and Ukrainian).
DEMO_LANGUAGES = ["de", "ar", "uk", "fa"]


def load(context: dict) -> None:
    municipality = context["municipality"]
    # The first dialogue of Musterstadt is the demo's, however the user renamed it.
    dialogue = Dialogue.objects.filter(municipality=municipality).order_by("pk").first()
    if dialogue is None:
        today = timezone.localdate()
        dialogue = dialogue_create(
            actor=context["users"]["consultant"],
            municipality=municipality,
            title=DEMO_TITLE,
            purpose=(
                "Musterstadt hat 2025 rund 180 Geflüchtete aufgenommen. Im Dialog beraten Bürgerinnen und "
                "Bürger, Geflüchtete, Verwaltung, Vereine und Kirchen, wie wir gut zusammenleben. Der "
                "Gemeinderat beantwortet jedes Ergebnis öffentlich; der Begleitkreis berichtet über die Umsetzung."
            ),
            starts_on=today + datetime.timedelta(days=10),
            ends_on=today + datetime.timedelta(days=10),
            expected_participants=70,
            languages=DEMO_LANGUAGES,
        )
    context["dialogue"] = dialogue
