"""Every change to clusters, decisions and working groups; decisions and groups go into the audit log."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogwerk.dialogues.models import Dialogue, Theme
from dialogwerk.live.models import Contribution
from dialogwerk.tenancy import audit
from dialogwerk.tenancy.models import AuditAction

from .models import (
    Cluster,
    ClusterCard,
    Decision,
    DecisionCorrection,
    Outcome,
    WorkingGroup,
    WorkingGroupMeeting,
    WorkingGroupProposal,
)


def _check_cards(dialogue: Dialogue, cards: Sequence[Contribution]) -> None:
    if any(card.session.dialogue_id != dialogue.pk for card in cards):
        raise ValidationError(_("Choose cards of this dialogue."))


@transaction.atomic
def cluster_create(
    *,
    actor,
    dialogue: Dialogue,
    title: str,
    theme: Theme | None = None,
    kind: str = "",
    cards: Sequence[Contribution] = (),
) -> Cluster:
    cards = list(cards)
    _check_cards(dialogue, cards)
    if theme is None and cards:
        theme = cards[0].theme
    if not kind and cards and len({c.kind for c in cards}) == 1:
        kind = cards[0].kind
    last = dialogue.clusters.aggregate(last=Max("position"))["last"]
    cluster = Cluster(
        dialogue=dialogue,
        session=cards[0].session if cards and len({c.session_id for c in cards}) == 1 else None,
        title=title.strip(),
        theme=theme,
        kind=kind,
        position=0 if last is None else last + 1,
        created_by=actor,
    )
    cluster.full_clean()
    if cluster.theme is not None and cluster.theme.dialogue_id != dialogue.pk:
        raise ValidationError({"theme": _("Choose a theme of this dialogue.")})
    cluster.save()
    for card in cards:
        _place(card=card, cluster=cluster)
    return cluster


def _place(*, card: Contribution, cluster: Cluster | None) -> None:
    ClusterCard.objects.filter(contribution=card).exclude(cluster=cluster).delete()
    if cluster is not None:
        ClusterCard.objects.get_or_create(contribution=card, defaults={"cluster": cluster})


@transaction.atomic
def card_move(*, actor, card: Contribution, cluster: Cluster | None) -> None:
    """Put a card into a cluster (out of any other), or back among the unbundled cards (cluster=None)."""
    if cluster is not None and cluster.dialogue_id != card.session.dialogue_id:
        raise ValidationError(_("Choose a cluster of this dialogue."))
    _place(card=card, cluster=cluster)


@transaction.atomic
def cluster_rename(*, actor, cluster: Cluster, title: str) -> Cluster:
    cluster.title = title.strip()
    cluster.full_clean()
    cluster.save(update_fields=["title"])
    return cluster


@transaction.atomic
def cluster_dissolve(*, actor, cluster: Cluster) -> None:
    """Remove a cluster; its cards go back among the unbundled cards, decisions keep their title."""
    cluster.delete()


def _validate_subject(dialogue: Dialogue, cluster, contribution, proposal) -> None:
    if sum(x is not None for x in (cluster, contribution, proposal)) != 1:
        raise ValidationError(_("Decide on one cluster, one card or one proposal of a working group."))
    if cluster is not None and cluster.dialogue_id != dialogue.pk:
        raise ValidationError(_("Choose a cluster of this dialogue."))
    if contribution is not None and contribution.session.dialogue_id != dialogue.pk:
        raise ValidationError(_("Choose cards of this dialogue."))
    if proposal is not None and proposal.working_group.dialogue_id != dialogue.pk:
        raise ValidationError(_("Choose a proposal of this dialogue."))


@transaction.atomic
def working_group_create(
    *,
    actor,
    dialogue: Dialogue,
    name: str,
    mandate: str,
    proposal_due_on: datetime.date,
    member_users: Sequence = (),
    member_names: str = "",
    convenor=None,
    convenor_name: str = "",
) -> WorkingGroup:
    _check_members(dialogue, member_users, convenor)
    group = WorkingGroup(
        dialogue=dialogue,
        name=name.strip(),
        mandate=mandate.strip(),
        proposal_due_on=proposal_due_on,
        member_names=member_names.strip(),
        convenor=convenor,
        convenor_name=convenor_name.strip(),
    )
    group.full_clean()
    group.save()
    group.member_users.set(member_users)
    audit.record(
        municipality=dialogue.municipality,
        actor=actor,
        action=AuditAction.CREATE,
        target=group,
        changes={"mandate": ["", group.mandate[:200]], "proposal_due_on": ["", proposal_due_on.isoformat()]},
    )
    return group


@transaction.atomic
def decision_create(
    *,
    actor,
    dialogue: Dialogue,
    outcome: str,
    title: str,
    reason: str = "",
    cluster: Cluster | None = None,
    contribution: Contribution | None = None,
    proposal: WorkingGroupProposal | None = None,
    working_group: WorkingGroup | None = None,
    body: str = "",
    body_decided_on: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> Decision:
    _validate_subject(dialogue, cluster, contribution, proposal)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose adopted, rejected or delegated.")})
    if outcome == Outcome.REJECTED and not reason.strip():
        raise ValidationError({"reason": _("Say why it was rejected: the participants will ask.")})
    if outcome == Outcome.DELEGATED and working_group is None:
        raise ValidationError({"working_group": _("Choose the working group it is delegated to.")})
    if working_group is not None and working_group.dialogue_id != dialogue.pk:
        raise ValidationError({"working_group": _("Choose a working group of this dialogue.")})
    decision = Decision(
        dialogue=dialogue,
        cluster=cluster,
        contribution=contribution,
        proposal=proposal,
        title=title.strip(),
        outcome=outcome,
        reason=reason.strip(),
        working_group=working_group if outcome == Outcome.DELEGATED else None,
        decided_by=actor if actor is not None and actor.is_authenticated else None,
        decided_at=now or timezone.now(),
        body=(body or "").strip(),
        body_decided_on=body_decided_on,
    )
    decision.full_clean()
    decision.save()
    changes = {"outcome": ["", outcome], "title": ["", decision.title]}
    if decision.body:
        changes["body"] = ["", decision.body]
    if decision.reason:
        changes["reason"] = ["", decision.reason[:200]]
    if decision.working_group:
        changes["working_group"] = ["", decision.working_group.name]
    audit.record(
        municipality=dialogue.municipality, actor=actor, action=AuditAction.CREATE, target=decision, changes=changes
    )
    return decision


CORRECTABLE = ("title", "reason", "body", "body_decided_on", "document")


@transaction.atomic
def decision_correct(*, actor, decision: Decision, note: str, **fields) -> DecisionCorrection | None:
    """Correct a recorded decision's words, reason or deciding body, saying why; returns the correction (None
    when nothing changed). The outcome stays: a different outcome is a new decision."""
    unknown = set(fields) - set(CORRECTABLE)
    if unknown:
        raise TypeError(f"decision_correct() got unexpected fields: {sorted(unknown)}")
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say why the decision is corrected: the history shows it.")})
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    before = {name: getattr(decision, name) for name in fields}
    old_document = decision.document.name
    for name, value in fields.items():
        setattr(decision, name, value.strip() if isinstance(value, str) else value)
    if decision.outcome == Outcome.REJECTED and not decision.reason:
        raise ValidationError({"reason": _("Say why it was rejected: the participants will ask.")})
    decision.full_clean()
    changes = audit.diff(
        {k: "" if v is None else str(v) for k, v in before.items()},
        {k: "" if getattr(decision, k) is None else str(getattr(decision, k)) for k in fields},
    )
    if not changes:
        return None
    decision.save(update_fields=list(fields))
    if "document" in fields and old_document and old_document != decision.document.name:
        storage = decision.document.storage  # replaced or removed: the old file goes once this is committed
        transaction.on_commit(lambda: storage.delete(old_document))
    correction = DecisionCorrection.objects.create(
        decision=decision,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=str(actor) if actor is not None and actor.is_authenticated else "",
        note=note,
        changes=changes,
    )
    # The reason for the correction is kept with it (the decision's history); the log records what changed.
    audit.record(
        municipality=decision.dialogue.municipality,
        actor=actor,
        action=AuditAction.UPDATE,
        target=decision,
        changes=changes,
    )
    return correction


@transaction.atomic
def _check_members(dialogue: Dialogue, member_users: Sequence, convenor) -> None:
    municipality_users = set(dialogue.municipality.memberships.values_list("user_id", flat=True))
    if any(user.pk not in municipality_users for user in [*member_users, *([convenor] if convenor else [])]):
        raise ValidationError(_("Choose members of this municipality."))


def _group_values(group: WorkingGroup) -> dict[str, str]:
    """What the audit log keeps of a group, in words (members by name)."""
    return {
        "name": group.name,
        "mandate": group.mandate[:200],
        "member_users": ", ".join(sorted(str(user) for user in group.member_users.all())),
        "member_names": group.member_names,
        "convenor": str(group.convenor or ""),
        "convenor_name": group.convenor_name,
        "proposal_due_on": group.proposal_due_on.isoformat(),
    }


@transaction.atomic
def working_group_update(
    *,
    actor,
    working_group: WorkingGroup,
    name: str,
    mandate: str,
    proposal_due_on: datetime.date,
    member_users: Sequence = (),
    member_names: str = "",
    convenor=None,
    convenor_name: str = "",
) -> WorkingGroup:
    """Change the group's mandate, deadline, members or convenor; the audit log keeps what it was."""
    _check_members(working_group.dialogue, member_users, convenor)
    before = _group_values(working_group)
    working_group.name, working_group.mandate = name.strip(), mandate.strip()
    working_group.proposal_due_on, working_group.member_names = proposal_due_on, member_names.strip()
    working_group.convenor, working_group.convenor_name = convenor, convenor_name.strip()
    working_group.full_clean()
    working_group.save()
    working_group.member_users.set(member_users)
    changes = audit.diff(before, _group_values(working_group))
    if changes:
        audit.record(
            municipality=working_group.dialogue.municipality,
            actor=actor,
            action=AuditAction.UPDATE,
            target=working_group,
            changes=changes,
        )
    return working_group


@transaction.atomic
def working_group_close(*, actor, working_group: WorkingGroup, closed_on: datetime.date | None) -> WorkingGroup:
    """Close the group (its work is done) on `closed_on`, or open it again with None."""
    before = working_group.closed_on
    if before != closed_on:
        working_group.closed_on = closed_on
        working_group.save(update_fields=["closed_on"])
        audit.record(
            municipality=working_group.dialogue.municipality,
            actor=actor,
            action=AuditAction.UPDATE,
            target=working_group,
            changes={"closed_on": [before.isoformat() if before else "", closed_on.isoformat() if closed_on else ""]},
        )
    return working_group


@transaction.atomic
def working_group_meeting_add(
    *,
    actor,
    working_group: WorkingGroup,
    held_on: datetime.date,
    minutes: str,
    attendees: str = "",
    actor_label: str = "",
) -> WorkingGroupMeeting:
    """Record a meeting and its minutes (`actor_label`: who handed them in without an account)."""
    if not (minutes or "").strip():
        raise ValidationError({"minutes": _("Please write down what the meeting discussed and agreed.")})
    meeting = WorkingGroupMeeting(
        working_group=working_group,
        held_on=held_on,
        minutes=minutes.strip(),
        attendees=(attendees or "").strip(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    meeting.full_clean(exclude=["recorded_by"])  # none when handed in through a convenor's link
    meeting.save()
    audit.record(
        municipality=working_group.dialogue.municipality,
        actor=actor,
        action=AuditAction.CREATE,
        target=meeting,
        changes={"held_on": ["", held_on.isoformat()]},
        actor_label=actor_label,
    )
    return meeting


def working_group_report(
    *,
    actor,
    working_group: WorkingGroup,
    report: str,
    reported_on: datetime.date,
    proposals: Sequence[tuple[str, str]] = (),
    actor_label: str = "",
) -> list[WorkingGroupProposal]:
    """The group reports back; its proposals then wait for a decision like any cluster."""
    if not report.strip():
        raise ValidationError({"report": _("Please write what the group found.")})
    working_group.report = report.strip()
    working_group.reported_on = reported_on
    working_group.full_clean()
    working_group.save(update_fields=["report", "reported_on"])
    created = []
    for title, description in proposals:
        if title.strip():
            proposal = WorkingGroupProposal(
                working_group=working_group, title=title.strip(), description=description.strip()
            )
            proposal.full_clean()
            proposal.save()
            created.append(proposal)
    audit.record(
        municipality=working_group.dialogue.municipality,
        actor=actor,
        action=AuditAction.UPDATE,
        target=working_group,
        changes={"report": ["", report.strip()[:200]], "proposals": ["", str(len(created))]},
        actor_label=actor_label,
    )
    return created
