"""The synthesis app's part in what spans apps (core/registry.py): bundles, decisions and working groups
for the documents, and the checklist's counts of bundles and decisions."""

from django.db import models

from dialogwerk.core import registry
from dialogwerk.core.document_parts import Bundle, DecisionRow, WorkingGroupRow
from dialogwerk.dialogues.models import Dialogue

from .models import Cluster, ClusterCard, Decision, WorkingGroup


def bundles(dialogue: Dialogue) -> list[Bundle]:
    clusters = list(Cluster.objects.filter(dialogue=dialogue).select_related("theme").order_by("position", "id"))
    counts = dict(
        Cluster.objects.filter(pk__in=[c.pk for c in clusters])
        .annotate(n=models.Count("placements"))
        .values_list("pk", "n")
    )
    return [
        Bundle(
            title=c.title,
            kind=c.kind,
            kind_label=c.get_kind_display(),
            theme=c.theme.name if c.theme else "",
            cards=counts[c.pk],
        )
        for c in clusters
    ]


def bundled_card_ids(dialogue: Dialogue) -> set[int]:
    """The cards that sit in a bundle (a card is in at most one)."""
    return set(ClusterCard.objects.filter(cluster__dialogue=dialogue).values_list("contribution_id", flat=True))


def decisions(dialogue: Dialogue) -> tuple[list[DecisionRow], list[WorkingGroupRow]]:
    rows = [
        DecisionRow(
            decision.title,
            decision.outcome,
            decision.get_outcome_display(),
            decision.reason,
            decision.working_group.name if decision.working_group else "",
        )
        for decision in Decision.objects.filter(dialogue=dialogue).select_related("working_group").order_by("id")
    ]
    groups = [
        WorkingGroupRow(group.name, group.mandate, group.proposal_due_on.strftime("%d.%m.%Y"), group.convenor_name)
        for group in WorkingGroup.objects.filter(dialogue=dialogue).order_by("id")
    ]
    return rows, groups


def checklist_counts(dialogue: Dialogue) -> dict:
    return {
        "clusters": Cluster.objects.filter(dialogue=dialogue).count(),
        "decisions": Decision.objects.filter(dialogue=dialogue).count(),
    }


def declare() -> None:
    registry.document_sources.declare(app="synthesis", name="bundles", part=bundles)
    registry.document_sources.declare(app="synthesis", name="bundled_card_ids", part=bundled_card_ids)
    registry.document_sources.declare(app="synthesis", name="decisions", part=decisions)
    registry.checklist_counters.declare(app="synthesis", name="synthesis", part=checklist_counts)
