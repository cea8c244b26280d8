"""The catalogue of measures over the REST API: measures and their progress reports, with the same
selectors, policies and services as the pages. Any member reads; planners (consultants, municipality
administrators) add and change measures; steering-group members and planners report progress.

As in the UI, measures are not deleted (set the status `dropped`). Not over the API: attachments of
progress reports (multipart uploads stay on the page), bulk editing, import and export, the steering
group, public responses and summaries."""

import datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from dialogwerk.apitokens.api_kit import ERRORS, MAX_ID, READ_ERRORS, Id, InputSchema, Page, staff_auth
from dialogwerk.dialogues.access import dialogue_for
from dialogwerk.dialogues.models import Dialogue
from dialogwerk.synthesis.models import Decision, Outcome

from . import policy, selectors, services
from .access import measure_for
from .models import Priority
from .models import Status as MeasureStatus

router = Router(tags=["measures"], auth=staff_auth)
MAX_MONEY = Decimal("9999999999.99")


# --- Measures -------------------------------------------------------------------------------------------------


class MeasureOut(Schema):
    id: int
    code: str = Field(
        description="The measure's number in the dialogue's catalogue, as a council cites it: M-01, M-02 …"
    )
    title: str
    description: str
    theme: int | None
    goal: str
    indicator: str
    decision: int | None
    clusters: list[int]
    responsible_person: str
    responsible_email: str
    responsible_organisation: str
    working_group: int | None
    owner: str
    starts_on: datetime.date | None
    due_on: datetime.date | None
    cost_estimate: Decimal | None
    funding_source: str
    priority: Priority
    status: MeasureStatus
    progress: int
    public: bool
    last_update_on: datetime.date | None
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_theme(obj) -> int | None:
        return obj.theme_id

    @staticmethod
    def resolve_decision(obj) -> int | None:
        return obj.decision_id

    @staticmethod
    def resolve_working_group(obj) -> int | None:
        return obj.working_group_id

    @staticmethod
    def resolve_clusters(obj) -> list[int]:
        return [cluster.pk for cluster in obj.clusters.all()]

    @staticmethod
    def resolve_owner(obj) -> str:
        return obj.owner_label

    @staticmethod
    def resolve_last_update_on(obj):
        return getattr(obj, "last_update_on", None)


class MeasureFilter(Schema):
    theme: int | None = Field(None, ge=1, le=MAX_ID, description="Id of a theme of the dialogue.")
    owner: str = Field("", max_length=200, description="Part of the responsible person's or organisation's name.")
    status: MeasureStatus | None = None
    due: Literal["overdue", "30", "none"] | None = Field(
        None, description="`overdue` (open and past due), `30` (open, due within 30 days), `none` (no due date)."
    )
    sort: Literal[tuple(selectors.SORTS)] = "due"  # type: ignore[valid-type]


class MeasureIn(InputSchema):
    """`decision`: an adopted decision the measure comes from (its cluster and cards are linked, as on the page)."""

    title: str = Field(min_length=1, max_length=200)
    description: str = ""
    theme: int | None = Field(None, ge=1, le=MAX_ID)
    goal: str = ""
    indicator: str = Field("", max_length=300)
    decision: int | None = Field(None, ge=1, le=MAX_ID)
    responsible_person: str = Field("", max_length=200)
    responsible_email: str = Field("", max_length=254)
    responsible_organisation: str = Field("", max_length=200)
    working_group: int | None = Field(None, ge=1, le=MAX_ID)
    starts_on: datetime.date | None = None
    due_on: datetime.date | None = None
    cost_estimate: Decimal | None = Field(None, ge=0, le=MAX_MONEY, max_digits=12, decimal_places=2)
    funding_source: str = Field("", max_length=200)
    priority: Priority = Priority.MEDIUM
    status: MeasureStatus = MeasureStatus.PLANNED
    progress: int = Field(0, ge=0, le=100)
    public: bool = False


class MeasurePatch(InputSchema):
    """Only the fields sent change (recorded in the measure's history)."""

    title: str = Field(None, min_length=1, max_length=200)
    description: str = None
    theme: int | None = Field(None, ge=1, le=MAX_ID)
    goal: str = None
    indicator: str = Field(None, max_length=300)
    responsible_person: str = Field(None, max_length=200)
    responsible_email: str = Field(None, max_length=254)
    responsible_organisation: str = Field(None, max_length=200)
    working_group: int | None = Field(None, ge=1, le=MAX_ID)
    starts_on: datetime.date | None = None
    due_on: datetime.date | None = None
    cost_estimate: Decimal | None = Field(None, ge=0, le=MAX_MONEY, max_digits=12, decimal_places=2)
    funding_source: str = Field(None, max_length=200)
    priority: Priority = None
    status: MeasureStatus = None
    progress: int = Field(None, ge=0, le=100)
    public: bool = None


def _refs(dialogue: Dialogue, fields: dict) -> dict:
    """Ids of the body → the dialogue's theme and working group (the choices the page offers)."""
    if fields.get("theme") is not None:
        fields["theme"] = dialogue.themes.filter(pk=fields["theme"]).first()
        if fields["theme"] is None:
            raise ValidationError({"theme": _("Choose a theme of this dialogue.")})
    if fields.get("working_group") is not None:
        fields["working_group"] = dialogue.working_groups.filter(pk=fields["working_group"]).first()
        if fields["working_group"] is None:
            raise ValidationError({"working_group": _("Choose one of this dialogue's entries.")})
    return fields


def _measure(dialogue: Dialogue, measure_id: int):
    return selectors.get_measure(dialogue=dialogue, measure_id=measure_id)


@router.get(
    "/dialogues/{dialogue_id}/measures/",
    response={200: list[MeasureOut], **READ_ERRORS},
    url_name="measure_list",
    summary="Measures",
)
@paginate(Page)
def measure_list(request: HttpRequest, dialogue_id: Id, filters: Query[MeasureFilter]):
    """The catalogue, filtered and sorted as on the page (`sort`: due, -due, title, theme, owner, status,
    progress, -progress, priority)."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_MEASURES)
    return selectors.filtered_measures(
        dialogue=dialogue,
        theme_id=filters.theme,
        owner=filters.owner,
        status=filters.status or "",
        due=filters.due or "",
        sort=filters.sort,
        today=timezone.localdate(),
    ).prefetch_related("clusters")


@router.post(
    "/dialogues/{dialogue_id}/measures/",
    response={201: MeasureOut, **ERRORS},
    url_name="measure_list",
    summary="Add a measure",
)
def measure_create(request: HttpRequest, dialogue_id: Id, payload: MeasureIn):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_MEASURES)
    fields = _refs(dialogue, payload.dict())
    decision, clusters, cards = None, [], []
    if fields["decision"] is not None:
        decision = (
            Decision.objects.filter(dialogue=dialogue, pk=fields["decision"], outcome=Outcome.ADOPTED)
            .select_related("cluster")
            .first()
        )
        if decision is None:
            raise ValidationError({"decision": _("Choose one of this dialogue's entries.")})
        if decision.cluster is not None:
            clusters, cards = [decision.cluster], list(decision.cluster.cards.all())
    fields["decision"] = decision
    measure = services.measure_create(
        actor=request.user, dialogue=dialogue, clusters=clusters, contributions=cards, **fields
    )
    return Status(201, _measure(dialogue, measure.pk))


@router.get(
    "/dialogues/{dialogue_id}/measures/{measure_id}",
    response={200: MeasureOut, **READ_ERRORS},
    url_name="measure",
    summary="One measure",
)
def measure_detail(request: HttpRequest, dialogue_id: Id, measure_id: Id):
    return measure_for(request.user, dialogue_id, measure_id, perm=policy.VIEW_MEASURES)


@router.patch(
    "/dialogues/{dialogue_id}/measures/{measure_id}",
    response={200: MeasureOut, **ERRORS},
    url_name="measure",
    summary="Change a measure",
)
def measure_update(request: HttpRequest, dialogue_id: Id, measure_id: Id, payload: MeasurePatch):
    measure = measure_for(request.user, dialogue_id, measure_id, perm=policy.CHANGE_MEASURES)
    dialogue = measure.dialogue
    services.measure_update(actor=request.user, measure=measure, **_refs(dialogue, payload.dict(exclude_unset=True)))
    return _measure(dialogue, measure.pk)


# --- Progress reports -----------------------------------------------------------------------------------------


class ProgressUpdateOut(Schema):
    id: int
    reported_on: datetime.date
    text: str
    status: MeasureStatus
    progress: int
    author: str
    attachments: list[str]
    created_at: datetime.datetime

    @staticmethod
    def resolve_author(obj) -> str:
        """The member who reported, or the owner who reported through their personal link."""
        if obj.reporter_name:
            return obj.reporter_name
        return str(obj.author) if obj.author_id else ""

    @staticmethod
    def resolve_attachments(obj) -> list[str]:
        return [str(attachment) for attachment in obj.attachments.all()]


class ProgressUpdateIn(InputSchema):
    """The newest report sets the measure's status and progress (`done` means 100 %)."""

    reported_on: datetime.date
    text: str = Field(min_length=1)
    status: MeasureStatus
    progress: int = Field(ge=0, le=100)


@router.get(
    "/dialogues/{dialogue_id}/measures/{measure_id}/updates/",
    response={200: list[ProgressUpdateOut], **READ_ERRORS},
    url_name="progress_update_list",
    summary="Progress reports",
)
@paginate(Page)
def progress_update_list(request: HttpRequest, dialogue_id: Id, measure_id: Id):
    """Newest first."""
    return selectors.updates_of(measure=measure_for(request.user, dialogue_id, measure_id, perm=policy.VIEW_MEASURES))


@router.post(
    "/dialogues/{dialogue_id}/measures/{measure_id}/updates/",
    response={201: ProgressUpdateOut, **ERRORS},
    url_name="progress_update_list",
    summary="Report progress",
)
def progress_update_create(request: HttpRequest, dialogue_id: Id, measure_id: Id, payload: ProgressUpdateIn):
    measure = measure_for(request.user, dialogue_id, measure_id, perm=policy.POST_PROGRESS)
    update = services.progress_update_create(actor=request.user, measure=measure, **payload.dict())
    return Status(201, selectors.updates_of(measure=measure).get(pk=update.pk))
