"""Pages of the live event: the public join and participant pages, and the staff's console, capture and wall."""

import uuid

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dialogwerk.core import ratelimit
from dialogwerk.core.forms import add_validation_errors
from dialogwerk.dialogues.access import dialogue_for
from dialogwerk.translations.selectors import ContentTranslator, translator_for

from . import joining, policy, seating_link, selectors, services
from .access import session_for
from .api import too_many_message
from .codes import normalize_join_code
from .forms import (
    CardForm,
    EditForm,
    FloodForm,
    HideForm,
    JoinForm,
    JoinLimitForm,
    MergeForm,
    PeopleCountedForm,
    PhotoForm,
    SessionForm,
    VotingForm,
    WallLanguagesForm,
)
from .models import Kind, Method, Session, Status, Step
from .notice import retention_months

TOKEN_COOKIE_MAX_AGE = 60 * 60 * 24 * 3  # an event lasts at most a few days
OFFLINE_CACHE = "dialogwerk-live-v1"
ROTATE_FROM_CARDS = 60  # from this many cards on, the wall shows one theme at a time, turning by itself  # the service worker's cache, which the participant page also fills


def token_cookie(session: Session) -> str:
    return f"dwlive_{session.code}"


def joined_participant(request, session: Session):
    """The participant this browser joined the session as (its token cookie), or None."""
    participant = selectors.participant_for_token(token=request.COOKIES.get(token_cookie(session), ""))
    return participant if participant is not None and participant.session_id == session.pk else None


def _participant_from_cookie(request, session: Session):
    participant = joined_participant(request, session)
    return (participant, request.COOKIES[token_cookie(session)]) if participant is not None else (None, "")


def _set_language(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=60 * 60 * 24 * 365,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )


# --- Participants (public) --------------------------------------------------------------------------------


@require_GET
def join_start(request):
    """/j/: type the code from the projector."""
    typed = normalize_join_code(request.GET.get("code", ""))
    error = ""
    if typed:
        if Session.objects.filter(code=typed).exists():
            return redirect("live:join", code=typed)
        error = _("There is no event with this code. Please check the code on the screen.")
    return render(
        request,
        "live/join_start.html",
        {"error": error, "typed": request.GET.get("code", "")},
        status=404 if error else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def join(request, code: str):
    session = selectors.get_session_by_code(code=code)
    if session.code != code:
        return redirect("live:join", code=session.code)
    language = request.GET.get("lang", "")
    if language in dict(settings.LANGUAGES):
        response = redirect("live:join", code=session.code)
        _set_language(response, language)
        return response
    participant, _token = _participant_from_cookie(request, session)
    if participant is not None and request.method == "GET" and "again" not in request.GET:
        return redirect("live:participant", code=session.code)
    form = JoinForm(request.POST or None, initial={"language": translation.get_language()})
    if request.method == "POST":
        # The same limit as the API's join: per session only, never per IP (a hall shares one address).
        try:
            ratelimit.hit_live("join", session=session)
        except ratelimit.RateLimited as error:
            language = request.POST.get("language", "")
            with translation.override(language if language in dict(settings.LANGUAGES) else translation.get_language()):
                form.add_error(None, too_many_message(error, joining=True))
            response = render(
                request,
                "live/join.html",
                {
                    "session": session,
                    "form": form,
                    "languages": form.fields["language"].choices,
                    "retention_months": retention_months(),
                    "content_translator": _content_translator(session),
                },
                status=429,
            )
            response["Retry-After"] = str(error.retry_after)
            return response
    if request.method == "POST" and form.is_valid():
        try:
            participant, token = services.participant_join(session=session, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        except services.Conflict as error:
            form.add_error(None, error.message)
        else:
            response = redirect("live:participant", code=session.code)
            response.set_cookie(
                token_cookie(session),
                token,
                max_age=TOKEN_COOKIE_MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
            _set_language(response, participant.language)
            return response
    return render(
        request,
        "live/join.html",
        {
            "session": session,
            "form": form,
            "languages": form.fields["language"].choices,
            "retention_months": retention_months(),
            "content_translator": _content_translator(session),
        },
        status=422 if form.errors else 200,
    )


def _content_translator(session: Session, language: str = "") -> ContentTranslator:
    """The dialogue's texts (title, themes, steps, vote questions) in the reader's language, read once."""
    return translator_for(dialogue_id=session.dialogue_id, language=language or translation.get_language())


def localize_state(state: dict, translator: ContentTranslator) -> dict:
    """The current step's title and instructions in the reader's language, with the language each is in."""
    current = state.get("current_step")
    if current:
        step = Step(pk=current["id"], title=current["title"], prompt=current["prompt"])
        for name in ("title", "prompt"):
            shown = translator.shown(step, name)
            current[name], current[f"{name}_lang"] = shown.text, shown.language
    return state


def _participant_config(
    session: Session, token: str, language: str, translator: ContentTranslator, themes: list, last_event_id: int
) -> dict:
    return {
        "code": session.code,
        "language": language or settings.LANGUAGE_CODE,
        "token": token,
        "api": f"/api/v1/live/{session.code}",
        "ws": f"/ws/live/{session.code}/",
        "serviceWorker": reverse("live:service_worker"),
        "offlineCache": OFFLINE_CACHE,
        "strings": {
            "pendingOne": _("1 contribution is being sent…"),
            "pendingMany": _("%(count)s contributions are being sent…"),
            "allSent": _("Everything has been sent."),
            "offline": _("No connection. Your cards are kept on this phone and sent later."),
            "sent": _("Your card has been sent."),
            "waiting": _("waiting to be sent"),
            "dotsLeft": _("Dots left: %(count)s"),
            "addDot": _("Add a dot"),
            "removeDot": _("Take a dot back"),
            "yourDots": _("Your dots: %(count)s"),
            "noVote": _("There is no dot vote right now."),
            "remaining": _("%(minutes)s:%(seconds)s left"),
            "paused": _("Paused"),
            "notStarted": _("Not started yet"),
            "stepOf": _("Step %(number)s of %(count)s"),
            "closed": _("The event has ended. Thank you!"),
            "offlineNothing": _("No connection right now. Nothing is waiting to be sent."),
            "chars": _("%(count)s of %(max)s characters"),
            "chooseKind": _("Please choose what kind of card this is: situation, field of action, conflict or idea."),
            "emptyText": _("Please write something on the card."),
            "machine": _("machine-translated"),
            "showOriginal": _("Show original"),
            "showMore": _("Show more"),
            "noOptions": _("No cards to vote on yet."),
        },
        "kinds": dict(Kind.choices),
        "themes": {t.pk: translator.text(t, "name") for t in themes},
        "lastEventId": last_event_id,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def participant(request, code: str):
    """The participant's page: the current step, the card form, their cards, the dot vote."""
    session = selectors.get_session_by_code(code=code)
    participant, token = _participant_from_cookie(request, session)
    if participant is None:
        return redirect("live:join", code=session.code)
    if translation.get_language() != participant.language and request.method == "GET" and "lang" not in request.GET:
        response = redirect("live:participant", code=session.code)
        _set_language(response, participant.language)
        return response
    themes = list(selectors.themes_of(session=session))
    translator = _content_translator(session, participant.language)
    form = CardForm(request.POST or None, themes=themes, initial={"key": uuid.uuid4().hex})
    shown_themes = {t.pk: translator.shown(t, "name") for t in themes}
    form.fields["theme"].choices = [(pk, shown.text) for pk, shown in shown_themes.items()]
    form.fields["theme"].widget.option_languages = {str(pk): shown.language for pk, shown in shown_themes.items()}
    status = 200
    retry_after = None
    if request.method == "POST":
        try:
            status = _participant_post(request, session, participant, form)
        except ratelimit.RateLimited as error:
            with translation.override(participant.language or settings.LANGUAGE_CODE):
                form.add_error(None, too_many_message(error))
            status, retry_after = 429, error.retry_after
        if status == 303:
            return redirect(f"{reverse('live:participant', kwargs={'code': session.code})}#my-cards")
    voting = selectors.open_voting(session=session)
    dots = selectors.dots_of(voting=voting, participant=participant) if voting else {}
    # One page of the vote's options; the page links to the next (the script loads it in place).
    offset = int(request.GET["weitere"]) if request.GET.get("weitere", "").isdigit() else 0
    page, total = (
        selectors.options_page(voting=voting, participant=participant, offset=offset, dots=dots) if voting else ([], 0)
    )
    options = [] if voting is None or voting.over_clusters else page
    clusters = page if voting is not None and voting.over_clusters else []
    for card in options:
        card.shown_translation = selectors.translation_for(card, participant.language)
    next_offset = offset + len(page) if offset + len(page) < total else None
    state = localize_state(selectors.session_state(session=session, drawn_only=True), translator)
    route = seating_link.route(participant)
    response = render(
        request,
        "live/participant.html",
        {
            "session": session,
            "participant": participant,
            "state": state,
            "content_translator": translator,
            "form": form,
            "my_cards": participant.contributions.select_related("theme").order_by("-created_at", "-id"),
            "voting": voting,
            "options": options,
            "clusters": clusters,
            "options_total": total,
            "next_offset": next_offset,
            "dots_left": (voting.budget - sum(dots.values())) if voting else 0,
            "config": _participant_config(
                session, token, participant.language, translator, themes, state["last_event_id"]
            ),
            "route": route,
            # Without a place in the plan (most rooms have no plan) there is no seat now either.
            "seat_now": seating_link.seat_now(participant=participant, session=session) if route else None,
        },
        status=status,
    )
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


def _participant_post(request, session, participant, form) -> int:
    """The page without JavaScript: a card, or a dot placed or taken back, sent as a plain form.

    Counted against the same limits as the API's writes (per participant and per session, never per IP);
    over them `RateLimited` is raised before anything is stored."""
    action = request.POST.get("action", "card")
    if action in {"card", "dot", "undot"}:
        ratelimit.hit_live("card" if action == "card" else "vote", session=session, participant=participant)
    try:
        if action == "card":
            if not form.is_valid():
                return 422
            services.contribution_submit(
                session=session,
                participant=participant,
                kind=form.cleaned_data["kind"],
                theme_id=form.cleaned_data["theme"],
                text=form.cleaned_data["text"],
                idempotency_key=form.cleaned_data["key"],
            )
            messages.success(request, _("Your card has been sent."))
        elif action in {"dot", "undot"}:
            card_id = request.POST.get("contribution", "")
            if action == "dot":
                services.vote_place(
                    participant=participant,
                    contribution_id=card_id or None,
                    cluster_id=request.POST.get("cluster") or None,
                    idempotency_key=request.POST.get("key", ""),
                )
            else:
                services.vote_withdraw(
                    participant=participant,
                    contribution_id=card_id or request.POST.get("cluster", ""),
                    idempotency_key=request.POST.get("key", ""),
                )
        return 303
    except ValidationError as error:
        add_validation_errors(form, error)
        return 422
    except services.Conflict as error:
        form.add_error(None, error.message)
        return 409


@require_GET
def service_worker(request):
    """The offline helper, served from /j/ so that its scope covers every participant page."""
    assets = [
        static("live/live.css"),
        static("live/participant.js"),
        static("live/socket.js"),
        static("css/app.css"),
        static("js/forms.js"),
    ]
    body = render(request, "live/sw.js", {"assets": assets, "cache": OFFLINE_CACHE})
    response = HttpResponse(body.content, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/j/"
    response["Cache-Control"] = "no-cache"
    return response


# --- Staff --------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def sessions(request, dialogue_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.VIEW_SESSION)
    may_run = request.user.has_perm(policy.RUN_SESSION, dialogue)
    form = SessionForm(
        request.POST or None,
        initial={"title": dialogue.title[:200]},
        has_agenda=selectors.agenda_has_items(dialogue=dialogue),
    )
    if request.method == "POST":
        if not may_run:
            raise PermissionDenied
        if form.is_valid():
            try:
                session = services.session_create(actor=request.user, dialogue=dialogue, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(
                    request, _("The session was created. Its join code is %(code)s.") % {"code": session.code}
                )
                return redirect("live:console", session_id=session.pk)
    return render(
        request,
        "live/sessions.html",
        {"dialogue": dialogue, "sessions": selectors.sessions_of(dialogue=dialogue), "form": form, "may_run": may_run},
        status=422 if form.errors else 200,
    )


def _join_url(request, session: Session) -> str:
    return request.build_absolute_uri(reverse("live:join", kwargs={"code": session.code}))


CONSOLE_CARDS_SHOWN = 100


@login_required
def console(request, session_id: int):
    session = session_for(request.user, session_id, perm=policy.VIEW_SESSION)
    may_run = request.user.has_perm(policy.RUN_SESSION, session)
    steps = list(session.steps.all())
    # The newest cards, the rest on request (`?alle=1`): a full room's 500 cards were 223 KB on every load.
    cards = selectors.console_cards(session=session)
    cards_total = cards.count()
    if request.GET.get("alle") != "1":
        cards = cards[:CONSOLE_CARDS_SHOWN]
    round_number, tables_now = seating_link.tables_now(session=session, steps=steps)
    return render(
        request,
        "live/console.html",
        {
            "session": session,
            "dialogue": session.dialogue,
            "state": selectors.session_state(session=session),
            "steps": steps,
            "round_number": round_number,
            "tables_now": tables_now,
            "cards": cards,
            "cards_total": cards_total,
            "voting": selectors.current_voting(session=session),
            "may_translate": request.user.has_perm(policy.TRANSLATE_CARDS, session),
            "wall_languages_form": WallLanguagesForm(initial={"languages": session.wall_language_codes}),
            "present": joining.present(session=session),
            "join_limit_form": JoinLimitForm(initial={"limit": session.join_ceiling}),
            "flood_form": FloodForm(),
            "people_counted_form": PeopleCountedForm(initial={"count": session.dialogue.people_counted}),
            "photos": session.photos.select_related("table"),
            "join_url": _join_url(request, session),
            "may_run": may_run,
            "statuses": Status,
            "method_is_world_cafe": session.method == Method.WORLD_CAFE,
            "tables": session.tables.select_related("theme"),
            "config": {
                "code": session.code,
                "ws": f"/ws/live/{session.code}/",
                "api": f"/api/v1/live/{session.code}",
                "lastEventId": selectors.last_event_id(session=session),
                "cardRows": reverse("live:console_cards", args=[session.pk]),
            },
        },
    )


CONSOLE_ROWS_AT_ONCE = 200


@login_required
@require_GET
@never_cache
def console_cards(request, session_id: int):
    """The console's rows of the cards named (`?id=…`), as console.js asks for them after card events: in a
    busy room it fetched the whole console (every card, 230 KB at 500 cards) several times a second."""
    session = session_for(request.user, session_id, perm=policy.VIEW_SESSION)
    ids = request.GET.getlist("id")
    if not ids or len(ids) > CONSOLE_ROWS_AT_ONCE or not all(value.isdigit() for value in ids):
        message = _("Name between 1 and %(count)d cards by their numbers.") % {"count": CONSOLE_ROWS_AT_ONCE}
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    cards = selectors.console_cards(session=session).filter(pk__in=[int(value) for value in ids])
    context = {"session": session, "cards": cards, "may_run": request.user.has_perm(policy.RUN_SESSION, session)}
    return render(request, "live/console_card_rows.html", context)


@login_required
@require_POST
def control(request, session_id: int):
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    try:
        services.session_control(actor=request.user, session=session, action=request.POST.get("action", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("live:console", session_id=session.pk)


@login_required
@require_GET
def qr(request, session_id: int):
    session = session_for(request.user, session_id, perm=policy.VIEW_SESSION)
    code = segno.make(_join_url(request, session), error="m")
    response = HttpResponse(content_type="image/svg+xml")
    code.save(response, kind="svg", scale=8, border=2, title=_("QR code to join"))
    return response


@login_required
@require_GET
def wall(request, session_id: int):
    session = session_for(request.user, session_id, perm=policy.VIEW_SESSION)
    themes = list(selectors.themes_of(session=session))
    wall_languages = session.wall_language_codes
    columns, older = selectors.wall_columns(session=session, languages=wall_languages)
    kinds = Kind.choices
    for theme in themes:
        theme.groups = [
            (value, label, columns.get((theme.pk, value), []), older.get((theme.pk, value), 0))
            for value, label in kinds
        ]
    voting = selectors.current_voting(session=session)
    tally = selectors.tally_snapshot(voting=voting) if voting else None  # the ranking's top places, with their words
    state = selectors.session_state(session=session, drawn_only=True)
    config = {
        "code": session.code,
        "ws": f"/ws/live/{session.code}/",
        "api": f"/api/v1/live/{session.code}",
        "lastEventId": state["last_event_id"],
        "kinds": dict(kinds),
        "themes": {t.pk: t.name for t in themes},
        "voting": selectors.voting_data(voting, with_ranking=False),
        "tally": tally,
        "olderUrl": reverse("live:wall_older", kwargs={"session_id": session.pk}),
        "rotateFrom": ROTATE_FROM_CARDS,
        "visibleCards": sum(len(cards) for cards in columns.values()) + sum(older.values()),
        "strings": {
            "reconnecting": _("Connection lost – reconnecting…"),
            "connected": _("Live"),
            # The wall is a staff page (German or English): one dot, or several.
            "dotOne": ngettext("%(count)s dot", "%(count)s dots", 1),
            "dots": ngettext("%(count)s dot", "%(count)s dots", 2),
            "hidden": _("The ranking is shown when the vote closes."),
            "remaining": _("%(minutes)s:%(seconds)s left"),
            "paused": _("Paused"),
            "notStarted": _("Not started yet"),
            "stepOf": _("Step %(number)s of %(count)s"),
            "closed": _("The event has ended. Thank you!"),
            "enlarge": _("Enlarge"),
            "machine": _("machine-translated"),
            "older": _("Older cards (%(count)s)"),
        },
        "wallLanguages": wall_languages,
    }
    return render(
        request,
        "live/wall.html",
        {
            "session": session,
            "themes": themes,
            "kinds": kinds,
            "voting": voting,
            "ranking": (tally or {}).get("top", []),
            "state": state,
            "join_url": _join_url(request, session),
            "config": config,
            "machine_label": _("machine-translated"),
        },
    )


@login_required
@require_GET
def wall_older(request, session_id: int):
    """The next older cards of one column of the wall (theme and kind), as the wall's script adds them."""
    session = session_for(request.user, session_id, perm=policy.VIEW_SESSION)
    theme, kind, before = request.GET.get("thema", ""), request.GET.get("art", ""), request.GET.get("vor", "")
    if not (theme.isdigit() and before.isdigit() and kind in Kind.values):
        return JsonResponse({"detail": _("Choose a theme, a kind and a card of the wall.")}, status=400)
    cards, remaining = selectors.wall_older(session=session, theme_id=int(theme), kind=kind, before=int(before))
    return JsonResponse({"cards": [selectors.card_data(card) for card in cards], "remaining": remaining})


@login_required
@require_http_methods(["GET", "POST"])
def capture(request, session_id: int):
    """Quick capture of a flipchart: kind and theme by shortcut, Enter sends, the form stays."""
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    themes = list(selectors.themes_of(session=session))
    tables = list(session.tables.select_related("theme"))
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    initial = {
        "kind": request.GET.get("kind", Kind.SITUATION),
        "theme": request.GET.get("theme"),
        "key": uuid.uuid4().hex,
    }
    if request.GET.get("table"):
        initial["table"] = request.GET["table"]
    form = CardForm(request.POST or None, themes=themes, tables=tables, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                card, _created = services.contribution_submit(
                    session=session,
                    author_user=request.user,
                    kind=data["kind"],
                    theme_id=data["theme"],
                    text=data["text"],
                    table_id=data.get("table"),
                    idempotency_key=data["key"],
                    language=settings.LANGUAGE_CODE,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            except services.Conflict as error:
                form.add_error(None, error.message)
            else:
                if wants_json:
                    return JsonResponse({"card": selectors.card_data(card), "key": uuid.uuid4().hex}, status=201)
                messages.success(request, _("Card #%(id)s saved.") % {"id": card.pk})
                query = f"?kind={data['kind']}&theme={data['theme']}" + (
                    f"&table={data['table']}" if data.get("table") else ""
                )
                return redirect(reverse("live:capture", kwargs={"session_id": session.pk}) + query)
        if wants_json:
            return JsonResponse({"errors": form.errors.get_json_data()}, status=422)
    return render(
        request,
        "live/capture.html",
        {
            "session": session,
            "dialogue": session.dialogue,
            "form": form,
            "themes": themes,
            "photo_form": PhotoForm(tables=tables),
            "recent": selectors.all_contributions(session=session).filter(author_user__isnull=False)[:10],
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def photo_upload(request, session_id: int):
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    tables = list(session.tables.select_related("theme"))
    form = PhotoForm(request.POST, request.FILES, tables=tables)
    if form.is_valid():
        try:
            data = form.cleaned_data
            services.photo_add(
                actor=request.user,
                session=session,
                image=data["image"],
                table_id=data["table"],
                caption=data["caption"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The photo was added to the table's record."))
            return redirect("live:capture", session_id=session.pk)
    themes = list(selectors.themes_of(session=session))
    return render(
        request,
        "live/capture.html",
        {
            "session": session,
            "dialogue": session.dialogue,
            "form": CardForm(themes=themes, tables=tables, initial={"key": uuid.uuid4().hex}),
            "themes": themes,
            "photo_form": form,
            "recent": [],
        },
        status=422,
    )


@login_required
@require_GET
def photo(request, session_id: int, photo_id: int):
    session = session_for(request.user, session_id, perm=policy.VIEW_SESSION)
    item = selectors.get_photo(session=session, photo_id=photo_id)
    return FileResponse(item.image.open("rb"))


@login_required
@require_http_methods(["GET", "POST"])
def card_edit(request, session_id: int, contribution_id: int):
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    card = selectors.get_contribution(session=session, contribution_id=contribution_id)
    themes = list(selectors.themes_of(session=session))
    form = EditForm(
        request.POST or None, themes=themes, initial={"kind": card.kind, "theme": card.theme_id, "text": card.text}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_edit(
                actor=request.user,
                contribution=card,
                kind=form.cleaned_data["kind"],
                theme_id=form.cleaned_data["theme"],
                text=form.cleaned_data["text"],
                keep_previous=form.cleaned_data["keep_previous"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            if form.cleaned_data["keep_previous"]:
                messages.success(request, _("The card was saved; the earlier version is kept in its history."))
            else:
                messages.success(request, _("The card was saved; its earlier wording is no longer stored anywhere."))
            return redirect("live:console", session_id=session.pk)
    return render(
        request,
        "live/card_edit.html",
        {
            "session": session,
            "dialogue": session.dialogue,
            "card": card,
            "form": form,
            "hide_form": HideForm(),
            "merge_form": MergeForm(),
            "revisions": card.revisions.select_related("theme", "edited_by"),
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def card_hide(request, session_id: int, contribution_id: int):
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    card = selectors.get_contribution(session=session, contribution_id=contribution_id)
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give a reason for hiding the card; it is kept in the audit log."))
        return redirect("live:card_edit", session_id=session.pk, contribution_id=card.pk)
    services.contribution_hide(actor=request.user, contribution=card, reason=form.cleaned_data["reason"])
    messages.success(request, _("Card #%(id)s is hidden.") % {"id": card.pk})
    return redirect("live:console", session_id=session.pk)


@login_required
@require_POST
def card_unhide(request, session_id: int, contribution_id: int):
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    card = selectors.get_contribution(session=session, contribution_id=contribution_id)
    services.contribution_unhide(actor=request.user, contribution=card)
    messages.success(request, _("Card #%(id)s is visible again.") % {"id": card.pk})
    return redirect("live:console", session_id=session.pk)


@login_required
@require_POST
def card_merge(request, session_id: int, contribution_id: int):
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    card = selectors.get_contribution(session=session, contribution_id=contribution_id)
    form = MergeForm(request.POST)
    target = None
    if form.is_valid():
        target = session.contributions.filter(pk=form.cleaned_data["into"]).first()
    if target is None:
        messages.error(request, _("Enter the number of another card of this session."))
        return redirect("live:card_edit", session_id=session.pk, contribution_id=card.pk)
    try:
        services.contribution_merge(actor=request.user, duplicate=card, into=target)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("live:card_edit", session_id=session.pk, contribution_id=card.pk)
    messages.success(request, _("Card #%(old)s was merged into card #%(new)s.") % {"old": card.pk, "new": target.pk})
    return redirect("live:console", session_id=session.pk)


@login_required
@require_http_methods(["GET", "POST"])
def voting_new(request, session_id: int):
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    cards = list(selectors.visible_contributions(session=session))
    clusters = list(selectors.clusters_for_voting(session=session))
    form = VotingForm(request.POST or None, cards=cards, clusters=clusters)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = [card for card in cards if card.pk in set(data["options"])]
        chosen_clusters = [cluster for cluster in clusters if cluster.pk in set(data.get("clusters") or [])]
        try:
            services.voting_open(
                actor=request.user,
                session=session,
                title=data["title"],
                subject=data["subject"],
                clusters=chosen_clusters,
                options=chosen,
                all_cards=data["all_cards"],
                budget=data["budget"],
                stacking=data["stacking"],
                visibility=data["visibility"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The dot vote is open."))
            return redirect("live:console", session_id=session.pk)
    return render(
        request,
        "live/voting_form.html",
        {"session": session, "dialogue": session.dialogue, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def voting_close(request, session_id: int, voting_id: int):
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    voting = selectors.get_voting(session=session, voting_id=voting_id)
    services.voting_close(actor=request.user, voting=voting)
    messages.success(request, _("The dot vote is closed."))
    return redirect("live:console", session_id=session.pk)
