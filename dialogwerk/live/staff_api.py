"""The live event for staff over the REST API: sessions (with the moderator's controls), cards (capture,
read, edit, hide and show again, merge duplicates, translate) and dot votes (open, close, results) — the console's
work, with its selectors, policies and services. Any member reads; moderators, consultants and
municipality administrators run.

Not over the API (the pages have them): the QR code, the wall, photos of flipcharts. The participants' own API is `/api/v1/live/{code}/…` (live/api.py).
"""

import datetime
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Header, Query, Router, Schema, Status
from ninja.pagination import paginate

from dialogwerk.apitokens.api_kit import (
    ERRORS,
    MAX_ID,
    READ_ERRORS,
    Error,
    Id,
    InputSchema,
    Page,
    register_path_guard,
    staff_auth,
)
from dialogwerk.dialogues.access import dialogue_for

from . import policy, selectors, services
from .access import session_for
from .models import TEXT_MAX_LENGTH, Contribution, DotVoting, Kind, Method, Session, Subject, Visibility

router = Router(tags=["live (staff)"], auth=staff_auth)
register_path_guard("session_id", lambda user, pk: selectors.get_session_for_user(user=user, session_id=pk))

WRITE_ERRORS = {**ERRORS, 409: Error}
OptionId = Annotated[int, Field(ge=1, le=MAX_ID)]


def _conflict(error: ValidationError) -> Status:
    """A refusal that is about the session's state, not the input (no field named): 409."""
    return Status(409, {"detail": " ".join(error.messages), "errors": None})


# --- Sessions -------------------------------------------------------------------------------------------------


class StaffStepOut(Schema):
    index: int
    kind: str
    title: str
    prompt: str
    duration_minutes: int | None


class StaffTableOut(Schema):
    id: int
    number: int
    theme: int | None
    host_name: str


class SessionOut(Schema):
    id: int
    dialogue: int
    title: str
    code: str
    join_path: str
    method: Method
    status: str
    current_step: int
    remaining_seconds: int | None
    steps: list[StaffStepOut]
    tables: list[StaffTableOut]
    card_count: int
    participant_count: int
    created_at: datetime.datetime

    @staticmethod
    def resolve_dialogue(obj) -> int:
        return obj.dialogue_id

    @staticmethod
    def resolve_join_path(obj) -> str:
        return f"/j/{obj.code}/"

    @staticmethod
    def resolve_remaining_seconds(obj) -> int | None:
        return obj.remaining_seconds()

    @staticmethod
    def resolve_steps(obj) -> list[dict]:
        return [
            {"index": i, "kind": s.kind, "title": s.title, "prompt": s.prompt, "duration_minutes": s.duration_minutes}
            for i, s in enumerate(obj.steps.all())
        ]

    @staticmethod
    def resolve_tables(obj) -> list[dict]:
        return [
            {"id": t.pk, "number": t.number, "theme": t.theme_id, "host_name": t.host_name} for t in obj.tables.all()
        ]


class SessionIn(InputSchema):
    """`steps_from`: `agenda` takes the steps from the dialogue's agenda (rounds, phases, steps, breaks; the
    method then follows the agenda), `method` builds them from `method` (World Café: `rounds` ×
    `round_minutes`; future workshop: its three phases; steps: `steps_text`, one per line, minutes after a
    semicolon). Left out: the agenda when it has items, else the method."""

    title: str = Field(min_length=1, max_length=200)
    method: Method = Method.STEPS
    steps_from: Literal["agenda", "method"] | None = None
    rounds: int = Field(3, ge=1, le=8)
    round_minutes: int = Field(20, ge=1, le=240)
    steps_text: str = Field("", max_length=5000)


class SessionPatch(InputSchema):
    title: str = Field(min_length=1, max_length=200)


class ControlIn(InputSchema):
    """The console's buttons: `start`, `pause`, `resume`, `next`, `previous`, `close`, `reopen`."""

    action: Literal[services.CONTROL_ACTIONS]  # type: ignore[valid-type]


def _sessions():
    return (
        Session.objects.select_related("dialogue")
        .prefetch_related("steps", "tables")
        .annotate(
            card_count=Count("contributions", distinct=True), participant_count=Count("participants", distinct=True)
        )
    )


def _session_out(session: Session) -> Session:
    return _sessions().get(pk=session.pk)


@router.get(
    "/dialogues/{dialogue_id}/sessions/",
    response={200: list[SessionOut], **READ_ERRORS},
    url_name="live_session_list",
    summary="Live sessions",
)
@paginate(Page)
def session_list(request: HttpRequest, dialogue_id: Id):
    """The dialogue's live sessions, newest first."""
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_SESSION)
    return _sessions().filter(dialogue=dialogue).order_by("-created_at", "-id")


@router.post(
    "/dialogues/{dialogue_id}/sessions/",
    response={201: SessionOut, **ERRORS},
    url_name="live_session_list",
    summary="Create a live session",
)
def session_create(request: HttpRequest, dialogue_id: Id, payload: SessionIn):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.RUN_SESSION)
    fields = payload.dict()
    if fields["steps_from"] is None:
        fields["steps_from"] = (
            services.StepsFrom.AGENDA if selectors.agenda_has_items(dialogue=dialogue) else services.StepsFrom.METHOD
        )
    session = services.session_create(actor=request.user, dialogue=dialogue, **fields)
    return Status(201, _session_out(session))


@router.get(
    "/sessions/{session_id}",
    response={200: SessionOut, **READ_ERRORS},
    url_name="live_session_detail",
    summary="One live session",
)
def session_detail(request: HttpRequest, session_id: Id):
    return _session_out(session_for(request.user, session_id, perm=policy.VIEW_SESSION))


@router.patch(
    "/sessions/{session_id}",
    response={200: SessionOut, **ERRORS},
    url_name="live_session_detail",
    summary="Rename a live session",
)
def session_update(request: HttpRequest, session_id: Id, payload: SessionPatch):
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    services.session_update(actor=request.user, session=session, title=payload.title)
    return _session_out(session)


@router.post(
    "/sessions/{session_id}/control",
    response={200: SessionOut, **WRITE_ERRORS},
    url_name="live_session_control",
    summary="Start, pause, resume, advance or close",
)
def session_control(request: HttpRequest, session_id: Id, payload: ControlIn):
    """The moderator's controls; every screen follows. An action the session's state does not allow (pause
    a session that is not running, go past the last step) answers 409."""
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    try:
        session = services.session_control(actor=request.user, session=session, action=payload.action)
    except ValidationError as error:
        return _conflict(error)
    return Status(200, _session_out(session))


# --- Cards ----------------------------------------------------------------------------------------------------


class StaffCardOut(Schema):
    id: int
    kind: Kind
    theme: int
    table: int | None
    text: str
    language: str
    author: str
    by_moderation: bool
    hidden: bool
    hidden_reason: str
    merged_into: int | None
    visible: bool
    revisions: int
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_theme(obj) -> int:
        return obj.theme_id

    @staticmethod
    def resolve_table(obj) -> int | None:
        return obj.table_id

    @staticmethod
    def resolve_author(obj) -> str:
        return obj.participant.display_name if obj.participant_id else ""

    @staticmethod
    def resolve_by_moderation(obj) -> bool:
        return obj.author_user_id is not None

    @staticmethod
    def resolve_merged_into(obj) -> int | None:
        return obj.merged_into_id

    @staticmethod
    def resolve_revisions(obj) -> int:
        return getattr(obj, "revision_count", 0)


class CardFilter(Schema):
    theme: int | None = Field(None, ge=1, le=MAX_ID, description="Id of a theme of the dialogue.")
    kind: Kind | None = None
    hidden: bool | None = Field(None, description="`true`: only hidden cards; `false`: only cards not hidden.")
    table: int | None = Field(None, ge=1, le=MAX_ID, description="Id of a table of the session.")


class CardPatch(InputSchema):
    """Only the fields sent change. A changed text's earlier wording is kept in the card's history only with
    `keep_previous`; otherwise it is gone from the event log, the audit log and the translations too."""

    kind: Kind = None
    theme: int = Field(None, ge=1, le=MAX_ID)
    text: str = Field(None, min_length=1, max_length=TEXT_MAX_LENGTH)
    keep_previous: bool = False


Language = Literal["de", "en", "ar", "fa", "uk", "tr", "ru"]


class TranslationIn(InputSchema):
    text: str = Field(
        min_length=1, max_length=TEXT_MAX_LENGTH, description="The card's text in the language of the path."
    )
    status: Literal["checked", "machine"] = Field(
        "checked",
        description="`checked`: by a person (interpreter); `machine`: by a translation service, not checked yet.",
    )


class TranslationOut(Schema):
    card: int
    language: str
    text: str
    status: str
    updated_at: datetime.datetime

    @staticmethod
    def resolve_card(obj) -> int:
        return obj.contribution_id


class HideIn(InputSchema):
    reason: str = Field(min_length=1, max_length=300, description="Kept in the audit log.")


def _cards(session: Session):
    return (
        session.contributions.select_related("participant")
        .annotate(revision_count=Count("revisions"))
        .order_by("created_at", "id")
    )


def _card(session: Session, card_id: int) -> Contribution:
    selectors.get_contribution(session=session, contribution_id=card_id)  # 404 for a card of another session
    return _cards(session).get(pk=card_id)


@router.get(
    "/sessions/{session_id}/cards/",
    response={200: list[StaffCardOut], **READ_ERRORS},
    url_name="live_card_list",
    summary="The session's cards",
)
@paginate(Page)
def card_list(request: HttpRequest, session_id: Id, filters: Query[CardFilter]):
    """Every card, hidden and merged ones too, oldest first; filters `theme`, `kind`, `hidden`, `table`."""
    cards = _cards(session_for(request.user, session_id, perm=policy.VIEW_SESSION))
    if filters.theme is not None:
        cards = cards.filter(theme_id=filters.theme)
    if filters.kind is not None:
        cards = cards.filter(kind=filters.kind)
    if filters.hidden is not None:
        cards = cards.filter(hidden=filters.hidden)
    if filters.table is not None:
        cards = cards.filter(table_id=filters.table)
    return cards


@router.get(
    "/sessions/{session_id}/cards/{card_id}",
    response={200: StaffCardOut, **READ_ERRORS},
    url_name="live_card",
    summary="One card",
)
def card_detail(request: HttpRequest, session_id: Id, card_id: Id):
    return _card(session_for(request.user, session_id, perm=policy.VIEW_SESSION), card_id)


@router.patch(
    "/sessions/{session_id}/cards/{card_id}",
    response={200: StaffCardOut, **ERRORS},
    url_name="live_card",
    summary="Edit a card",
)
def card_update(request: HttpRequest, session_id: Id, card_id: Id, payload: CardPatch):
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    card = selectors.get_contribution(session=session, contribution_id=card_id)
    sent = payload.dict(exclude_unset=True)
    services.contribution_edit(
        actor=request.user,
        contribution=card,
        kind=sent.get("kind") or card.kind,
        theme_id=sent.get("theme") or card.theme_id,
        text=sent.get("text") if sent.get("text") is not None else card.text,
        keep_previous=bool(sent.get("keep_previous")),
    )
    return _card(session, card.pk)


@router.post(
    "/sessions/{session_id}/cards/{card_id}/hide",
    response={200: StaffCardOut, **ERRORS},
    url_name="live_card_hide",
    summary="Hide a card",
)
def card_hide(request: HttpRequest, session_id: Id, card_id: Id, payload: HideIn):
    """The card leaves the wall and the public event log; the reason goes into the audit log."""
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    card = selectors.get_contribution(session=session, contribution_id=card_id)
    services.contribution_hide(actor=request.user, contribution=card, reason=payload.reason)
    return _card(session, card.pk)


@router.put(
    "/sessions/{session_id}/cards/{card_id}/translations/{language}",
    response={200: TranslationOut, **ERRORS},
    url_name="live_card_translate",
    summary="Translate a card",
)
def card_translate(request: HttpRequest, session_id: Id, card_id: Id, language: Language, payload: TranslationIn):
    """Save the card's text in another language (Sprachmittlung); the card's own text and language stay.
    Walls and phones get the translation at once. Interpreters, moderators, consultants and administrators."""
    session = session_for(request.user, session_id, perm=policy.TRANSLATE_CARDS)
    card = selectors.get_contribution(session=session, contribution_id=card_id)
    return services.contribution_translate(
        actor=request.user, contribution=card, language=language, text=payload.text, status=payload.status
    )


@router.post(
    "/sessions/{session_id}/cards/{card_id}/unhide",
    response={200: StaffCardOut, **ERRORS},
    url_name="live_card_unhide",
    summary="Show a hidden card again",
)
def card_unhide(request: HttpRequest, session_id: Id, card_id: Id):
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    card = selectors.get_contribution(session=session, contribution_id=card_id)
    services.contribution_unhide(actor=request.user, contribution=card)
    return _card(session, card.pk)


class StaffCardIn(InputSchema):
    """A card typed in by staff (e.g. from a flipchart); it counts as written by the token's user."""

    kind: Kind
    theme: int = Field(ge=1, le=MAX_ID, description="Id of a theme of the dialogue.")
    text: str = Field(min_length=1, max_length=TEXT_MAX_LENGTH)
    table: int | None = Field(None, ge=1, le=MAX_ID, description="Id of a table of the session (optional).")


class MergeIn(InputSchema):
    into: int = Field(
        ge=1, le=MAX_ID, description="Id of the visible card of the same session that the duplicate joins."
    )


@router.post(
    "/sessions/{session_id}/cards/",
    response={200: StaffCardOut, 201: StaffCardOut, **WRITE_ERRORS},
    url_name="live_card_list",
    summary="Capture a card",
)
def card_create(
    request: HttpRequest,
    session_id: Id,
    payload: StaffCardIn,
    idempotency_key: str = Header(None, alias="Idempotency-Key"),
):
    """Type in a card, as the console's quick capture does. The same Idempotency-Key again answers 200 with the
    first card; a session that has ended answers 409."""
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    try:
        card, created = services.contribution_submit(
            session=session,
            author_user=request.user,
            kind=payload.kind,
            theme_id=payload.theme,
            text=payload.text,
            table_id=payload.table,
            idempotency_key=idempotency_key or "",
        )
    except services.Conflict as error:
        return Status(409, {"detail": error.message, "errors": None})
    return Status(201 if created else 200, _card(session, card.pk))


@router.post(
    "/sessions/{session_id}/cards/{card_id}/merge",
    response={200: StaffCardOut, **ERRORS},
    url_name="live_card_merge",
    summary="Merge a duplicate into another card",
)
def card_merge(request: HttpRequest, session_id: Id, card_id: Id, payload: MergeIn):
    """The card leaves the wall (`merged_into` names the other card); its dots move to the other card, or go
    back to a participant who already dotted it. Answers the merged card."""
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    card = selectors.get_contribution(session=session, contribution_id=card_id)
    target = session.contributions.filter(pk=payload.into).first()
    if target is None:  # a card of another session is no target either
        message = _("Enter the number of another card of this session.")
        return Status(422, {"detail": message, "errors": {"into": [message]}})
    services.contribution_merge(actor=request.user, duplicate=card, into=target)
    return _card(session, card.pk)


# --- Dot votes ------------------------------------------------------------------------------------------------


class StaffPlaceOut(Schema):
    contribution: int | None = None
    cluster: int | None = None
    title: str
    dots: int
    rank: int


class StaffVotingOut(Schema):
    id: int
    title: str
    subject: Subject
    open: bool
    all_cards: bool
    options: list[int] | None
    budget: int
    stacking: bool
    visibility: Visibility
    ranking_visible: bool
    total_dots: int
    created_at: datetime.datetime
    closed_at: datetime.datetime | None

    @staticmethod
    def resolve_open(obj) -> bool:
        return obj.is_open

    @staticmethod
    def resolve_options(obj) -> list[int] | None:
        if obj.all_cards:
            return None
        return [option.pk for option in (obj.cluster_options.all() if obj.over_clusters else obj.options.all())]

    @staticmethod
    def resolve_total_dots(obj) -> int:
        return getattr(obj, "total_dots", 0)


class VotingDetailOut(StaffVotingOut):
    ranking: list[StaffPlaceOut]

    @staticmethod
    def resolve_ranking(obj) -> list[dict]:
        if not obj.ranking_visible:
            return []
        keys = ("contribution", "cluster", "title", "dots", "rank")
        return [{k: place.get(k) for k in keys} for place in selectors.ranking(voting=obj)]


class VotingIn(InputSchema):
    """A vote over cards (`subject: cards`: the ids in `cards`, or `all: true` for all of the session's cards,
    later ones included) or over clusters (`subject: clusters`: the ids in `clusters`, or `all: true` for all
    of the dialogue's clusters). `budget` left out: a third of the options, rounded up. One vote is open at
    a time (409)."""

    title: str = Field("", max_length=200)
    subject: Subject = Subject.CARDS
    all: bool = False
    cards: list[OptionId] = Field(default_factory=list, max_length=500)
    clusters: list[OptionId] = Field(default_factory=list, max_length=500)
    budget: int | None = Field(None, ge=1, le=50)
    stacking: bool = False
    visibility: Visibility = Visibility.LIVE


def _votings(session: Session):
    return (
        session.votings.prefetch_related(
            Prefetch("options", queryset=Contribution.objects.only("pk")), "cluster_options"
        )
        .annotate(total_dots=Count("votes", filter=Q(votes__withdrawn_at__isnull=True)))
        .order_by("-created_at", "-id")
    )


def _voting(session: Session, voting_id: int) -> DotVoting:
    selectors.get_voting(session=session, voting_id=voting_id)  # 404 for a vote of another session
    return _votings(session).get(pk=voting_id)


@router.get(
    "/sessions/{session_id}/votings/",
    response={200: list[StaffVotingOut], **READ_ERRORS},
    url_name="live_voting_list",
    summary="The session's dot votes",
)
@paginate(Page)
def voting_list(request: HttpRequest, session_id: Id):
    """Newest first."""
    return _votings(session_for(request.user, session_id, perm=policy.VIEW_SESSION))


@router.post(
    "/sessions/{session_id}/votings/",
    response={201: VotingDetailOut, **WRITE_ERRORS},
    url_name="live_voting_list",
    summary="Open a dot vote",
)
def voting_open(request: HttpRequest, session_id: Id, payload: VotingIn):
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    cards = list(session.contributions.filter(pk__in=payload.cards)) if payload.cards else []
    clusters = (
        list(selectors.clusters_for_voting(session=session).filter(pk__in=payload.clusters)) if payload.clusters else []
    )
    if payload.subject == Subject.CARDS and payload.cards and len(cards) != len(set(payload.cards)):
        raise ValidationError({"cards": services.unknown_option_message(subject=Subject.CARDS)})
    if payload.subject == Subject.CLUSTERS and payload.clusters and len(clusters) != len(set(payload.clusters)):
        raise ValidationError({"clusters": services.unknown_option_message(subject=Subject.CLUSTERS)})
    try:
        voting = services.voting_open(
            actor=request.user,
            session=session,
            title=payload.title,
            subject=payload.subject,
            options=cards,
            clusters=clusters,
            all_cards=payload.all,
            budget=payload.budget,
            stacking=payload.stacking,
            visibility=payload.visibility,
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise
        return _conflict(error)
    return Status(201, _voting(session, voting.pk))


@router.get(
    "/sessions/{session_id}/votings/{voting_id}",
    response={200: VotingDetailOut, **READ_ERRORS},
    url_name="live_voting",
    summary="One dot vote with its ranking",
)
def voting_detail(request: HttpRequest, session_id: Id, voting_id: Id):
    """The ranking (cards or clusters with their dots, most first) is empty while it is hidden until the vote
    closes — as on the wall."""
    return _voting(session_for(request.user, session_id, perm=policy.VIEW_SESSION), voting_id)


@router.post(
    "/sessions/{session_id}/votings/{voting_id}/close",
    response={200: VotingDetailOut, **ERRORS},
    url_name="live_voting_close",
    summary="Close a dot vote",
)
def voting_close(request: HttpRequest, session_id: Id, voting_id: Id):
    """Closing a closed vote changes nothing."""
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    voting = selectors.get_voting(session=session, voting_id=voting_id)
    services.voting_close(actor=request.user, voting=voting)
    return _voting(session, voting.pk)
