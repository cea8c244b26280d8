"""The measures app's part in what spans apps (core/registry.py): the catalogue and the Begleitkreis for the
documents, the checklist's counts of measures, progress and steering-group members, and what it stores about
measure owners, Begleitkreis members and subscribers (privacy export and erasure)."""

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from dialogwerk.core import registry
from dialogwerk.core.document_parts import MeasureRow, SteeringGroupInfo, date_text
from dialogwerk.core.personal_data import iso, scrub_rows
from dialogwerk.dialogues.models import Dialogue

from . import reminders, tabular
from .models import (
    CatalogueImport,
    Measure,
    MeasureChange,
    OwnerLink,
    ProgressUpdate,
    ReminderRecipient,
    ResultsSubscription,
    SentReminder,
    SteeringGroup,
    SteeringMember,
)


def measures(dialogue: Dialogue) -> list[MeasureRow]:
    # The order of the catalogue's XLSX (tabular.py), so that the PDF and the spreadsheet list alike.
    ordered = (
        Measure.objects.filter(dialogue=dialogue)
        .select_related("theme")
        .order_by("theme__position", "due_on", "title", "id")
    )
    return [
        MeasureRow(
            number=measure.code,
            title=measure.title,
            description=measure.description,
            theme=measure.theme.name if measure.theme else "",
            responsible=" / ".join(
                part for part in (measure.responsible_person, measure.responsible_organisation) if part
            ),
            starts_on=date_text(measure.starts_on),
            due_on=date_text(measure.due_on),
            status=measure.status,
            status_label=measure.get_status_display(),
            priority=measure.get_priority_display(),
            progress=int(measure.progress or 0),
        )
        for measure in ordered
    ]


def steering_group(dialogue: Dialogue) -> SteeringGroupInfo:
    """The Begleitkreis and its members; a nameless, empty one when none was formed."""
    group = SteeringGroup.objects.filter(dialogue=dialogue).first()
    if group is None:
        return SteeringGroupInfo("", [])
    return SteeringGroupInfo(group.name, [(m.name, m.organisation, m.get_role_display()) for m in group.members.all()])


def checklist_counts(dialogue: Dialogue) -> dict:
    counted = Measure.objects.filter(dialogue=dialogue).aggregate(
        total=Count("id", distinct=True), with_progress=Count("id", filter=Q(updates__isnull=False), distinct=True)
    )
    return {
        "measures": counted["total"],
        "measures_with_progress": counted["with_progress"],
        "steering_members": SteeringMember.objects.filter(steering_group__dialogue=dialogue).count(),
    }


def declare() -> None:
    registry.document_sources.declare(app="measures", name="measures", part=measures)
    registry.document_sources.declare(app="measures", name="steering_group", part=steering_group)
    # The spreadsheet of the catalogue, the same as the measures app's export (and its import reads it back).
    registry.document_sources.declare(app="measures", name="catalogue_xlsx", part=tabular.catalogue_xlsx)
    registry.checklist_counters.declare(app="measures", name="measures", part=checklist_counts)
    registry.reminder_senders.declare(app="measures", name="measures", part=reminders.send_due_reminders)
    declare_privacy()


# --- privacy: what the app stores about a person (privacy/services.py exports and erases it) ----------------


def contact_find(*, municipality, email: str) -> dict:
    """A person without an account, by e-mail: the measures naming them responsible, their personal report
    links and the reports sent through them, their reminder settings and the reminders sent to them,
    Begleitkreis places without an account, and their subscriptions to news of the results."""
    links = OwnerLink.objects.filter(measure__dialogue__municipality=municipality, email__iexact=email).select_related(
        "measure"
    )
    return {
        "measures": list(
            Measure.objects.filter(dialogue__municipality=municipality, responsible_email__iexact=email).order_by("pk")
        ),
        "links": list(links.order_by("pk")),
        "reports": list(ProgressUpdate.objects.filter(owner_link__in=links).select_related("measure").order_by("pk")),
        "recipient": ReminderRecipient.objects.filter(municipality=municipality, email__iexact=email).first(),
        "reminders": list(
            SentReminder.objects.filter(measure__dialogue__municipality=municipality, recipient__iexact=email)
            .select_related("measure")
            .order_by("pk")
        ),
        "steering": list(
            SteeringMember.objects.filter(
                steering_group__dialogue__municipality=municipality, email__iexact=email, user__isnull=True
            )
            .select_related("steering_group__dialogue")
            .order_by("pk")
        ),
        "subscriptions": list(
            ResultsSubscription.objects.filter(dialogue__municipality=municipality, email__iexact=email)
            .select_related("dialogue")
            .order_by("pk")
        ),
    }


def contact_export(records: Mapping[str, Any]) -> dict:
    return {
        "responsible_for": [
            {
                "measure": m.title,
                "dialogue_id": m.dialogue_id,
                "name": m.responsible_person,
                "email": m.responsible_email,
            }
            for m in records["measures"]
        ],
        "report_links": [
            {
                "measure": link.measure.title,
                "name": link.name,
                "email": link.email,
                "created_at": iso(link.created_at),
                "expires_on": iso(link.expires_on),
                "last_used_at": iso(link.last_used_at),
                "revoked_at": iso(link.revoked_at),
            }
            for link in records["links"]
        ],
        "reports": [
            {
                "measure": r.measure.title,
                "reported_on": iso(r.reported_on),
                "reported_by": r.reporter_name,
                "text": r.text,
            }
            for r in records["reports"]
        ],
        "reminders_paused_at": iso(records["recipient"].paused_at) if records["recipient"] else None,
        "reminders_sent": [
            {"measure": r.measure.title, "kind": r.kind, "sent_at": iso(r.sent_at)} for r in records["reminders"]
        ],
        "steering_group": [
            {
                "dialogue": m.steering_group.dialogue.title,
                "name": m.name,
                "organisation": m.organisation,
                "role": m.role,
            }
            for m in records["steering"]
        ],
        "results_notices": [
            {
                "dialogue": s.dialogue.title,
                "language": s.language,
                "consented_at": iso(s.consented_at),
                "confirmed_at": iso(s.confirmed_at),
                "last_told_at": iso(s.told_at),
            }
            for s in records["subscriptions"]
        ],
    }


def contact_names(records: Mapping[str, Any]) -> set[str]:
    names = {m.responsible_person for m in records["measures"]} | {link.name for link in records["links"]}
    return names | {m.name for m in records["steering"]} | {r.reporter_name for r in records["reports"]}


def contact_dialogue_ids(records: Mapping[str, Any]) -> set[int]:
    ids = {m.dialogue_id for m in records["measures"]} | {link.measure.dialogue_id for link in records["links"]}
    return ids | {m.steering_group.dialogue_id for m in records["steering"]}


def contact_erase(records: Mapping[str, Any], context: Mapping[str, Any]) -> None:
    """Measures lose the name and address (the responsible organisation stays), report links are revoked and
    lose name and address, reports keep their text but not who sent them, reminder settings and the addresses
    of sent reminders go, Begleitkreis places lose name and address, subscriptions are deleted; uploads of the
    catalogue not imported yet may list the person too, and go."""
    label, municipality, email = context["label"], context["municipality"], context["email"]
    Measure.objects.filter(pk__in=[m.pk for m in records["measures"]]).update(
        responsible_person=label, responsible_email=""
    )
    OwnerLink.objects.filter(pk__in=[link.pk for link in records["links"]]).update(
        name=label, email="", revoked_at=timezone.now()
    )
    ProgressUpdate.objects.filter(pk__in=[r.pk for r in records["reports"]]).update(reporter_name=label)
    ReminderRecipient.objects.filter(municipality=municipality, email__iexact=email).delete()
    for reminder in records["reminders"]:
        SentReminder.objects.filter(pk=reminder.pk).update(recipient=f"erased-{reminder.pk}@erased.invalid")
    SteeringMember.objects.filter(pk__in=[m.pk for m in records["steering"]]).update(name=label, email="")
    ResultsSubscription.objects.filter(pk__in=[s.pk for s in records["subscriptions"]]).delete()
    CatalogueImport.objects.filter(dialogue__municipality=municipality, applied_at__isnull=True).delete()


def history_scrub(_person: Any, context: Mapping[str, Any]) -> None:
    """The measures' own history (MeasureChange) names people as the audit log does: rewritten alike."""
    scrub_rows(
        MeasureChange.objects.filter(measure__dialogue__municipality_id__in=context["municipality_ids"]),
        ("actor_label", "changes"),
        context["needles"],
        context["label"],
    )


def staff_export(user) -> dict:
    return {
        "steering_groups": [
            {
                "group": str(s.steering_group),
                "name": s.name,
                "email": s.email,
                "organisation": s.organisation,
                "role": s.role,
            }
            for s in SteeringMember.objects.filter(user=user).select_related("steering_group")
        ],
        "reminders": [
            {"measure": r.measure.title, "kind": r.kind, "sent_at": iso(r.sent_at)}
            for r in SentReminder.objects.filter(recipient__iexact=user.email)
            .select_related("measure")
            .order_by("sent_at")
        ],
    }


def staff_erase(user, context: Mapping[str, Any]) -> None:
    label, email = context["label"], context["email"]  # the address before the account lost it
    SteeringMember.objects.filter(user=user).update(name=label, email="")
    SteeringMember.objects.filter(email__iexact=email).update(name=label, email="")
    Measure.objects.filter(responsible_email__iexact=email).update(responsible_person=label, responsible_email="")
    SentReminder.objects.filter(recipient__iexact=email).update(recipient=context["erased_email"])


def declare_privacy() -> None:
    for subject, part in (
        (
            "contact",
            registry.PrivacyPart(
                subject="contact",
                sections=(
                    "responsible_for",
                    "report_links",
                    "reports",
                    "reminders_paused_at",
                    "reminders_sent",
                    "steering_group",
                    "results_notices",
                ),
                find=contact_find,
                export=contact_export,
                names=contact_names,
                dialogue_ids=contact_dialogue_ids,
                erase=contact_erase,
                holds=(
                    "measures.Measure",
                    "measures.OwnerLink",
                    "measures.ProgressUpdate",
                    "measures.ReminderRecipient",
                    "measures.SentReminder",
                    "measures.SteeringMember",
                    "measures.ResultsSubscription",
                ),
            ),
        ),
        ("history", registry.PrivacyPart(subject="history", erase=history_scrub, holds=("measures.MeasureChange",))),
        (
            "staff",
            registry.PrivacyPart(
                subject="staff",
                sections=("steering_groups", "reminders"),
                export=staff_export,
                erase=staff_erase,
                holds=("measures.SteeringMember", "measures.SentReminder", "measures.Measure"),
            ),
        ),
    ):
        registry.privacy_parts.declare(app="measures", name=f"measures.{subject}", part=part)
