"""The funding app's part in what spans apps (core/registry.py): the checklist's state of the application
and of the report on the use of funds, and a staff member's places in funding bodies (privacy)."""

from collections.abc import Mapping
from typing import Any

from dialogwerk.core import registry
from dialogwerk.core.personal_data import iso
from dialogwerk.dialogues.models import Dialogue

from .models import FundingApplication, FundingBodyMembership, FundingReport
from .reminders import send_deadline_reminders


def checklist_counts(dialogue: Dialogue) -> dict:
    application = FundingApplication.objects.filter(dialogue=dialogue).first()
    report = FundingReport.objects.filter(application=application).first() if application is not None else None
    return {
        "funding_application": application.status if application is not None else "",
        "funding_report": report.status if report is not None else "",
    }


def declare() -> None:
    registry.checklist_counters.declare(app="funding", name="funding", part=checklist_counts)
    registry.reminder_senders.declare(app="funding", name="funding deadlines", part=send_deadline_reminders)
    registry.privacy_parts.declare(
        app="funding",
        name="funding.staff",
        part=registry.PrivacyPart(
            subject="staff",
            sections=("funding_bodies",),
            export=staff_export,
            erase=staff_erase,
            holds=("funding.FundingBodyMembership",),
        ),
    )


def staff_export(user) -> dict:
    return {
        "funding_bodies": [
            {"funding_body": str(m.funding_body), "since": iso(m.created_at)}
            for m in FundingBodyMembership.objects.filter(user=user).select_related("funding_body")
        ]
    }


def staff_erase(user, _context: Mapping[str, Any]) -> None:
    FundingBodyMembership.objects.filter(user=user).delete()
