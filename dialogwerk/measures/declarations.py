"""The measures app's part in what spans apps (core/registry.py): the catalogue and the Begleitkreis for the
documents, and the checklist's counts of measures, progress and steering-group members."""

from django.db.models import Count, Q

from dialogwerk.core import registry
from dialogwerk.core.document_parts import MeasureRow, SteeringGroupInfo, date_text
from dialogwerk.dialogues.models import Dialogue

from . import tabular
from .models import Measure, SteeringGroup, SteeringMember


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
