"""The dialogue design over the REST API: the method library and the agenda (Ablaufplan), with the same
selectors, policies and services as the pages. Any member reads; planners (consultants, municipality
administrators) add and change their municipality's own methods and the agenda. Built-in methods are read
only (403), as on the page: copy one by creating a method with its fields."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from dialogwerk.apitokens.api_kit import ERRORS, MAX_ID, READ_ERRORS, Id, InputSchema, Page, staff_auth
from dialogwerk.dialogues.access import dialogue_for
from dialogwerk.dialogues.models import Dialogue

from . import policy, selectors, services
from .models import Goal, ItemKind

router = Router(tags=["design"], auth=staff_auth)
MAX_PEOPLE = 100_000
MAX_MINUTES = 60 * 24 * 4
MAX_POSITION = 100_000


# --- Method library -------------------------------------------------------------------------------------------


class MethodOut(Schema):
    id: int
    builtin: bool
    key: str
    name: str
    purpose: str
    group_size: str
    min_participants: int
    max_participants: int
    min_minutes: int
    max_minutes: int
    steps: list[str]
    materials: str
    goals: list[str]

    @staticmethod
    def resolve_builtin(obj) -> bool:
        return obj.is_builtin

    @staticmethod
    def resolve_steps(obj) -> list[str]:
        return obj.step_list


class MethodIn(InputSchema):
    """`steps` is one step per line (as on the page)."""

    name: str = Field(min_length=1, max_length=120)
    purpose: str = Field(min_length=1)
    group_size: str = Field("", max_length=200)
    min_participants: int = Field(ge=1, le=MAX_PEOPLE)
    max_participants: int = Field(ge=1, le=MAX_PEOPLE)
    min_minutes: int = Field(ge=5, le=MAX_MINUTES)
    max_minutes: int = Field(ge=5, le=MAX_MINUTES)
    steps: str = Field(min_length=1)
    materials: str = ""
    goals: list[Goal] = Field(default_factory=list, max_length=len(Goal.values))


class MethodPatch(InputSchema):
    name: str = Field(None, min_length=1, max_length=120)
    purpose: str = Field(None, min_length=1)
    group_size: str = Field(None, max_length=200)
    min_participants: int = Field(None, ge=1, le=MAX_PEOPLE)
    max_participants: int = Field(None, ge=1, le=MAX_PEOPLE)
    min_minutes: int = Field(None, ge=5, le=MAX_MINUTES)
    max_minutes: int = Field(None, ge=5, le=MAX_MINUTES)
    steps: str = Field(None, min_length=1)
    materials: str = None
    goals: list[Goal] = Field(None, max_length=len(Goal.values))


def _method_fields(sent: dict) -> dict:
    if "goals" in sent:
        sent["goals"] = list(
            dict.fromkeys(str(goal.value if isinstance(goal, Goal) else goal) for goal in sent["goals"])
        )
    return sent


@router.get(
    "/dialogues/{dialogue_id}/methods/",
    response={200: list[MethodOut], **READ_ERRORS},
    url_name="method_list",
    summary="Methods",
)
@paginate(Page)
def method_list(request: HttpRequest, dialogue_id: Id):
    """The built-in library and the municipality's own methods, by name."""
    return selectors.methods_for(dialogue=dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DESIGN))


@router.post(
    "/dialogues/{dialogue_id}/methods/",
    response={201: MethodOut, **ERRORS},
    url_name="method_list",
    summary="Add an own method",
)
def method_create(request: HttpRequest, dialogue_id: Id, payload: MethodIn):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DESIGN)
    return Status(201, services.method_create(actor=request.user, dialogue=dialogue, **_method_fields(payload.dict())))


@router.get(
    "/dialogues/{dialogue_id}/methods/{method_id}",
    response={200: MethodOut, **READ_ERRORS},
    url_name="method",
    summary="One method",
)
def method_detail(request: HttpRequest, dialogue_id: Id, method_id: Id):
    return selectors.get_method(
        dialogue=dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DESIGN), method_id=method_id
    )


@router.patch(
    "/dialogues/{dialogue_id}/methods/{method_id}",
    response={200: MethodOut, **ERRORS},
    url_name="method",
    summary="Change an own method",
)
def method_update(request: HttpRequest, dialogue_id: Id, method_id: Id, payload: MethodPatch):
    """Only the municipality's own methods; a built-in one answers 403 (as the page does)."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DESIGN)
    method = selectors.get_method(dialogue=dialogue, method_id=method_id)
    if method.is_builtin:
        raise PermissionDenied
    return services.method_update(actor=request.user, method=method, **_method_fields(payload.dict(exclude_unset=True)))


# --- Agenda ---------------------------------------------------------------------------------------------------


# Times of day as "HH:MM" (local time, as on the page): JSON Schema's "time" format demands an offset.
CLOCK = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


class AgendaOut(Schema):
    starts_at: str = Field(pattern=CLOCK, description="HH:MM")
    ends_at: str = Field(pattern=CLOCK, description="HH:MM, the latest end")
    available_minutes: int
    planned_minutes: int

    @staticmethod
    def resolve_starts_at(obj) -> str:
        return obj.starts_at.strftime("%H:%M")

    @staticmethod
    def resolve_ends_at(obj) -> str:
        return obj.ends_at.strftime("%H:%M")

    @staticmethod
    def resolve_planned_minutes(obj) -> int:
        return sum(item.duration_minutes for item in selectors.agenda_items_of(agenda=obj))


class AgendaPatch(InputSchema):
    starts_at: str = Field(None, pattern=CLOCK, description="HH:MM")
    ends_at: str = Field(None, pattern=CLOCK, description="HH:MM")


class CafeTableOut(Schema):
    number: int
    theme: int | None = Field(description="The dialogue's theme at this table.")
    theme_name: str
    host_name: str

    @staticmethod
    def resolve_theme(obj) -> int | None:
        return obj.theme_id

    @staticmethod
    def resolve_theme_name(obj) -> str:
        return obj.theme.name if obj.theme_id else ""


class AgendaItemOut(Schema):
    id: int
    position: int
    title: str
    kind: ItemKind
    duration_minutes: int
    method: int | None
    method_name: str
    method_step: str
    responsible: str
    room_material: str
    tables: list[CafeTableOut] = Field(description="A round's World Café tables (set on the agenda page).")

    @staticmethod
    def resolve_tables(obj) -> list:
        return list(obj.cafe_tables.all()) if obj.kind == ItemKind.ROUND else []

    @staticmethod
    def resolve_method(obj) -> int | None:
        return obj.method_id

    @staticmethod
    def resolve_method_name(obj) -> str:
        return obj.method.name if obj.method_id else ""


class AgendaItemIn(InputSchema):
    title: str = Field(min_length=1, max_length=200)
    kind: ItemKind = ItemKind.STEP
    duration_minutes: int = Field(ge=1, le=600)
    method: int | None = Field(None, ge=1, le=MAX_ID, description="A method of the library (built-in or own).")
    method_step: str = Field("", max_length=200)
    responsible: str = Field("", max_length=200)
    room_material: str = Field("", max_length=300)


class AgendaItemPatch(InputSchema):
    title: str = Field(None, min_length=1, max_length=200)
    kind: ItemKind = None
    duration_minutes: int = Field(None, ge=1, le=600)
    method: int | None = Field(None, ge=1, le=MAX_ID)
    method_step: str = Field(None, max_length=200)
    responsible: str = Field(None, max_length=200)
    room_material: str = Field(None, max_length=300)


class MoveIn(InputSchema):
    position: int = Field(ge=0, le=MAX_POSITION, description="The new place, from 0 (clamped to the agenda's length).")


def _item_fields(dialogue: Dialogue, sent: dict) -> dict:
    """The method's id → the method, from the library the page offers; anything else is bad input on `method`."""
    if sent.get("method") is not None:
        method = selectors.methods_for(dialogue=dialogue).filter(pk=sent["method"]).first()
        if method is None:
            raise ValidationError({"method": _("Choose a method from the library.")})
        sent["method"] = method
    for name in ("title", "kind", "duration_minutes", "method_step", "responsible", "room_material"):
        if name in sent and sent[name] is None:
            raise ValidationError({name: _("This field is required.")})
    return sent


@router.get(
    "/dialogues/{dialogue_id}/agenda",
    response={200: AgendaOut, **READ_ERRORS},
    url_name="agenda",
    summary="The agenda's times",
)
def agenda_detail(request: HttpRequest, dialogue_id: Id):
    """Start, latest end, the minutes available and the minutes planned (defaults until the agenda is saved)."""
    return selectors.agenda_of(dialogue=dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DESIGN))


@router.patch(
    "/dialogues/{dialogue_id}/agenda",
    response={200: AgendaOut, **ERRORS},
    url_name="agenda",
    summary="Change the agenda's times",
)
def agenda_update(request: HttpRequest, dialogue_id: Id, payload: AgendaPatch):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DESIGN)
    agenda = selectors.agenda_of(dialogue=dialogue)
    times = {"starts_at": agenda.starts_at, "ends_at": agenda.ends_at}
    for name, value in payload.dict(exclude_unset=True).items():
        if value is None:
            raise ValidationError({name: _("This field is required.")})
        times[name] = datetime.time.fromisoformat(value)
    return services.agenda_save(actor=request.user, dialogue=dialogue, **times)


@router.get(
    "/dialogues/{dialogue_id}/agenda/items/",
    response={200: list[AgendaItemOut], **READ_ERRORS},
    url_name="agenda_item_list",
    summary="Agenda items",
)
@paginate(Page)
def agenda_item_list(request: HttpRequest, dialogue_id: Id):
    """The items in their order."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DESIGN)
    return selectors.agenda_items_of(agenda=selectors.agenda_of(dialogue=dialogue))


@router.post(
    "/dialogues/{dialogue_id}/agenda/items/",
    response={201: AgendaItemOut, **ERRORS},
    url_name="agenda_item_list",
    summary="Add an agenda item",
)
def agenda_item_create(request: HttpRequest, dialogue_id: Id, payload: AgendaItemIn):
    """Added at the end of the agenda."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DESIGN)
    fields = _item_fields(dialogue, payload.dict())
    return Status(201, services.agenda_item_create(actor=request.user, dialogue=dialogue, **fields))


@router.get(
    "/dialogues/{dialogue_id}/agenda/items/{agenda_item_id}",
    response={200: AgendaItemOut, **READ_ERRORS},
    url_name="agenda_item",
    summary="One agenda item",
)
def agenda_item_detail(request: HttpRequest, dialogue_id: Id, agenda_item_id: Id):
    return selectors.get_agenda_item(
        dialogue=dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DESIGN), agenda_item_id=agenda_item_id
    )


@router.patch(
    "/dialogues/{dialogue_id}/agenda/items/{agenda_item_id}",
    response={200: AgendaItemOut, **ERRORS},
    url_name="agenda_item",
    summary="Change an agenda item",
)
def agenda_item_update(request: HttpRequest, dialogue_id: Id, agenda_item_id: Id, payload: AgendaItemPatch):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DESIGN)
    item = selectors.get_agenda_item(dialogue=dialogue, agenda_item_id=agenda_item_id)
    fields = _item_fields(dialogue, payload.dict(exclude_unset=True))
    return services.agenda_item_update(actor=request.user, item=item, **fields)


@router.delete(
    "/dialogues/{dialogue_id}/agenda/items/{agenda_item_id}",
    response={204: None, **ERRORS},
    url_name="agenda_item",
    summary="Remove an agenda item",
)
def agenda_item_delete(request: HttpRequest, dialogue_id: Id, agenda_item_id: Id):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DESIGN)
    services.agenda_item_delete(
        actor=request.user, item=selectors.get_agenda_item(dialogue=dialogue, agenda_item_id=agenda_item_id)
    )
    return Status(204, None)


@router.post(
    "/dialogues/{dialogue_id}/agenda/items/{agenda_item_id}/move",
    response={200: list[AgendaItemOut], **ERRORS},
    url_name="agenda_item_move",
    summary="Move an agenda item",
)
def agenda_item_move(request: HttpRequest, dialogue_id: Id, agenda_item_id: Id, payload: MoveIn):
    """Puts the item at `position` and answers the agenda's items in their new order."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DESIGN)
    item = selectors.get_agenda_item(dialogue=dialogue, agenda_item_id=agenda_item_id)
    services.agenda_item_move(actor=request.user, item=item, position=payload.position)
    return selectors.agenda_items_of(agenda=item.agenda)
