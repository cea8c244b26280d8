"""The synthesis app's part in what spans apps (core/registry.py): bundles, decisions and working groups for the
documents, and the checklist's counts of bundles and decisions; convenors' links and working groups in the
privacy export and erasure."""

from collections.abc import Mapping
from typing import Any

from django.db import models
from django.utils import timezone

from dialogwerk.core import registry
from dialogwerk.core.document_parts import Bundle, DecisionRow, WorkingGroupRow
from dialogwerk.core.personal_data import iso
from dialogwerk.dialogues.models import Dialogue

from .models import Cluster, ClusterCard, ConvenorLink, Decision, WorkingGroup


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
    registry.privacy_parts.declare(
        app="synthesis",
        name="synthesis.contact",
        part=registry.PrivacyPart(
            subject="contact",
            sections=("working_group_links",),
            find=contact_find,
            export=contact_export,
            names=contact_names,
            dialogue_ids=contact_dialogue_ids,
            erase=contact_erase,
            holds=("synthesis.ConvenorLink", "synthesis.WorkingGroup"),
        ),
    )
    registry.privacy_parts.declare(
        app="synthesis",
        name="synthesis.staff",
        part=registry.PrivacyPart(subject="staff", sections=("working_groups",), export=staff_export),
    )


# --- privacy: what the app stores about a person (privacy/services.py exports and erases it) ----------------


def contact_find(*, municipality, email: str) -> dict:
    """The personal links of a working group's convenor without an account."""
    return {
        "convenor_links": list(
            ConvenorLink.objects.filter(working_group__dialogue__municipality=municipality, email__iexact=email)
            .select_related("working_group")
            .order_by("pk")
        )
    }


def contact_export(records: Mapping[str, Any]) -> dict:
    return {
        "working_group_links": [
            {
                "working_group": link.working_group.name,
                "name": link.name,
                "email": link.email,
                "created_at": iso(link.created_at),
                "expires_on": iso(link.expires_on),
                "last_used_at": iso(link.last_used_at),
                "revoked_at": iso(link.revoked_at),
            }
            for link in records["convenor_links"]
        ]
    }


def contact_names(records: Mapping[str, Any]) -> set[str]:
    return {link.name for link in records["convenor_links"]}


def contact_dialogue_ids(records: Mapping[str, Any]) -> set[int]:
    return {link.working_group.dialogue_id for link in records["convenor_links"]}


def contact_erase(records: Mapping[str, Any], context: Mapping[str, Any]) -> None:
    """The links are revoked and lose name and address; the groups lose the convenor's name."""
    label = context["label"]
    ConvenorLink.objects.filter(pk__in=[link.pk for link in records["convenor_links"]]).update(
        name=label, email="", revoked_at=timezone.now()
    )
    WorkingGroup.objects.filter(
        dialogue__municipality=context["municipality"],
        convenor_name__in=[link.name for link in records["convenor_links"]],
    ).update(convenor_name=label)


def staff_export(user) -> dict:
    return {
        "working_groups": [
            {"name": g.name, "dialogue": g.dialogue.title} for g in user.working_groups.select_related("dialogue")
        ]
    }
