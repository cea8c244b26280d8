"""The participant API of the live event (django-ninja router, mounted at /api/v1/live/).

The participant page uses it itself; kiosks and other clients may too. Participants authenticate with the
token they got when joining (`Authorization: Bearer …`); every write carries an `Idempotency-Key` made by
the client, and a replay answers 200 with the first result. Messages follow the participant's language.
"""

from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import Field, Header, Query, Router, Schema, Status
from ninja.security import HttpBearer

from dialogwerk.apitokens.api_kit import Id
from dialogwerk.core import ratelimit
from dialogwerk.translations.selectors import translator_for

from . import events, selectors, services
from .db_threads import in_db_thread as _in_db_thread
from .models import Participant, Session
from .services import Conflict


class ParticipantToken(HttpBearer):
    """The token from POST …/participants. Only its SHA-256 digest is stored.

    No database here: the token is looked up with the rest of the request's work (see `_in_db_thread`),
    and an unknown token answers 401 there. Async, so that django-ninja calls it on the event loop: a sync
    one it runs on asgiref's one shared thread, a hop there and back for every write of the whole room.
    """

    async def authenticate(self, request: HttpRequest, token: str) -> str | None:
        return token or None


participant_auth = ParticipantToken()


class Unauthorized(Exception):
    pass


router = Router(tags=["live"])


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None


class ThemeOut(Schema):
    id: int
    name: str


class TableOut(Schema):
    id: int
    number: int
    theme: int | None


class StepOut(Schema):
    index: int
    kind: str
    title: str


class CurrentStepOut(StepOut):
    prompt: str
    duration_minutes: int | None
    ends_at: str | None
    remaining_seconds: int | None


class ClusterOptionOut(Schema):
    id: int
    title: str


class VotingOut(Schema):
    id: int
    title: str
    open: bool
    budget: int
    stacking: bool
    ranking_visible: bool
    all_cards: bool
    options: list[int] | None
    subject: str = "cards"  # "clusters": options are cluster ids, dots go on clusters
    clusters: list[ClusterOptionOut] | None = None


class StateOut(Schema):
    code: str
    title: str
    status: str
    method: str
    accepts_writes: bool
    server_time: str
    current_step: CurrentStepOut | None
    steps: list[StepOut]
    themes: list[ThemeOut]
    tables: list[TableOut]
    vote: VotingOut | None
    last_event_id: int


class JoinIn(Schema):
    display_name: str = ""
    language: str = settings.LANGUAGE_CODE
    consent: bool = False
    perspective: str = ""
    name_on_wall: bool = False


class ParticipantOut(Schema):
    id: int
    display_name: str
    language: str
    name_on_wall: bool


class JoinOut(Schema):
    participant_token: str
    participant: ParticipantOut


class CardIn(Schema):
    kind: str = ""
    theme: int | str | None = None
    text: str = ""
    language: str = ""
    table: int | None = None


class CardTranslationOut(Schema):
    text: str
    status: str = Field(
        description="checked (by a person), machine (not checked yet), or outdated (the original changed)"
    )


class CardOut(Schema):
    id: int
    kind: str
    theme: int
    table: int | None
    text: str
    language: str
    translations: dict[str, CardTranslationOut] = Field(
        default_factory=dict,
        description="The card's text in other languages, by language code; the original stays in text",
    )
    author: str
    by_moderation: bool
    visible: bool
    merged_into: int | None
    created_at: str | None


class VoteIn(Schema):
    contribution: int | str | None = None
    cluster: int | str | None = None  # in a vote over clusters, instead of `contribution`


class VoteOut(Schema):
    id: int
    contribution: int | None
    cluster: int | None = None
    dots_left: int


class DotsOut(Schema):
    vote: int | None
    dots: dict[str, int]
    dots_left: int


class PlaceOut(Schema):
    contribution: int | None = None
    cluster: int | None = None
    title: str | None = None  # the cluster's title in a vote over clusters
    dots: int
    rank: int


class ResultsOut(VotingOut):
    total_dots: int
    ranking: list[PlaceOut]


class NoResultsOut(Schema):
    detail: str


class EventOut(Schema):
    id: int
    kind: str
    data: dict[str, Any]
    prev: int | None = Field(
        None, description="For events that phones receive too: the id of the phone event before it."
    )


class MeOut(DotsOut):
    participant: ParticipantOut
    cards: list[CardOut]


ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut}


def too_many_message(error: ratelimit.RateLimited, *, joining: bool = False) -> str:
    """The participant's 429 message in the active language; the pages without JavaScript use it too."""
    seconds = error.retry_after
    if joining:
        detail = ngettext(
            "Very many people are joining right now. Please wait %(count)d second and try again.",
            "Very many people are joining right now. Please wait %(count)d seconds and try again.",
            seconds,
        )
    else:
        detail = ngettext(
            "You are sending very quickly. Please wait %(count)d second and try again.",
            "You are sending very quickly. Please wait %(count)d seconds and try again.",
            seconds,
        )
    return detail % {"count": seconds}


def _too_many(error: ratelimit.RateLimited, *, joining: bool = False) -> JsonResponse:
    """429 in the active language (the caller sets the participant's), with Retry-After; nothing was stored.
    A plain response rather than a Status: only a response carries the header."""
    seconds = error.retry_after
    response = JsonResponse({"detail": too_many_message(error, joining=joining), "errors": None}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def _invalid(error: ValidationError) -> Status:
    if hasattr(error, "error_dict"):
        errors = {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
        detail = " ".join(message for messages in errors.values() for message in messages)
        return Status(422, {"detail": detail, "errors": errors})
    return Status(422, {"detail": " ".join(error.messages), "errors": None})


def _participant_in(request: HttpRequest, code: str) -> tuple[Session, Participant]:
    participant = selectors.participant_for_token(token=request.auth or "")
    if participant is None:
        raise Unauthorized
    if participant.session.code == code:  # the token already brought its session along
        return participant.session, participant
    session = selectors.get_session_by_code(code=code)  # 404 for an unknown code, else 403
    if participant.session_id != session.pk:
        raise Forbidden
    return participant.session, participant


class Forbidden(Exception):
    pass


def _unauthorized() -> Status:
    return Status(401, {"detail": _("Your participant token is not valid (any more). Please join the event again.")})


def _forbidden() -> Status:
    return Status(403, {"detail": _("Your participant token belongs to another event. Please join this event first.")})


def _participant_data(participant: Participant) -> dict:
    return {
        "id": participant.pk,
        "display_name": participant.display_name,
        "language": participant.language,
        "name_on_wall": participant.name_on_wall,
    }


@router.get("{code}", response={200: StateOut, 404: ErrorOut}, url_name="live_session", summary="The session's state")
async def session_state(request: HttpRequest, code: str):
    """The session's status, current step (with timer), steps, themes (ids and names) and the open dot vote."""
    return await _in_db_thread(_session_state, code)


def _session_state(code: str):
    return selectors.session_state(session=selectors.get_session_by_code(code=code))


@router.post(
    "{code}/participants",
    response={201: JoinOut, **ERRORS},
    url_name="live_participants",
    summary="Join the session",
)
async def join(request: HttpRequest, code: str, payload: JoinIn):
    """Join without an account. `consent` must be true (the notice on the join page); the token is shown once."""
    return await _in_db_thread(_join, code, payload)


def _join(code: str, payload: JoinIn):
    session = selectors.get_session_by_code(code=code)
    language = payload.language if payload.language in dict(settings.LANGUAGES) else translation.get_language()
    with translation.override(language):
        try:
            # Per session only, never per IP address: a whole hall shares the venue's one address.
            ratelimit.hit_live("join", session=session)
        except ratelimit.RateLimited as error:
            return _too_many(error, joining=True)
        try:
            participant, token = services.participant_join(session=session, **payload.dict())
        except ValidationError as error:
            return _invalid(error)
        except Conflict as error:
            return Status(409, {"detail": error.message})
    return Status(201, {"participant_token": token, "participant": _participant_data(participant)})


@router.get(
    "{code}/contributions",
    response={200: list[CardOut], 404: ErrorOut},
    url_name="live_contributions",
    summary="The visible cards",
)
async def contributions(request: HttpRequest, code: str):
    return await _in_db_thread(_contributions, code)


def _contributions(code: str):
    session = selectors.get_session_by_code(code=code)
    return [selectors.card_data(card) for card in selectors.visible_contributions(session=session)]


@router.post(
    "{code}/contributions",
    response={200: CardOut, 201: CardOut, **ERRORS},
    auth=participant_auth,
    url_name="live_contributions",
    summary="Write a card",
)
async def contribution_create(
    request: HttpRequest, code: str, payload: CardIn, idempotency_key: str = Header(None, alias="Idempotency-Key")
):
    """Write a card. The same Idempotency-Key again answers 200 with the first card; a closed session 409."""
    return await _in_db_thread(_contribution_create, request, code, payload, idempotency_key)


def _as_reader(request: HttpRequest, code: str, read):
    """Run `read(session, participant)` for the token's participant, in their language; a token that is not
    valid, or is another session's, answers 401 / 403."""
    try:
        session, participant = _participant_in(request, code)
    except Unauthorized:
        return _unauthorized()
    except Forbidden:
        return _forbidden()
    with translation.override(participant.language or settings.LANGUAGE_CODE):
        return read(session, participant)


def _as_participant(
    request: HttpRequest, code: str, write, *, action: str, idempotency_key: str | None, key_required: bool = True
):
    """Run a participant's write: check the token, speak their language, count it against the rate limits
    (`live.<action>` per participant, `live.<action>.session` per session), answer a refusal as 4xx."""

    def checked_write(session, participant):
        if key_required and not idempotency_key:
            return Status(422, {"detail": _("Every write needs an Idempotency-Key header."), "errors": None})
        try:
            ratelimit.hit_live(action, session=session, participant=participant)
        except ratelimit.RateLimited as error:
            return _too_many(error)  # the client keeps the write queued and sends it again later (same key)
        try:
            return write(session, participant)
        except ValidationError as error:
            return _invalid(error)
        except Conflict as error:
            return Status(409, {"detail": error.message})

    return _as_reader(request, code, checked_write)


def _contribution_create(request: HttpRequest, code: str, payload: CardIn, idempotency_key: str | None):
    def write(session, participant):
        card, created = services.contribution_submit(
            session=session,
            participant=participant,
            kind=payload.kind,
            theme_id=payload.theme,
            text=payload.text,
            table_id=payload.table,
            language=payload.language if payload.language in dict(settings.LANGUAGES) else participant.language,
            idempotency_key=idempotency_key,
        )
        # A new card has no translations yet; a replayed one may have some by now.
        return Status(201 if created else 200, selectors.card_data(card, translations=() if created else None))

    return _as_participant(request, code, write, action="card", idempotency_key=idempotency_key)


@router.post(
    "{code}/votes",
    response={200: VoteOut, 201: VoteOut, **ERRORS},
    auth=participant_auth,
    url_name="live_votes",
    summary="Place a dot",
)
async def vote_create(
    request: HttpRequest, code: str, payload: VoteIn, idempotency_key: str = Header(None, alias="Idempotency-Key")
):
    """Place one dot on a card of the open dot vote (`{"contribution": id}`), or in a vote over clusters on a
    cluster (`{"cluster": id}`). Over budget: 409. Same Idempotency-Key again: 200."""
    return await _in_db_thread(_vote_create, request, code, payload, idempotency_key)


def _vote_create(request: HttpRequest, code: str, payload: VoteIn, idempotency_key: str | None):
    def write(session, participant):
        vote, created = services.vote_place(
            participant=participant,
            contribution_id=payload.contribution,
            cluster_id=payload.cluster,
            idempotency_key=idempotency_key,
        )
        dots_left = getattr(vote, "dots_left", None)
        if dots_left is None:  # a replay: count again
            dots_left = selectors.participant_dots_data(session=session, participant=participant)["dots_left"]
        return Status(
            201 if created else 200,
            {"id": vote.pk, "contribution": vote.contribution_id, "cluster": vote.cluster_id, "dots_left": dots_left},
        )

    return _as_participant(request, code, write, action="vote", idempotency_key=idempotency_key)


@router.delete(
    "{code}/votes/{contribution_id}",
    response={200: DotsOut, **ERRORS},
    auth=participant_auth,
    url_name="live_vote",
    summary="Take a dot back",
)
async def vote_delete(
    request: HttpRequest, code: str, contribution_id: Id, idempotency_key: str = Header(None, alias="Idempotency-Key")
):
    """Take one of your dots back from this card (in a vote over clusters: from the cluster with this id).
    With an Idempotency-Key a replay changes nothing."""
    return await _in_db_thread(_vote_delete, request, code, contribution_id, idempotency_key)


def _vote_delete(request: HttpRequest, code: str, contribution_id: int, idempotency_key: str | None):
    def write(session, participant):
        services.vote_withdraw(
            participant=participant, contribution_id=contribution_id, idempotency_key=idempotency_key or ""
        )
        return Status(200, selectors.participant_dots_data(session=session, participant=participant))

    # Taking a dot back is safe to repeat, so the key is optional here.
    return _as_participant(request, code, write, action="vote", idempotency_key=idempotency_key, key_required=False)


@router.get(
    "{code}/results",
    response={200: ResultsOut, 404: ErrorOut},
    url_name="live_results",
    summary="The dot vote's ranking",
)
async def results(request: HttpRequest, code: str):
    """The ranking of the open (or last closed) dot vote; empty while hidden until the vote closes."""
    return await _in_db_thread(_results, code)


def _results(code: str):
    session = selectors.get_session_by_code(code=code)
    voting = selectors.current_voting(session=session)
    if voting is None:
        return Status(404, {"detail": _("There has been no dot vote in this event yet.")})
    return Status(200, selectors.voting_data(voting))


@router.get(
    "{code}/me", response={200: MeOut, **ERRORS}, auth=participant_auth, url_name="live_me", summary="My cards and dots"
)
async def me(request: HttpRequest, code: str):
    return await _in_db_thread(_me, request, code)


def _me(request: HttpRequest, code: str):
    return _as_reader(request, code, _my_cards_and_dots)


def _my_cards_and_dots(session, participant):
    cards = [
        selectors.card_data(card)
        for card in participant.contributions.select_related("participant")
        .prefetch_related("translations")
        .order_by("created_at", "id")
    ]
    return Status(
        200,
        {
            "participant": _participant_data(participant),
            "cards": cards,
            **selectors.participant_dots_data(session=session, participant=participant),
        },
    )


class OptionsOut(Schema):
    subject: str = Field(description="cards or clusters")
    total: int = Field(description="options of the vote in all")
    offset: int
    options: list[dict[str, Any]] = Field(
        description="cards as GET …/contributions lists them, or clusters {id, title, title_language, meta}; each with my_dots"
    )


@router.get(
    "{code}/options",
    response={200: OptionsOut, **ERRORS},
    auth=participant_auth,
    url_name="live_options",
    summary="A page of the open vote's options",
)
async def options(
    request: HttpRequest,
    code: str,
    offset: int = Query(0, ge=0),
    limit: int = Query(selectors.OPTIONS_PAGE, ge=1, le=100),
):
    """The open vote's options, oldest first, a page at a time (the participant page loads them as needed),
    with the participant's own dots on each; clusters with their title in the participant's language."""
    return await _in_db_thread(_options, request, code, offset, limit)


def _options(request: HttpRequest, code: str, offset: int, limit: int):
    def read(session, participant):
        voting = selectors.open_voting(session=session)
        if voting is None:
            return Status(409, {"detail": _("There is no open dot vote right now.")})
        page, total = selectors.options_page(voting=voting, participant=participant, offset=offset, limit=limit)
        if voting.over_clusters:
            translator = translator_for(dialogue_id=session.dialogue_id, language=participant.language)
            options = [_cluster_option(cluster, translator) for cluster in page]
        else:
            options = [selectors.card_data(card) | {"my_dots": card.my_dots} for card in page]
        return Status(200, {"subject": voting.subject, "total": total, "offset": offset, "options": options})

    return _as_reader(request, code, read)


def _cluster_option(cluster, translator) -> dict:
    title = translator.shown(cluster, "title")
    count = ngettext("%(count)s card", "%(count)s cards", cluster.card_count) % {"count": cluster.card_count}
    theme = translator.text(cluster.theme, "name") if cluster.theme_id else ""
    return {
        "id": cluster.pk,
        "title": title.text,
        "title_language": title.language,
        "meta": f"{theme} · {count}" if theme else count,
        "my_dots": cluster.my_dots,
    }


@router.get(
    "{code}/events",
    response={200: list[EventOut], 404: ErrorOut, 422: ErrorOut},
    url_name="live_events",
    summary="Events since an id",
)
async def events_since(
    request: HttpRequest,
    code: str,
    since: int = Query(0, ge=0, le=2**63 - 1),
    audience: Literal["", "phone"] = Query("", alias="for", description="`phone`: only the events a phone shows."),
):
    """What changed after event `since` (the same events the WebSocket sends): for catching up, or polling
    while the socket is down."""
    return await _in_db_thread(_events_since, code, since, audience == "phone")


def _events_since(code: str, since: int, phones: bool):
    session = selectors.get_session_by_code(code=code)
    found = selectors.events_since(session=session, last_id=since, limit=500, phones=phones)
    return [events.as_message(e) for e in found]
