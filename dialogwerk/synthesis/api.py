"""The results over the REST API: clusters (Bündel) of cards, decisions and working groups, with the same
selectors, policies and services as the pages. Any member reads; planners (consultants, municipality
administrators) bundle, decide and set up working groups.

Not over the API: changing a working group's name, mandate or members (the page has no such form either),
bundling suggestions (computed on the board page), and a new working group inside a delegation (create
the group first, then delegate to its id)."""

import datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from dialogwerk.apitokens.api_kit import ERRORS, MAX_ID, READ_ERRORS, Id, InputSchema, Page, staff_auth
from dialogwerk.dialogues.access import dialogue_for
from dialogwerk.dialogues.models import Dialogue
from dialogwerk.tenancy.models import User

from . import policy, selectors, services
from .models import CardKind, Outcome

router = Router(tags=["synthesis"], auth=staff_auth)
RefId = Field(None, ge=1, le=MAX_ID)
Ref = Annotated[int, Field(ge=1, le=MAX_ID)]
MAX_REFS = 1000


# --- Clusters -------------------------------------------------------------------------------------------------


class ClusterOut(Schema):
    id: int
    title: str
    theme: int | None
    kind: CardKind | None
    position: int
    session: int | None
    cards: list[int]
    created_at: datetime.datetime

    @staticmethod
    def resolve_theme(obj) -> int | None:
        return obj.theme_id

    @staticmethod
    def resolve_kind(obj):
        return obj.kind or None

    @staticmethod
    def resolve_session(obj) -> int | None:
        return obj.session_id

    @staticmethod
    def resolve_cards(obj) -> list[int]:
        return [placement.contribution_id for placement in obj.placements.all()]


class ClusterIn(InputSchema):
    title: str = Field(min_length=1, max_length=200)
    theme: int | None = RefId
    kind: CardKind | None = None
    cards: list[Ref] = Field(
        default_factory=list, max_length=MAX_REFS, description="Ids of visible cards of this dialogue."
    )


class ClusterPatch(InputSchema):
    title: str = Field(min_length=1, max_length=200)


def _cluster(dialogue: Dialogue, cluster_id: int):
    return (
        selectors.clusters_of(dialogue=dialogue)
        .filter(pk=selectors.get_cluster(dialogue=dialogue, cluster_id=cluster_id).pk)
        .get()
    )


@router.get(
    "/dialogues/{dialogue_id}/clusters/",
    response={200: list[ClusterOut], **READ_ERRORS},
    url_name="cluster_list",
    summary="Clusters",
)
@paginate(Page)
def cluster_list(request: HttpRequest, dialogue_id: Id):
    return selectors.clusters_of(dialogue=dialogue_for(request.user, dialogue_id, perm=policy.VIEW_RESULTS))


@router.post(
    "/dialogues/{dialogue_id}/clusters/",
    response={201: ClusterOut, **ERRORS},
    url_name="cluster_list",
    summary="Create a cluster",
)
def cluster_create(request: HttpRequest, dialogue_id: Id, payload: ClusterIn):
    """A card already in another cluster moves into the new one."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.BUNDLE)
    theme = None
    if payload.theme is not None:
        theme = dialogue.themes.filter(pk=payload.theme).first()
        if theme is None:
            raise ValidationError({"theme": _("Choose a theme of this dialogue.")})
    ids = list(dict.fromkeys(payload.cards))
    found = {card.pk: card for card in selectors.cards_of(dialogue=dialogue).filter(pk__in=ids)}
    if len(found) != len(ids):
        raise ValidationError({"cards": _("Choose cards of this dialogue.")})
    cluster = services.cluster_create(
        actor=request.user,
        dialogue=dialogue,
        title=payload.title,
        theme=theme,
        kind=payload.kind or "",
        cards=[found[pk] for pk in ids],
    )
    return Status(201, _cluster(dialogue, cluster.pk))


@router.get(
    "/dialogues/{dialogue_id}/clusters/{cluster_id}",
    response={200: ClusterOut, **READ_ERRORS},
    url_name="cluster",
    summary="One cluster",
)
def cluster_detail(request: HttpRequest, dialogue_id: Id, cluster_id: Id):
    return _cluster(dialogue_for(request.user, dialogue_id, perm=policy.VIEW_RESULTS), cluster_id)


@router.patch(
    "/dialogues/{dialogue_id}/clusters/{cluster_id}",
    response={200: ClusterOut, **ERRORS},
    url_name="cluster",
    summary="Rename a cluster",
)
def cluster_rename(request: HttpRequest, dialogue_id: Id, cluster_id: Id, payload: ClusterPatch):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.BUNDLE)
    cluster = selectors.get_cluster(dialogue=dialogue, cluster_id=cluster_id)
    services.cluster_rename(actor=request.user, cluster=cluster, title=payload.title)
    return _cluster(dialogue, cluster.pk)


@router.delete(
    "/dialogues/{dialogue_id}/clusters/{cluster_id}",
    response={204: None, **ERRORS},
    url_name="cluster",
    summary="Dissolve a cluster",
)
def cluster_dissolve(request: HttpRequest, dialogue_id: Id, cluster_id: Id):
    """Its cards are unbundled again; decisions on it keep their title."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.BUNDLE)
    services.cluster_dissolve(
        actor=request.user, cluster=selectors.get_cluster(dialogue=dialogue, cluster_id=cluster_id)
    )
    return Status(204, None)


@router.put(
    "/dialogues/{dialogue_id}/clusters/{cluster_id}/cards/{card_id}",
    response={200: ClusterOut, **ERRORS},
    url_name="cluster_card",
    summary="Put a card into a cluster",
)
def cluster_card_add(request: HttpRequest, dialogue_id: Id, cluster_id: Id, card_id: Id):
    """Moves the card out of any other cluster."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.BUNDLE)
    card = selectors.get_card(dialogue=dialogue, card_id=card_id)
    cluster = selectors.get_cluster(dialogue=dialogue, cluster_id=cluster_id)
    services.card_move(actor=request.user, card=card, cluster=cluster)
    return _cluster(dialogue, cluster.pk)


@router.delete(
    "/dialogues/{dialogue_id}/clusters/{cluster_id}/cards/{card_id}",
    response={200: ClusterOut, **ERRORS},
    url_name="cluster_card",
    summary="Take a card out of a cluster",
)
def cluster_card_remove(request: HttpRequest, dialogue_id: Id, cluster_id: Id, card_id: Id):
    """The card is unbundled again; 404 when it is not in this cluster."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.BUNDLE)
    card = selectors.get_card(dialogue=dialogue, card_id=card_id)
    cluster = selectors.get_cluster(dialogue=dialogue, cluster_id=cluster_id)
    if selectors.bundled_card_ids(dialogue=dialogue).get(card.pk) != cluster.pk:
        raise Http404
    services.card_move(actor=request.user, card=card, cluster=None)
    return _cluster(dialogue, cluster.pk)


# --- Decisions ------------------------------------------------------------------------------------------------


class DecisionOut(Schema):
    id: int
    title: str
    outcome: Outcome
    reason: str
    cluster: int | None
    card: int | None
    proposal: int | None
    working_group: int | None
    decided_by: str
    decided_at: datetime.datetime
    body: str  # the body whose resolution made it binding, e.g. "Gemeinderat, Sitzung vom 12. März 2027, TOP 7"
    body_decided_on: datetime.date | None
    measures: list[int]

    @staticmethod
    def resolve_cluster(obj) -> int | None:
        return obj.cluster_id

    @staticmethod
    def resolve_card(obj) -> int | None:
        return obj.contribution_id

    @staticmethod
    def resolve_proposal(obj) -> int | None:
        return obj.proposal_id

    @staticmethod
    def resolve_working_group(obj) -> int | None:
        return obj.working_group_id

    @staticmethod
    def resolve_decided_by(obj) -> str:
        return str(obj.decided_by) if obj.decided_by_id else ""

    @staticmethod
    def resolve_measures(obj) -> list[int]:
        return [measure.pk for measure in obj.measures.all()]


class DecisionIn(InputSchema):
    """Decide on exactly one of `cluster`, `card` or `proposal` (an open proposal of a working group).
    `rejected` needs a `reason`; `delegated` needs the id of a `working_group` of this dialogue."""

    cluster: int | None = RefId
    card: int | None = RefId
    proposal: int | None = RefId
    title: str = Field("", max_length=200, description="Left empty, the title of the cluster, card or proposal.")
    outcome: Outcome
    reason: str = ""
    working_group: int | None = RefId
    body: str = Field("", max_length=200, description="The body whose resolution made it binding (optional).")
    body_decided_on: datetime.date | None = None


def _subject(dialogue: Dialogue, payload: DecisionIn) -> tuple[dict, str]:
    """The ids of the body → the objects the page offers; anything else is bad input on its field."""
    subject, title = {}, ""
    try:
        if payload.cluster is not None:
            subject["cluster"] = selectors.get_cluster(dialogue=dialogue, cluster_id=payload.cluster)
            title = subject["cluster"].title
    except Http404:
        raise ValidationError({"cluster": _("Choose a cluster of this dialogue.")}) from None
    try:
        if payload.card is not None:
            subject["contribution"] = selectors.get_card(dialogue=dialogue, card_id=payload.card)
            title = subject["contribution"].text[:200]
    except Http404:
        raise ValidationError({"card": _("Choose cards of this dialogue.")}) from None
    if payload.proposal is not None:
        subject["proposal"] = selectors.open_proposals_of(dialogue=dialogue).filter(pk=payload.proposal).first()
        if subject["proposal"] is None:
            raise ValidationError({"proposal": _("Choose a proposal of this dialogue.")})
        title = subject["proposal"].title
    return subject, title


class DecisionFilter(Schema):
    outcome: Outcome | None = None


@router.get(
    "/dialogues/{dialogue_id}/decisions/",
    response={200: list[DecisionOut], **READ_ERRORS},
    url_name="decision_list",
    summary="Decisions",
)
@paginate(Page)
def decision_list(request: HttpRequest, dialogue_id: Id, filters: Query[DecisionFilter]):
    """Newest first; `outcome` keeps one kind (e.g. `delegated`)."""
    decisions = selectors.decisions_of(dialogue=dialogue_for(request.user, dialogue_id, perm=policy.VIEW_RESULTS))
    return decisions.filter(outcome=filters.outcome) if filters.outcome else decisions


@router.post(
    "/dialogues/{dialogue_id}/decisions/",
    response={201: DecisionOut, **ERRORS},
    url_name="decision_list",
    summary="Record a decision",
)
def decision_create(request: HttpRequest, dialogue_id: Id, payload: DecisionIn):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.DECIDE)
    subject, subject_title = _subject(dialogue, payload)
    group = None
    if payload.working_group is not None:
        group = dialogue.working_groups.filter(pk=payload.working_group).first()
        if group is None:
            raise ValidationError({"working_group": _("Choose a working group of this dialogue.")})
    decision = services.decision_create(
        actor=request.user,
        dialogue=dialogue,
        outcome=payload.outcome,
        title=payload.title.strip() or subject_title,
        reason=payload.reason,
        working_group=group,
        body=payload.body,
        body_decided_on=payload.body_decided_on,
        **subject,
    )
    return Status(201, selectors.decisions_of(dialogue=dialogue).get(pk=decision.pk))


@router.get(
    "/dialogues/{dialogue_id}/decisions/{decision_id}",
    response={200: DecisionOut, **READ_ERRORS},
    url_name="decision",
    summary="One decision",
)
def decision_detail(request: HttpRequest, dialogue_id: Id, decision_id: Id):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_RESULTS)
    return selectors.decisions_of(dialogue=dialogue).get(
        pk=selectors.get_decision(dialogue=dialogue, decision_id=decision_id).pk
    )


# --- Working groups -------------------------------------------------------------------------------------------


class ProposalOut(Schema):
    id: int
    title: str
    description: str
    decided: bool

    @staticmethod
    def resolve_decided(obj) -> bool:
        return bool(obj.decisions.all())


class WorkingGroupOut(Schema):
    id: int
    name: str
    mandate: str
    member_users: list[int]
    member_names: list[str]
    convenor: int | None
    convenor_name: str
    proposal_due_on: datetime.date
    report: str
    reported_on: datetime.date | None
    proposals: list[ProposalOut]
    created_at: datetime.datetime

    @staticmethod
    def resolve_member_users(obj) -> list[int]:
        return [user.pk for user in obj.member_users.all()]

    @staticmethod
    def resolve_member_names(obj) -> list[str]:
        return obj.member_name_list

    @staticmethod
    def resolve_convenor(obj) -> int | None:
        return obj.convenor_id

    @staticmethod
    def resolve_proposals(obj) -> list:
        return list(obj.proposals.all())


class WorkingGroupIn(InputSchema):
    name: str = Field(min_length=1, max_length=200)
    mandate: str = Field(min_length=1)
    proposal_due_on: datetime.date
    member_users: list[Ref] = Field(
        default_factory=list, max_length=MAX_REFS, description="Ids of users of this municipality."
    )
    member_names: str = Field("", description="People without an account, one per line.")
    convenor: int | None = RefId
    convenor_name: str = Field("", max_length=200)


class ReportIn(InputSchema):
    """The group reports back; each proposal then waits for a decision."""

    report: str = Field(min_length=1)
    reported_on: datetime.date
    proposals: list[str] = Field(default_factory=list, max_length=100)


def _municipality_users(dialogue: Dialogue, ids: list[int], field: str) -> list:
    ids = list(dict.fromkeys(ids))
    users = list(User.objects.filter(memberships__municipality=dialogue.municipality, pk__in=ids).distinct())
    if len(users) != len(ids):
        raise ValidationError({field: _("Choose members of this municipality.")})
    return users


@router.get(
    "/dialogues/{dialogue_id}/working-groups/",
    response={200: list[WorkingGroupOut], **READ_ERRORS},
    url_name="working_group_list",
    summary="Working groups",
)
@paginate(Page)
def working_group_list(request: HttpRequest, dialogue_id: Id):
    return selectors.working_groups_of(dialogue=dialogue_for(request.user, dialogue_id, perm=policy.VIEW_RESULTS))


@router.post(
    "/dialogues/{dialogue_id}/working-groups/",
    response={201: WorkingGroupOut, **ERRORS},
    url_name="working_group_list",
    summary="Set up a working group",
)
def working_group_create(request: HttpRequest, dialogue_id: Id, payload: WorkingGroupIn):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.DECIDE)
    fields = payload.dict()
    fields["member_users"] = _municipality_users(dialogue, fields["member_users"], "member_users")
    if fields["convenor"] is not None:
        fields["convenor"] = _municipality_users(dialogue, [fields["convenor"]], "convenor")[0]
    group = services.working_group_create(actor=request.user, dialogue=dialogue, **fields)
    return Status(201, selectors.get_working_group(dialogue=dialogue, group_id=group.pk))


@router.get(
    "/dialogues/{dialogue_id}/working-groups/{group_id}",
    response={200: WorkingGroupOut, **READ_ERRORS},
    url_name="working_group",
    summary="One working group",
)
def working_group_detail(request: HttpRequest, dialogue_id: Id, group_id: Id):
    return selectors.get_working_group(
        dialogue=dialogue_for(request.user, dialogue_id, perm=policy.VIEW_RESULTS), group_id=group_id
    )


@router.post(
    "/dialogues/{dialogue_id}/working-groups/{group_id}/report",
    response={200: WorkingGroupOut, **ERRORS},
    url_name="working_group_report",
    summary="Report back",
)
def working_group_report(request: HttpRequest, dialogue_id: Id, group_id: Id, payload: ReportIn):
    """Saves the group's report and adds its proposals (blank lines are skipped)."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.DECIDE)
    group = selectors.get_working_group(dialogue=dialogue, group_id=group_id)
    for index, title in enumerate(payload.proposals):
        if len(title.strip()) > 200:
            raise ValidationError({f"proposals.{index}": _("At most %(max)s characters.") % {"max": 200}})
    services.working_group_report(
        actor=request.user,
        working_group=group,
        report=payload.report,
        reported_on=payload.reported_on,
        proposals=[(title, "") for title in payload.proposals],
    )
    return selectors.get_working_group(dialogue=dialogue, group_id=group.pk)
