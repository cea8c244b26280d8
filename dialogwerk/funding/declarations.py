"""The funding app's part in what spans apps (core/registry.py): the checklist's state of the application
and of the report on the use of funds."""

from dialogwerk.core import registry
from dialogwerk.dialogues.models import Dialogue

from .models import FundingApplication, FundingReport


def checklist_counts(dialogue: Dialogue) -> dict:
    application = FundingApplication.objects.filter(dialogue=dialogue).first()
    report = FundingReport.objects.filter(application=application).first() if application is not None else None
    return {
        "funding_application": application.status if application is not None else "",
        "funding_report": report.status if report is not None else "",
    }


def declare() -> None:
    registry.checklist_counters.declare(app="funding", name="funding", part=checklist_counts)
