"""Reads of the live event: sessions for staff (tenant-scoped), sessions by join code, cards, rankings."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from dialogwerk.core.compiled_query import CompiledQuery
from dialogwerk.core.relations import across
from dialogwerk.design.models import AgendaItem
from dialogwerk.dialogues.models import Dialogue, Theme
from dialogwerk.tenancy.policy import roles_of
from dialogwerk.translations.selectors import current_translations

from . import tally
from .codes import normalize_join_code, token_digest
from .models import (
    Contribution,
    ContributionTranslation,
    DotVoting,
    FlipchartPhoto,
    LiveEvent,
    Participant,
    Session,
    Status,
    Step,
    TranslationStatus,
    Vote,
)


def sessions_of(*, dialogue: Dialogue) -> QuerySet[Session]:
    return dialogue.sessions.annotate(
        card_count=Count("contributions", distinct=True), participant_count=Count("participants", distinct=True)
    ).order_by("-created_at", "-id")


def sessions_of_municipality(*, municipality_id: int, limit: int = 10) -> list[Session]:
    """A moderator's start page: the events of the municipality's dialogues, those still to come or running
    first (by the dialogue's date), then the closed ones, newest first."""
    sessions = Session.objects.filter(dialogue__municipality_id=municipality_id).select_related("dialogue")
    active = list(sessions.exclude(status=Status.CLOSED).order_by("dialogue__starts_on", "created_at")[:limit])
    closed = list(sessions.filter(status=Status.CLOSED).order_by("-created_at")[: max(0, limit - len(active))])
    return active + closed


def get_session_for_user(*, user, session_id: int) -> Session:
    """The session if its dialogue belongs to one of the user's municipalities; 404 otherwise."""
    try:
        return Session.objects.select_related("dialogue__municipality").get(
            pk=session_id, dialogue__municipality_id__in=list(roles_of(user))
        )
    except Session.DoesNotExist:
        raise Http404 from None


def get_session_by_code(*, code: str) -> Session:
    """Public: anyone with the join code reaches the session (and nothing else)."""
    try:
        return Session.objects.select_related("dialogue").get(code=normalize_join_code(code))
    except Session.DoesNotExist:
        raise Http404 from None


# The reads every live write makes (compiled once: see core.compiled_query). A digest is 64 hex digits and
# ids are positive, so the samples below are never real values.
_PARTICIPANT_BY_TOKEN = CompiledQuery(
    lambda digest: Participant.objects.select_related("session").filter(token_hash=digest)[:1], "sample digest"
)
_OPEN_VOTING = CompiledQuery(lambda session_id: DotVoting.objects.filter(session_id=session_id, is_open=True)[:1], -1)


def participant_for_token(*, token: str) -> Participant | None:
    if not token:
        return None
    return _PARTICIPANT_BY_TOKEN.first(token_digest(token))


def agenda_has_items(*, dialogue: Dialogue) -> bool:
    """Whether the dialogue's agenda plans any item (a new session then takes its steps from it by default)."""
    return AgendaItem.objects.filter(agenda__dialogue=dialogue).exists()


def themes_of(*, session: Session) -> QuerySet[Theme]:
    return session.dialogue.themes.order_by("position", "id")


def visible_contributions(*, session: Session) -> QuerySet[Contribution]:
    return (
        session.contributions.filter(hidden=False, merged_into__isnull=True)
        .select_related("theme", "participant", "author_user", "table")
        .prefetch_related("translations")
        .order_by("created_at", "id")
    )


def all_contributions(*, session: Session) -> QuerySet[Contribution]:
    return session.contributions.select_related("theme", "participant", "author_user", "merged_into").order_by(
        "-created_at", "-id"
    )


def console_cards(*, session: Session) -> QuerySet[Contribution]:
    """The console's list, newest first, with what its rows show (table, translations)."""
    return all_contributions(session=session).select_related("table").prefetch_related("translations")


def _checked_in(language: str) -> Exists:
    return Exists(
        ContributionTranslation.objects.filter(
            contribution=OuterRef("pk"), language=language, status=TranslationStatus.CHECKED
        )
    )


def translation_queue(*, session: Session, language: str, back: bool = False) -> QuerySet[Contribution]:
    """The interpreter's queue, oldest first: visible cards written in `language` that have no checked German
    translation (none yet, only a machine's, or one whose original changed) — with `back`, also German cards
    without a checked translation into `language`."""
    german = settings.LANGUAGE_CODE
    cards = visible_contributions(session=session)
    into_german = Q(language=language) & ~Q(_checked_in(german))
    if back and language != german:
        into_german |= Q(language__in=[german, ""]) & ~Q(_checked_in(language))
    return cards.filter(into_german)


def card_languages(*, session: Session) -> dict[str, int]:
    """How many visible cards the session has per language, most first."""
    rows = (
        session.contributions.filter(hidden=False, merged_into__isnull=True)
        .values("language")
        .annotate(n=Count("id"))
        .order_by("-n", "language")
    )
    return {row["language"] or settings.LANGUAGE_CODE: row["n"] for row in rows}


def recent_translations(*, session: Session, language: str, limit: int = 10) -> QuerySet[ContributionTranslation]:
    """The latest translations into or out of `language` in this session (for the interpreter to look back)."""
    return (
        ContributionTranslation.objects.filter(contribution__session=session)
        .filter(Q(language=language) | Q(contribution__language=language))
        .select_related("contribution")
        .order_by("-updated_at", "-id")[:limit]
    )


def get_contribution(*, session: Session, contribution_id: int) -> Contribution:
    try:
        return session.contributions.select_related("theme").get(pk=contribution_id)
    except Contribution.DoesNotExist:
        raise Http404 from None


def get_voting(*, session: Session, voting_id: int) -> DotVoting:
    try:
        return session.votings.get(pk=voting_id)
    except DotVoting.DoesNotExist:
        raise Http404 from None


def get_photo(*, session: Session, photo_id: int) -> FlipchartPhoto:
    try:
        return session.photos.get(pk=photo_id)
    except FlipchartPhoto.DoesNotExist:
        raise Http404 from None


def open_voting(*, session: Session) -> DotVoting | None:
    voting = _OPEN_VOTING.first(session.pk)
    if voting is not None:
        voting.session = session  # its options are read through it: not a second read of the session
    return voting


def current_voting(*, session: Session) -> DotVoting | None:
    """The open vote, or else the one closed last (its results stay on the wall)."""
    return open_voting(session=session) or session.votings.order_by("-created_at", "-id").first()


def voting_options(*, voting: DotVoting) -> QuerySet[Contribution]:
    """The cards of a vote over cards (none for a vote over clusters)."""
    if voting.over_clusters:
        return Contribution.objects.none()
    cards = voting.session.contributions.filter(hidden=False, merged_into__isnull=True)
    if not voting.all_cards:
        cards = cards.filter(pk__in=voting.options.values("pk"))
    return cards.select_related("theme").order_by("created_at", "id")


def _clusters() -> QuerySet:
    """The synthesis app's clusters (synthesis is above live in the apps' order)."""
    return across(DotVoting, "cluster_options")


def clusters_for_voting(*, session: Session) -> QuerySet:
    """The clusters a vote of this session may be over: the dialogue's, unless bundled for another session."""
    return (
        _clusters()
        .filter(dialogue_id=session.dialogue_id)
        .filter(Q(session__isnull=True) | Q(session_id=session.pk))
        .select_related("theme")
        .annotate(card_count=Count("cards", distinct=True))
        .order_by("position", "id")
    )


def voting_cluster_options(*, voting: DotVoting) -> QuerySet:
    """The clusters of a vote over clusters (none for a vote over cards)."""
    if not voting.over_clusters:
        return _clusters().none()
    clusters = clusters_for_voting(session=voting.session)
    if not voting.all_cards:
        clusters = clusters.filter(pk__in=voting.cluster_options.values("pk"))
    return clusters


def is_option(*, voting: DotVoting, contribution: Contribution) -> bool:
    if voting.over_clusters or not contribution.visible or contribution.session_id != voting.session_id:
        return False
    return voting.all_cards or voting.options.filter(pk=contribution.pk).exists()


def active_votes(*, voting: DotVoting) -> QuerySet[Vote]:
    return voting.votes.filter(withdrawn_at__isnull=True)


def _option_field(voting: DotVoting) -> str:
    return "cluster_id" if voting.over_clusters else "contribution_id"


def ranking(*, voting: DotVoting) -> list[dict]:
    """Places, most dots first: {"contribution"|"cluster": id, "dots", "rank", "card"|"cluster_obj", "title"}."""
    if voting.over_clusters:
        clusters = list(voting_cluster_options(voting=voting))
        by_id = {cluster.pk: cluster for cluster in clusters}
        dots = active_votes(voting=voting).values_list("cluster_id", flat=True)
        return [
            {
                "cluster": place.option,
                "contribution": None,
                "dots": place.dots,
                "rank": place.rank,
                "cluster_obj": by_id[place.option],
                "title": by_id[place.option].title,
            }
            for place in tally.ranking(dots, [cluster.pk for cluster in clusters])
            if place.option in by_id
        ]
    options = list(voting_options(voting=voting))
    dots = active_votes(voting=voting).values_list("contribution_id", flat=True)
    by_id = {card.pk: card for card in options}
    return [
        {
            "contribution": place.option,
            "dots": place.dots,
            "rank": place.rank,
            "card": by_id[place.option],
            "title": by_id[place.option].text,
        }
        for place in tally.ranking(dots, [card.pk for card in options])
        if place.option in by_id
    ]


WALL_COLUMN = 10  # cards per theme and kind the wall loads at first, newest first; older ones on request


@dataclass(slots=True)
class WallTranslation:
    language: str
    text: str
    status: str


@dataclass(slots=True)
class WallCard:
    """What the wall draws of a card. `author`: the participant's name, only when they chose to show it there."""

    pk: int
    kind: str
    theme_id: int
    text: str
    language: str
    author: str
    wall_translations: list[WallTranslation] = field(default_factory=list)


def wall_columns(
    *, session: Session, languages: list[str]
) -> tuple[dict[tuple[int, str], list[WallCard]], dict[tuple[int, str], int]]:
    """The newest WALL_COLUMN visible cards of each (theme, kind) column, and how many older ones each has.
    Three queries, however many cards: 500 cards would be a 400 KB wall that no projector can show.

    Each card carries `wall_translations`: its translations into the wall's `languages` (not into its own).
    Only the fields the wall draws are read, as rows: 200 model instances with their authors and a prefetch
    of their translations were a third of the wall's time."""
    rows = (
        session.contributions.filter(hidden=False, merged_into__isnull=True)
        .order_by("-created_at", "-id")
        .values_list("id", "theme_id", "kind")
    )
    shown: dict[tuple[int, str], list[int]] = {}
    older: dict[tuple[int, str], int] = {}
    for pk, theme_id, kind in rows:
        column = shown.setdefault((theme_id, kind), [])
        if len(column) < WALL_COLUMN:
            column.append(pk)
        else:
            older[(theme_id, kind)] = older.get((theme_id, kind), 0) + 1
    ids = [pk for column in shown.values() for pk in column]
    by_id = {
        pk: WallCard(pk, kind, theme_id, text, language, name if on_wall and name else "")
        for pk, kind, theme_id, text, language, name, on_wall in session.contributions.filter(pk__in=ids).values_list(
            "id", "kind", "theme_id", "text", "language", "participant__display_name", "participant__name_on_wall"
        )
    }
    translations = ContributionTranslation.objects.filter(contribution_id__in=ids, language__in=languages)
    for card_id, language, text, status in translations.values_list("contribution_id", "language", "text", "status"):
        card = by_id.get(card_id)  # None: deleted since the read above
        if card is not None and language != (card.language or settings.LANGUAGE_CODE):
            card.wall_translations.append(WallTranslation(language, text, status))
    return {key: [by_id[pk] for pk in ids if pk in by_id] for key, ids in shown.items()}, older


def wall_older(
    *, session: Session, theme_id: int, kind: str, before: int, limit: int = WALL_COLUMN
) -> tuple[list[Contribution], int]:
    """The next older cards of one wall column (before card `before`), newest first; and how many remain."""
    column = visible_contributions(session=session).filter(theme_id=theme_id, kind=kind)
    anchor = column.filter(pk=before).values_list("created_at", flat=True).first()
    if anchor is None:
        return [], 0
    older = column.filter(Q(created_at__lt=anchor) | Q(created_at=anchor, pk__lt=before)).order_by("-created_at", "-id")
    cards = list(older[:limit])
    return cards, max(0, older.count() - len(cards))


OPTIONS_PAGE = 20  # options a phone lists at once: 500 cards of a vote would be 600 KB of page


def options_page(
    *, voting: DotVoting, participant: Participant, offset: int = 0, limit: int = OPTIONS_PAGE, dots=None
) -> tuple[list, int]:
    """One page of a vote's options (cards, or clusters), oldest first, each with `my_dots`; and how many
    options there are in all. Cards come with their translations prefetched. `dots`: the participant's
    dots (dots_of), when the caller has read them."""
    if voting.over_clusters:
        options = voting_cluster_options(voting=voting)
    else:
        options = voting_options(voting=voting).prefetch_related("translations")
    total = options.count()
    page = list(options[offset : offset + limit]) if offset < total else []
    if dots is None:
        dots = dots_of(voting=voting, participant=participant)
    for option in page:
        option.my_dots = dots.get(option.pk, 0)
    return page, total


def dots_of(*, voting: DotVoting, participant: Participant) -> dict[int, int]:
    """How many dots this participant has on each option (card, or cluster in a vote over clusters)."""
    field = _option_field(voting)
    rows = active_votes(voting=voting).filter(participant=participant).values(field).annotate(n=Count("id"))
    return {row[field]: row["n"] for row in rows}


def dots_on(*, voting: DotVoting, option_id: int) -> int:
    return active_votes(voting=voting).filter(**{_option_field(voting): option_id}).count()


def tally_snapshot(*, voting: DotVoting) -> dict:
    """What the walls show of a vote: its dots in all, and (only while the ranking is shown) its top places
    with their words.

    The database counts and ranks; only the places shown come back. Reading every option's count (3,000
    cards at 1,000 participants) and sorting it in Python, up to 4 times a second per app process, was a
    tenth of the app's CPU in the full room. A hidden or merged card's dots stay stored but leave the ranking
    and the total, as in ranking(): the session's gone cards are read in a plain query of their own, not
    joined (without statistics, a new installation's first evening, PostgreSQL planned that join as a nested
    loop: 97 ms instead of 1 ms at 2,500 dots)."""
    field = _option_field(voting)
    dots = active_votes(voting=voting).filter(**{f"{field}__isnull": False})
    gone: set[int] = set()
    if not voting.over_clusters:
        gone = set(
            Contribution.objects.filter(session_id=voting.session_id)
            .exclude(hidden=False, merged_into__isnull=True)
            .values_list("pk", flat=True)
        )
    counted = dots.values_list(field).annotate(n=Count("id")).order_by()
    gone_dots = sum(n for _option, n in counted.filter(**{f"{field}__in": gone})) if gone else 0
    data = {"voting": voting.pk, "total_dots": dots.count() - gone_dots}
    if voting.ranking_visible:
        ranked = counted.order_by("-n", field)[: RANKING_SHOWN + len(gone)]
        top = [(n, option) for option, n in ranked if option not in gone][:RANKING_SHOWN]
        data["top"] = _top_places(voting, top)
    return data


RANKING_SHOWN = 15  # places the wall shows


def _top_places(voting: DotVoting, top: list[tuple[int, int]]) -> list[dict]:
    """The places the wall shows, (dots, option id) best first, with their words and language: the cards need
    not be on the wall's page."""
    if voting.over_clusters:
        words = {
            pk: (title, "de")
            for pk, title in _clusters().filter(pk__in=[pk for _n, pk in top]).values_list("pk", "title")
        }
    else:
        rows = Contribution.objects.filter(pk__in=[pk for _n, pk in top]).values_list("pk", "text", "language")
        words = {pk: (text, language or "de") for pk, text, language in rows}
    return [{"id": pk, "dots": n, "text": words[pk][0], "language": words[pk][1]} for n, pk in top if pk in words]


def events_since(
    *, session: Session, last_id: int, limit: int = 2000, until: int | None = None, phones: bool = False
) -> list[LiveEvent]:
    """The events after `last_id` (up to `until`, when a screen asks for a gap only); a phone's only."""
    events = LiveEvent.objects.filter(session_id=session.pk, seq__gt=last_id)
    if until is not None:
        events = events.filter(seq__lte=until)
    if phones:
        events = events.filter(phone_prev__isnull=False)
    return list(events.order_by("seq")[:limit])


def last_event_id(*, session: Session) -> int:
    return Session.objects.filter(pk=session.pk).values_list("event_seq", flat=True).first() or 0


def translations_data(translations) -> dict[str, dict]:
    """A card's translations by language: {"de": {"text": …, "status": "checked"|"machine"|"outdated"}}."""
    return {row.language: {"text": row.text, "status": row.status} for row in translations}


def translation_for(card: Contribution, language: str) -> ContributionTranslation | None:
    """The card's translation a reader of `language` sees instead of the original (None: the original).

    Reads the prefetched translations; a translation into the card's own language is never shown."""
    if not language or language == (card.language or settings.LANGUAGE_CODE):
        return None
    return next((t for t in card.translations.all() if t.language == language), None)


def card_data(card: Contribution, *, translations=None) -> dict:
    """A card as screens and the API see it: no participant identity, and the author's name only when they
    chose to show it on the wall (the join page promises the wall shows none otherwise).

    `translations` may be given when already known (a new card has none), else they are read (prefetched
    by the list selectors)."""
    author = card.participant.display_name if card.participant_id and card.participant.name_on_wall else ""
    return {
        "id": card.pk,
        "kind": card.kind,
        "theme": card.theme_id,
        "table": card.table_id,
        "text": card.text,
        "language": card.language,
        "translations": translations_data(card.translations.all() if translations is None else translations),
        "author": author,
        "by_moderation": card.author_user_id is not None,
        "visible": card.visible,
        "merged_into": card.merged_into_id,
        "created_at": card.created_at.isoformat() if card.created_at else None,
    }


def public_card_data(card: Contribution) -> dict:
    """What everyone may see of a card: all of it while visible, only that it left once hidden or merged."""
    if card.visible:
        return card_data(card)
    return {
        "id": card.pk,
        "visible": False,
        "merged_into": card.merged_into_id,
        "theme": card.theme_id,
        "kind": card.kind,
    }


def voting_data(voting: DotVoting | None, *, with_ranking: bool = True) -> dict | None:
    if voting is None:
        return None
    data = {
        "id": voting.pk,
        "title": voting.title,
        "open": voting.is_open,
        "budget": voting.budget,
        "stacking": voting.stacking,
        "ranking_visible": voting.ranking_visible,
        "all_cards": voting.all_cards,
        "subject": voting.subject,
        "options": None if voting.all_cards else list(_chosen_option_ids(voting)),
        # Phones show the question in their language when it is translated.
        "translations": current_translations(obj=voting, names=("title",)),
    }
    if voting.over_clusters:
        # Screens show the clusters' titles; the list is short (a dialogue has a few dozen clusters at most).
        data["clusters"] = [{"id": c.pk, "title": c.title} for c in voting_cluster_options(voting=voting)]
    if with_ranking:
        data["total_dots"] = active_votes(voting=voting).count()
        keys = ("cluster", "title", "dots", "rank") if voting.over_clusters else ("contribution", "dots", "rank")
        data["ranking"] = (
            [{k: place[k] for k in keys} for place in ranking(voting=voting)] if voting.ranking_visible else []
        )
    return data


def _chosen_option_ids(voting: DotVoting):
    if voting.over_clusters:
        return voting.cluster_options.values_list("pk", flat=True)
    return voting.options.values_list("pk", flat=True)


_UNREAD = object()


def session_state(*, session: Session, themes=None, vote=_UNREAD, drawn_only: bool = False) -> dict:
    """The session as screens and the API see it. A page that has already read the session's themes or its
    open vote (`vote`: a DotVoting or None) passes them in, and they are not read twice. `drawn_only`: what a
    page draws from it (status, the current step, the steps), without what only the screens' scripts take
    (the step's and the vote's translations into every language, the tables, the vote): three reads less."""
    steps = list(session.steps.all())
    current = steps[session.current_step] if 0 <= session.current_step < len(steps) else None
    if drawn_only:
        return {
            "status": session.status,
            "server_time": timezone.now().isoformat(),
            "current_step": None if current is None else _step_data(session, current),
            "steps": [{"index": i, "kind": s.kind, "title": s.title} for i, s in enumerate(steps)],
            "last_event_id": last_event_id(session=session),
        }
    return {
        "code": session.code,
        "title": session.title,
        "status": session.status,
        "method": session.method,
        "accepts_writes": session.accepts_writes,
        "server_time": timezone.now().isoformat(),
        "current_step": None
        if current is None
        # Every phone draws the step from the event, each in its own language.
        else _step_data(session, current)
        | {"translations": current_translations(obj=current, names=("title", "prompt"))},
        "steps": [{"index": i, "kind": s.kind, "title": s.title} for i, s in enumerate(steps)],
        "themes": [
            {"id": t.pk, "name": t.name} for t in (themes if themes is not None else themes_of(session=session))
        ],
        "tables": [{"id": t.pk, "number": t.number, "theme": t.theme_id} for t in session.tables.all()],
        "vote": voting_data(open_voting(session=session) if vote is _UNREAD else vote, with_ranking=False),
        "last_event_id": last_event_id(session=session),
    }


def _step_data(session: Session, step: Step) -> dict:
    return {
        "id": step.pk,
        "index": session.current_step,
        "kind": step.kind,
        "title": step.title,
        "prompt": step.prompt,
        "duration_minutes": step.duration_minutes,
        "ends_at": session.timer_ends_at.isoformat() if session.timer_ends_at and session.status == "running" else None,
        "remaining_seconds": session.remaining_seconds(),
    }


def participant_dots_data(*, session: Session, participant: Participant) -> dict:
    voting = open_voting(session=session)
    if voting is None:
        return {"vote": None, "dots": {}, "dots_left": 0}
    dots = dots_of(voting=voting, participant=participant)
    return {
        "vote": voting.pk,
        "dots": {str(k): v for k, v in dots.items()},
        "dots_left": voting.budget - sum(dots.values()),
    }
