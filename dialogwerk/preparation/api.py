"""The preparation over the REST API: needs analysis, actors, invitations and the project plan,
with the same selectors, policies and services as the pages. Any member reads; planners change."""

import datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from dialogwerk.apitokens.api_kit import ERRORS, MAX_ID, READ_ERRORS, Id, InputSchema, Page, staff_auth
from dialogwerk.dialogues.access import dialogue_for
from dialogwerk.dialogues.models import Dialogue

from . import policy, selectors, services
from .models import RSVP, ActorKind, AnalysisStatus, Channel, Perspective, Stance, TaskStatus

router = Router(tags=["preparation"], auth=staff_auth)
RefId = Field(ge=1, le=MAX_ID)


# --- Needs analysis -------------------------------------------------------------------------------------------


class AnalysisOut(Schema):
    situation: str
    measures_summary: str
    themes_summary: str
    actors_summary: str
    design_summary: str
    status: AnalysisStatus
    completed_at: datetime.datetime | None


class AnalysisIn(InputSchema):
    """Only the answers sent change. `complete: true` marks the analysis complete (every answer needed)."""

    situation: str = None
    measures_summary: str = None
    themes_summary: str = None
    actors_summary: str = None
    design_summary: str = None
    complete: bool = False


@router.get(
    "/dialogues/{dialogue_id}/needs-analysis",
    response={200: AnalysisOut, **READ_ERRORS},
    url_name="needs_analysis",
    summary="The needs analysis",
)
def analysis_detail(request: HttpRequest, dialogue_id: Id):
    return selectors.analysis_of(dialogue=dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION))


@router.patch(
    "/dialogues/{dialogue_id}/needs-analysis",
    response={200: AnalysisOut, **ERRORS},
    url_name="needs_analysis",
    summary="Change the needs analysis",
)
def analysis_update(request: HttpRequest, dialogue_id: Id, payload: AnalysisIn):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    answers = payload.dict(exclude_unset=True)
    complete = answers.pop("complete", False)
    return services.analysis_save(actor=request.user, dialogue=dialogue, complete=complete, **answers)


# --- Actors ---------------------------------------------------------------------------------------------------


class ActorOut(Schema):
    id: int
    name: str
    kind: ActorKind
    perspective: int
    perspective_name: str
    contact_name: str
    email: str
    phone: str
    consent: bool
    themes: list[int]
    influence: int
    interest: int
    stance: Stance
    notes: str

    @staticmethod
    def resolve_perspective(obj) -> int:
        return obj.perspective_id

    @staticmethod
    def resolve_perspective_name(obj) -> str:
        return obj.perspective.name

    @staticmethod
    def resolve_themes(obj) -> list[int]:
        return [theme.pk for theme in obj.themes.all()]


class ActorIn(InputSchema):
    name: str = Field(min_length=1, max_length=200)
    kind: ActorKind = ActorKind.ORGANISATION
    perspective: int = RefId
    contact_name: str = Field("", max_length=200)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=50)
    consent: bool = False
    themes: list[int] = Field(default_factory=list, max_length=100)
    influence: int = Field(3, ge=1, le=5)
    interest: int = Field(3, ge=1, le=5)
    stance: Stance = Stance.UNKNOWN
    notes: str = ""


class ActorPatch(InputSchema):
    name: str = Field(None, min_length=1, max_length=200)
    kind: ActorKind = None
    perspective: int = Field(None, ge=1, le=MAX_ID)
    contact_name: str = Field(None, max_length=200)
    email: str = Field(None, max_length=254)
    phone: str = Field(None, max_length=50)
    consent: bool = None
    themes: list[int] = Field(None, max_length=100)
    influence: int = Field(None, ge=1, le=5)
    interest: int = Field(None, ge=1, le=5)
    stance: Stance = None
    notes: str = None


class ActorFilter(Schema):
    perspective: int | None = Field(None, ge=1, le=MAX_ID)
    search: str = Field("", max_length=200)


def _actor_refs(dialogue: Dialogue, fields: dict) -> tuple[dict, list]:
    """Ids of the body → the dialogue's perspective and themes; unknown ids are bad input on their field."""
    themes = []
    if "perspective" in fields:
        perspective = Perspective.objects.filter(dialogue=dialogue, pk=fields["perspective"]).first()
        if perspective is None:
            raise ValidationError({"perspective": _("Choose one of this dialogue's perspectives.")})
        fields["perspective"] = perspective
    if "themes" in fields:
        ids = set(fields.pop("themes") or [])
        themes = list(dialogue.themes.filter(pk__in=ids))
        if len(themes) != len(ids):
            raise ValidationError({"themes": _("Choose themes of this dialogue only.")})
    return fields, themes


@router.get(
    "/dialogues/{dialogue_id}/actors/",
    response={200: list[ActorOut], **READ_ERRORS},
    url_name="actor_list",
    summary="Actors",
)
@paginate(Page)
def actor_list(request: HttpRequest, dialogue_id: Id, filters: Query[ActorFilter]):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION)
    return selectors.actors_of(
        dialogue=dialogue, perspective_id=filters.perspective, search=filters.search
    ).prefetch_related("themes")


@router.post(
    "/dialogues/{dialogue_id}/actors/",
    response={201: ActorOut, **ERRORS},
    url_name="actor_list",
    summary="Add an actor",
)
def actor_create(request: HttpRequest, dialogue_id: Id, payload: ActorIn):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    fields, themes = _actor_refs(dialogue, payload.dict())
    return Status(201, services.actor_create(actor=request.user, dialogue=dialogue, themes=themes, **fields))


@router.get(
    "/dialogues/{dialogue_id}/actors/{actor_id}",
    response={200: ActorOut, **READ_ERRORS},
    url_name="actor",
    summary="One actor",
)
def actor_detail(request: HttpRequest, dialogue_id: Id, actor_id: Id):
    return selectors.get_actor(
        dialogue=dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION), actor_id=actor_id
    )


@router.patch(
    "/dialogues/{dialogue_id}/actors/{actor_id}",
    response={200: ActorOut, **ERRORS},
    url_name="actor",
    summary="Change an actor",
)
def actor_update(request: HttpRequest, dialogue_id: Id, actor_id: Id, payload: ActorPatch):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    record = selectors.get_actor(dialogue=dialogue, actor_id=actor_id)
    sent = payload.dict(exclude_unset=True)
    sent.setdefault("themes", [theme.pk for theme in record.themes.all()])
    fields, themes = _actor_refs(dialogue, sent)
    return services.actor_update(actor=request.user, record=record, themes=themes, **fields)


@router.delete(
    "/dialogues/{dialogue_id}/actors/{actor_id}",
    response={204: None, **ERRORS},
    url_name="actor",
    summary="Remove an actor",
)
def actor_delete(request: HttpRequest, dialogue_id: Id, actor_id: Id):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    services.actor_delete(actor=request.user, record=selectors.get_actor(dialogue=dialogue, actor_id=actor_id))
    return Status(204, None)


# --- Invitations: list, read, send to chosen actors, remind those who have not answered ---------------------


class InvitationOut(Schema):
    id: int
    actor: int
    actor_name: str
    status: RSVP
    channel: Channel = Field(
        description="How the invitation went out: `email`, `letter`, `personal` (in person or by phone)."
    )
    answered_via: str = Field(
        description="How the answer came: `link`, `phone`, `letter`, `in_person`; empty while none came."
    )
    needs: str
    language: str
    sent_at: datetime.datetime | None
    responded_at: datetime.datetime | None
    reminded_at: datetime.datetime | None
    expires_on: datetime.date

    @staticmethod
    def resolve_actor(obj) -> int:
        return obj.actor_id

    @staticmethod
    def resolve_actor_name(obj) -> str:
        return obj.actor.name


class InvitationFilter(Schema):
    status: RSVP | None = Field(None, description="Only invitations with this answer (`pending`: not answered yet).")


class InviteIn(InputSchema):
    """The actors to invite (ids of this dialogue's actors), as the page's checkboxes."""

    actors: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(min_length=1, max_length=1000)


class InviteOut(Schema):
    sent: int = Field(description="How many invitations went out now.")
    skipped: list[int] = Field(
        description="Actors not invited: no consent to be contacted, no e-mail, or invited already."
    )
    invitations: list[InvitationOut] = Field(description="The invitations sent now.")


class Queued(Schema):
    detail: str


@router.get(
    "/dialogues/{dialogue_id}/invitations/",
    response={200: list[InvitationOut], **READ_ERRORS},
    url_name="invitation_list",
    summary="Invitations",
)
@paginate(Page)
def invitation_list(request: HttpRequest, dialogue_id: Id, filters: Query[InvitationFilter]):
    invitations = selectors.invitations_of(
        dialogue=dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION)
    )
    if filters.status:
        invitations = invitations.filter(status=filters.status)
    return invitations.order_by("id")


@router.post(
    "/dialogues/{dialogue_id}/invitations/",
    response={201: InviteOut, **ERRORS},
    url_name="invitation_list",
    summary="Send invitations",
)
def invitation_send(request: HttpRequest, dialogue_id: Id, payload: InviteIn):
    """Invites the chosen actors by e-mail with their personal RSVP link, as the page does. Actors without
    consent or e-mail address, and actors invited already, are skipped (`skipped`)."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    wanted = set(payload.actors)
    actors = list(dialogue.actors.filter(pk__in=wanted))
    if len(actors) != len(wanted):
        raise ValidationError({"actors": [_("Choose actors of this dialogue only.")]})
    already = set(dialogue.invitations.values_list("pk", flat=True))
    sent, skipped = services.invitations_send(
        actor=request.user, dialogue=dialogue, actors=actors, base_url=request.build_absolute_uri("/").rstrip("/")
    )
    new = selectors.invitations_of(dialogue=dialogue).exclude(pk__in=already).order_by("id")
    return Status(201, {"sent": sent, "skipped": sorted(record.pk for record in skipped), "invitations": list(new)})


@router.post(
    "/dialogues/{dialogue_id}/invitations/remind",
    response={202: Queued, **ERRORS},
    url_name="invitation_remind",
    summary="Remind everyone who has not answered",
)
def invitation_remind(request: HttpRequest, dialogue_id: Id):
    """Queues a reminder e-mail to every invited actor who has not answered and was not reminded yet (the
    task worker sends them, as from the page)."""
    from .tasks import send_reminders

    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    send_reminders.enqueue(dialogue.pk)
    return Status(202, {"detail": _("Reminders to everyone who has not answered yet are being sent.")})


@router.get(
    "/dialogues/{dialogue_id}/invitations/{invitation_id}",
    response={200: InvitationOut, **READ_ERRORS},
    url_name="invitation",
    summary="One invitation",
)
def invitation_detail(request: HttpRequest, dialogue_id: Id, invitation_id: Id):
    return selectors.get_invitation(
        dialogue=dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION), invitation_id=invitation_id
    )


# --- Project plan ---------------------------------------------------------------------------------------------


class TaskOut(Schema):
    id: int
    title: str
    is_milestone: bool
    owner: str
    starts_on: datetime.date | None
    due_on: datetime.date
    status: TaskStatus
    depends_on: list[int]
    notes: str

    @staticmethod
    def resolve_depends_on(obj) -> list[int]:
        return [task.pk for task in obj.depends_on.all()]


class TaskIn(InputSchema):
    title: str = Field(min_length=1, max_length=200)
    is_milestone: bool = False
    owner: str = Field("", max_length=200)
    starts_on: datetime.date | None = None
    due_on: datetime.date
    status: TaskStatus = TaskStatus.OPEN
    depends_on: list[Annotated[int, RefId]] = Field(default_factory=list, max_length=100)
    notes: str = ""


class TaskPatch(InputSchema):
    title: str = Field(None, min_length=1, max_length=200)
    is_milestone: bool = None
    owner: str = Field(None, max_length=200)
    starts_on: datetime.date | None = None
    due_on: datetime.date = None
    status: TaskStatus = None
    depends_on: list[Annotated[int, RefId]] = Field(None, max_length=100)
    notes: str = None


def _dependencies(dialogue: Dialogue, ids) -> list:
    ids = set(ids or [])
    tasks = list(selectors.project_tasks_of(dialogue=dialogue).filter(pk__in=ids))
    if len(tasks) != len(ids):
        raise ValidationError({"depends_on": _("Choose tasks of this dialogue only.")})
    return tasks


class TaskFilter(Schema):
    status: TaskStatus | None = None
    milestone: bool | None = Field(None, description="`true`: milestones only; `false`: tasks only.")


@router.get(
    "/dialogues/{dialogue_id}/tasks/",
    response={200: list[TaskOut], **READ_ERRORS},
    url_name="project_task_list",
    summary="Project plan",
)
@paginate(Page)
def task_list(request: HttpRequest, dialogue_id: Id, filters: Query[TaskFilter]):
    tasks = selectors.project_tasks_of(
        dialogue=dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION)
    ).prefetch_related("depends_on")
    if filters.status:
        tasks = tasks.filter(status=filters.status)
    if filters.milestone is not None:
        tasks = tasks.filter(is_milestone=filters.milestone)
    return tasks


@router.post(
    "/dialogues/{dialogue_id}/tasks/",
    response={201: TaskOut, **ERRORS},
    url_name="project_task_list",
    summary="Add a task",
)
def task_create(request: HttpRequest, dialogue_id: Id, payload: TaskIn):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    fields = payload.dict()
    depends_on = _dependencies(dialogue, fields.pop("depends_on"))
    return Status(
        201, services.project_task_create(actor=request.user, dialogue=dialogue, depends_on=depends_on, **fields)
    )


@router.get(
    "/dialogues/{dialogue_id}/tasks/{task_id}",
    response={200: TaskOut, **READ_ERRORS},
    url_name="project_task",
    summary="One task",
)
def task_detail(request: HttpRequest, dialogue_id: Id, task_id: Id):
    return selectors.get_project_task(
        dialogue=dialogue_for(request.user, dialogue_id, perm=policy.VIEW_PREPARATION), task_id=task_id
    )


@router.patch(
    "/dialogues/{dialogue_id}/tasks/{task_id}",
    response={200: TaskOut, **ERRORS},
    url_name="project_task",
    summary="Change a task",
)
def task_update(request: HttpRequest, dialogue_id: Id, task_id: Id, payload: TaskPatch):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    task = selectors.get_project_task(dialogue=dialogue, task_id=task_id)
    fields = payload.dict(exclude_unset=True)
    ids = fields.pop("depends_on", None)
    depends_on = _dependencies(dialogue, [t.pk for t in task.depends_on.all()] if ids is None else ids)
    if fields.get("due_on", task.due_on) is None:
        raise ValidationError({"due_on": _("This field is required.")})
    return services.project_task_update(actor=request.user, task=task, depends_on=depends_on, **fields)


@router.delete(
    "/dialogues/{dialogue_id}/tasks/{task_id}",
    response={204: None, **ERRORS},
    url_name="project_task",
    summary="Remove a task",
)
def task_delete(request: HttpRequest, dialogue_id: Id, task_id: Id):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_PREPARATION)
    services.project_task_delete(
        actor=request.user, task=selectors.get_project_task(dialogue=dialogue, task_id=task_id)
    )
    return Status(204, None)
