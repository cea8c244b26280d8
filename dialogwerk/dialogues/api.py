"""Dialogues and their themes over the REST API, with the same selectors, policies and services as the pages.

Any member reads; consultants and municipality administrators create and change (CHANGE_DIALOGUE). As in
the UI, dialogues are not deleted; themes are.
"""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from dialogwerk.apitokens.api_kit import (
    ERRORS,
    MAX_ID,
    MESSAGES,
    READ_ERRORS,
    Error,
    Id,
    InputSchema,
    Page,
    register_path_guard,
    staff_auth,
)
from dialogwerk.tenancy.access import authorize, municipality_for

from . import languages as dialogue_languages
from . import policy, selectors, services
from .access import dialogue_for
from .models import Dialogue, Phase

router = Router(tags=["dialogues"], auth=staff_auth)
register_path_guard("dialogue_id", lambda user, pk: selectors.get_dialogue_for_user(user=user, dialogue_id=pk))
MAX_PARTICIPANTS = 100_000
LanguageCode = Literal[tuple(dialogue_languages.offered_codes())]  # type: ignore[valid-type]
# Room for every language twice (duplicates are dropped), and no more: a list has a bound in the schema.
MAX_LANGUAGES = 2 * len(dialogue_languages.offered_codes())
LANGUAGES_HELP = (
    "Codes of the dialogue's languages. German (`de`) is the working language: always kept, whether sent or "
    "not; duplicates are dropped; answered in the order of the offered languages."
)


class DialogueOut(Schema):
    id: int
    municipality: int
    municipality_name: str
    title: str
    purpose: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    expected_participants: int | None
    phase: Phase
    languages: list[LanguageCode] = Field(
        description="The dialogue's languages: `de` first, then the others in the order of the offered languages."
    )
    theme_count: int
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_municipality(obj: Dialogue) -> int:
        return obj.municipality_id

    @staticmethod
    def resolve_languages(obj: Dialogue) -> list[str]:
        return obj.language_codes

    @staticmethod
    def resolve_municipality_name(obj: Dialogue) -> str:
        return obj.municipality.name

    @staticmethod
    def resolve_theme_count(obj: Dialogue) -> int:
        count = getattr(obj, "theme_count", None)
        return obj.themes.count() if count is None else count


class DialogueIn(InputSchema):
    municipality: int = Field(ge=1, le=MAX_ID, description="The municipality the dialogue belongs to.")
    title: str = Field(min_length=1, max_length=200)
    purpose: str = ""
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    expected_participants: int | None = Field(None, ge=0, le=MAX_PARTICIPANTS)
    with_default_themes: bool = Field(True, description="Start with the five default themes, as the page does.")
    languages: list[LanguageCode] = Field(
        [dialogue_languages.WORKING_LANGUAGE], max_length=MAX_LANGUAGES, description=LANGUAGES_HELP
    )


class DialoguePatch(InputSchema):
    """Only the fields sent are changed. `phase` moves the dialogue to another phase (audited); `languages`
    replaces its languages (audited; German is always kept)."""

    title: str = Field(None, min_length=1, max_length=200)
    purpose: str = None
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    expected_participants: int | None = Field(None, ge=0, le=MAX_PARTICIPANTS)
    phase: Phase = None
    languages: list[LanguageCode] = Field(None, max_length=MAX_LANGUAGES, description=LANGUAGES_HELP)


class DialogueFilter(Schema):
    phase: Phase | None = None
    municipality: int | None = Field(None, ge=1, le=MAX_ID)


class ThemeDetailOut(Schema):
    id: int
    dialogue: int
    name: str
    key_question: str
    position: int

    @staticmethod
    def resolve_dialogue(obj) -> int:
        return obj.dialogue_id


class ThemeIn(InputSchema):
    name: str = Field(min_length=1, max_length=120)
    key_question: str = ""


class ThemePatch(InputSchema):
    name: str = Field(None, min_length=1, max_length=120)
    key_question: str = None


@router.get(
    "/dialogues/", response={200: list[DialogueOut], **READ_ERRORS}, url_name="dialogue_list", summary="Dialogues"
)
@paginate(Page)
def dialogue_list(request: HttpRequest, filters: Query[DialogueFilter]):
    """The dialogues of the caller's municipalities; filter by `phase` and `municipality` (id)."""
    dialogues = selectors.dialogues_for_user(user=request.user)
    if filters.phase:
        dialogues = dialogues.filter(phase=filters.phase)
    if filters.municipality:
        dialogues = dialogues.filter(municipality_id=filters.municipality)
    return dialogues


@router.post(
    "/dialogues/", response={201: DialogueOut, **ERRORS}, url_name="dialogue_list", summary="Create a dialogue"
)
def dialogue_create(request: HttpRequest, payload: DialogueIn):
    """Consultants and administrators of the municipality; starts with the five default themes unless told not to."""
    municipality = municipality_for(request.user, payload.municipality, perm=policy.CREATE_DIALOGUE)
    fields = payload.dict(exclude={"municipality"})
    dialogue = services.dialogue_create(actor=request.user, municipality=municipality, **fields)
    return Status(201, selectors.get_dialogue_for_user(user=request.user, dialogue_id=dialogue.pk))


@router.get(
    "/dialogues/{dialogue_id}", response={200: DialogueOut, **READ_ERRORS}, url_name="dialogue", summary="One dialogue"
)
def dialogue_detail(request: HttpRequest, dialogue_id: Id):
    return dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DIALOGUE)


@router.patch(
    "/dialogues/{dialogue_id}", response={200: DialogueOut, **ERRORS}, url_name="dialogue", summary="Change a dialogue"
)
def dialogue_update(request: HttpRequest, dialogue_id: Id, payload: DialoguePatch):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DIALOGUE)
    fields = payload.dict(exclude_unset=True)
    phase = fields.pop("phase", None)
    chosen_languages = fields.pop("languages", None)
    if chosen_languages is not None:
        authorize(request.user, policy.CHOOSE_LANGUAGES, dialogue)
    with transaction.atomic():
        if fields:
            services.dialogue_update(actor=request.user, dialogue=dialogue, **fields)
        if phase is not None:
            services.dialogue_set_phase(actor=request.user, dialogue=dialogue, phase=phase)
        if chosen_languages is not None:
            services.dialogue_set_languages(actor=request.user, dialogue=dialogue, languages=chosen_languages)
    return selectors.get_dialogue_for_user(user=request.user, dialogue_id=dialogue.pk)


@router.get(
    "/dialogues/{dialogue_id}/themes/",
    response={200: list[ThemeDetailOut], **READ_ERRORS},
    url_name="theme_list",
    summary="Themes",
)
@paginate(Page)
def theme_list(request: HttpRequest, dialogue_id: Id):
    """The dialogue's themes in their order."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DIALOGUE)
    return selectors.themes_of(dialogue=dialogue)


@router.post(
    "/dialogues/{dialogue_id}/themes/",
    response={201: ThemeDetailOut, **ERRORS},
    url_name="theme_list",
    summary="Add a theme",
)
def theme_create(request: HttpRequest, dialogue_id: Id, payload: ThemeIn):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DIALOGUE)
    return Status(201, services.theme_create(actor=request.user, dialogue=dialogue, **payload.dict()))


@router.get(
    "/dialogues/{dialogue_id}/themes/{theme_id}",
    response={200: ThemeDetailOut, **READ_ERRORS},
    url_name="theme",
    summary="One theme",
)
def theme_detail(request: HttpRequest, dialogue_id: Id, theme_id: Id):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_DIALOGUE)
    return selectors.get_theme(dialogue=dialogue, theme_id=theme_id)


@router.patch(
    "/dialogues/{dialogue_id}/themes/{theme_id}",
    response={200: ThemeDetailOut, **ERRORS},
    url_name="theme",
    summary="Change a theme",
)
def theme_update(request: HttpRequest, dialogue_id: Id, theme_id: Id, payload: ThemePatch):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DIALOGUE)
    theme = selectors.get_theme(dialogue=dialogue, theme_id=theme_id)
    fields = {"name": theme.name, "key_question": theme.key_question, **payload.dict(exclude_unset=True)}
    return services.theme_update(actor=request.user, theme=theme, **fields)


class ThemeMoveIn(InputSchema):
    position: int = Field(ge=0, le=1000, description="The new place, from 0 (clamped to the number of themes).")


@router.post(
    "/dialogues/{dialogue_id}/themes/{theme_id}/move",
    response={200: list[ThemeDetailOut], **ERRORS},
    url_name="theme_move",
    summary="Move a theme",
)
def theme_move(request: HttpRequest, dialogue_id: Id, theme_id: Id, payload: ThemeMoveIn):
    """Puts the theme at `position` (the page's up and down buttons, in one step) and answers the themes in
    their new order."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DIALOGUE)
    theme = selectors.get_theme(dialogue=dialogue, theme_id=theme_id)
    with transaction.atomic():
        order = list(selectors.themes_of(dialogue=dialogue).values_list("pk", flat=True))
        services.theme_move(actor=request.user, theme=theme, offset=payload.position - order.index(theme.pk))
    return list(selectors.themes_of(dialogue=dialogue))


@router.delete(
    "/dialogues/{dialogue_id}/themes/{theme_id}",
    response={204: None, 409: Error, **ERRORS},
    url_name="theme",
    summary="Remove a theme",
)
def theme_delete(request: HttpRequest, dialogue_id: Id, theme_id: Id):
    """Removes a theme that has no cards yet; one with cards answers 409 (the cards keep their theme)."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.CHANGE_DIALOGUE)
    theme = selectors.get_theme(dialogue=dialogue, theme_id=theme_id)
    try:
        services.theme_delete(actor=request.user, theme=theme)
    except ValidationError:  # the service refuses a theme that cards of the event still use
        return Status(409, {"detail": str(MESSAGES["in_use"]), "errors": None})
    return Status(204, None)
