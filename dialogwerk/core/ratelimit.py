"""Rate limits kept in Django's cache (Redis when REDIS_URL is set, in-process otherwise).

Limits are named and configured in `settings.RATE_LIMITS` (`{"login.account": "10/15m", ...}`). A caller
names the limit and the keys it counts by — an account, an IP address, a participant, a session:

    from dialogwerk.core import ratelimit

    ratelimit.hit("live.card", f"participant:{participant.pk}")   # raises RateLimited when over
    ratelimit.hit_live("card", participant=participant, session=session)   # both at once, see below

`RateLimited` carries a German (or the active language's) message and `retry_after` seconds; the API
answers it with 429 and a Retry-After header (`dialogwerk/api.py`); pages use `response_for()`.
Every key is hashed before it reaches the cache, so neither e-mail addresses nor tokens are stored there.
"""

import functools
import hashlib
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import caches
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .limiter import Decision, Rate, decide, parse_rate, window_of

DEFAULT_RATE_LIMITS = {
    # Failed logins: per account (guessing one password) and per IP address (trying many accounts).
    "login.account": "10/15m",
    "login.ip": "50/15m",
    # The live event, counted per participant token and per session (a hall shares one IP address).
    "live.join": "400/m",  # per session: a full hall joining at once must pass
    "live.card": "20/m",  # per participant: a person writes a card every few seconds at most, in bursts
    "live.card.session": "1500/m",
    "live.vote": "60/m",  # per participant
    "live.vote.session": "3000/m",
    # The REST API, per personal access token or user.
    "api.user": "600/m",
    # Password-reset mails: per address (no mailbox flooded) and per IP address (no address list walked).
    "password_reset.account": "3/h",
    "password_reset.ip": "20/h",
    # "Tell me about the results" confirmation mails: per address (no stranger's mailbox flooded), per IP.
    "results_notice.address": "3/h",
    "results_notice.ip": "30/h",
    # Short codes of paper invitations typed in: wrong codes per IP address (no code space walked).
    "rsvp.code": "20/h",
    # Registrations on the public event page, per IP address (a counselling office may register a few people).
    "registration.ip": "30/h",
}


class RateLimited(Exception):
    def __init__(self, name: str, retry_after: int):
        self.name = name
        self.retry_after = retry_after
        super().__init__(f"{name}: retry after {retry_after} s")

    @property
    def message(self) -> str:
        minutes = max(1, round(self.retry_after / 60))
        if self.retry_after < 90:
            wait = ngettext("%(count)d second", "%(count)d seconds", self.retry_after) % {"count": self.retry_after}
        else:
            wait = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
        return _("Too many attempts in a short time. Please wait %(wait)s and try again.") % {"wait": wait}


def enabled() -> bool:
    return getattr(settings, "RATE_LIMITS_ENABLED", True)


def rate_of(name: str) -> Rate:
    configured = {**DEFAULT_RATE_LIMITS, **getattr(settings, "RATE_LIMITS", {})}
    if name not in configured:
        raise KeyError(f"no rate limit named {name!r}; add it to settings.RATE_LIMITS")
    return parse_rate(configured[name])


def _cache():
    return caches[getattr(settings, "RATE_LIMIT_CACHE", "default")]


def _cache_key(name: str, key: str, window: int) -> str:
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    namespace = getattr(settings, "RATE_LIMIT_NAMESPACE", "rl")  # tests use a fresh one instead of flushing the cache
    return f"{namespace}:{name}:{digest}:{window}"


def _count(name: str, key: str, *, add: int, now: float) -> Decision:
    if add:
        return _count_hits([(name, key)], now=now)[0]
    rate = rate_of(name)
    count = _cache().get(_cache_key(name, key, window_of(now, rate.period)), 0) + 1  # what a hit now would make it
    return decide(count, rate, now)


def _count_hits(limits: list[tuple[str, str]], *, now: float) -> list[Decision]:
    """Count one hit under each (limit name, key); Redis counts them all in one round trip."""
    rates = [rate_of(name) for name, _key in limits]
    counters = [
        (_cache_key(name, key, window_of(now, rate.period)), 1, rate.period + 1)
        for (name, key), rate in zip(limits, rates, strict=True)
    ]
    cache = _cache()
    if hasattr(cache, "count_in_windows"):
        counts = cache.count_in_windows(counters)
    else:
        counts = [_add_and_incr(cache, *counter) for counter in counters]
    return [decide(count, rate, now) for count, rate in zip(counts, rates, strict=True)]


def _add_and_incr(cache, key: str, delta: int, timeout: int) -> int:
    # add() creates the counter only if missing; incr() is atomic in Redis and in locmem.
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key, delta)
    except ValueError:  # expired between add and incr
        cache.set(key, delta, timeout=timeout)
        return delta


def _refuse_worst(name: str, decisions: list[Decision]) -> None:
    refused = [decision for decision in decisions if not decision.allowed]
    if refused:
        raise RateLimited(name, max(decision.retry_after for decision in refused))


def hit(name: str, *keys: str, now: float | None = None) -> None:
    """Count one hit for each key under the named limit; raise RateLimited if any key is over it."""
    if not enabled():
        return
    _refuse_worst(name, _count_hits([(name, key) for key in keys], now=time.time() if now is None else now))


def check(name: str, *keys: str, now: float | None = None) -> None:
    """Raise RateLimited if one more hit would be over the limit, without counting (for failures-only limits)."""
    if not enabled():
        return
    now = time.time() if now is None else now
    for key in keys:
        decision = _count(name, key, add=0, now=now)
        if not decision.allowed:
            raise RateLimited(name, decision.retry_after)


def reset(name: str, *keys: str, now: float | None = None) -> None:
    now = time.time() if now is None else now
    rate = rate_of(name)
    _cache().delete_many([_cache_key(name, key, window_of(now, rate.period)) for key in keys])


def hit_live(action: str, *, session, participant=None, now: float | None = None) -> None:
    """For the live endpoints: count per participant token (`live.<action>`) and per session
    (`live.<action>.session`), never per IP address — a whole hall shares one Wi-Fi.

    `action` is "card", "vote" or "join" (join: per session only, there is no participant yet).
    """
    if participant is None:
        hit(f"live.{action}", f"session:{session.pk}", now=now)
        return
    if not enabled():
        return
    now = time.time() if now is None else now
    mine, hall = f"live.{action}", f"live.{action}.session"
    session_key = f"session:{session.pk}"
    # Both counted in one round trip; a participant over their own limit gives the hit back to the session,
    # so that one phone sending too fast cannot use up the hall's limit.
    own, shared = _count_hits([(mine, f"participant:{participant.pk}"), (hall, session_key)], now=now)
    if not own.allowed:
        try:
            _cache().decr(_cache_key(hall, session_key, window_of(now, rate_of(hall).period)))
        except ValueError:  # the window ended meanwhile
            pass
        raise RateLimited(mine, own.retry_after)
    _refuse_worst(hall, [shared])


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def response_for(request: HttpRequest, error: RateLimited) -> HttpResponse:
    """A 429 for a page or a JSON client, with Retry-After."""
    wants_json = "application/json" in request.headers.get("Accept", "") or request.path.startswith("/api/")
    if wants_json:
        response = JsonResponse({"detail": error.message, "errors": None}, status=429)
    else:
        response = HttpResponse(error.message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(error.retry_after)
    return response


def rate_limit(name: str, key: Callable[..., str | Iterable[str]]):
    """Decorate a Django view: `@rate_limit("live.join", key=lambda request, code: f"session:{code}")`.

    `key` gets the view's arguments and returns one key or several; over the limit the view answers 429.
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            keys = key(request, *args, **kwargs)
            try:
                hit(name, *([keys] if isinstance(keys, str) else keys))
            except RateLimited as error:
                return response_for(request, error)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def refused_form(view, error: RateLimited) -> HttpResponse:
    """A form view's page with only the limit's message (429): the form is not validated — for a login that
    would check the password, for a reset it would send the mail."""
    form = view.get_form()
    form._errors, form.cleaned_data = ErrorDict(), {}
    form.add_error(None, error.message)
    response = view.render_to_response(view.get_context_data(form=form))
    response.status_code = 429
    response["Retry-After"] = str(error.retry_after)
    return response


class PasswordResetThrottleMixin:
    """For Django's PasswordResetView: each request counts per address and per IP address, whether or not an
    account has that address (the answer must not tell); over the limit no mail goes out and the form says
    how long to wait (429)."""

    def post(self, request, *args, **kwargs):
        email = request.POST.get("email", "").strip().lower()
        try:
            hit("password_reset.ip", f"ip:{client_ip(request)}")
            if email:
                hit("password_reset.account", f"account:{email}")
        except RateLimited as error:
            return refused_form(self, error)
        return super().post(request, *args, **kwargs)


class LoginThrottleMixin:
    """For Django's LoginView: failed attempts count per e-mail address and per IP address; over the
    limit the form answers 429 with the message, before the password is even checked."""

    def _login_keys(self) -> tuple[list[str], list[str]]:
        email = self.request.POST.get("username", "").strip().lower()
        return [f"account:{email}"], [f"ip:{client_ip(self.request)}"]

    def post(self, request, *args, **kwargs):
        accounts, ips = self._login_keys()
        try:
            check("login.account", *accounts)
            check("login.ip", *ips)
        except RateLimited as error:
            return refused_form(self, error)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        accounts, ips = self._login_keys()
        try:
            hit("login.account", *accounts)
            hit("login.ip", *ips)
        except RateLimited:
            pass  # this attempt still gets the ordinary answer; the next one is refused
        return super().form_invalid(form)

    def form_valid(self, form):
        accounts, _ips = self._login_keys()
        reset("login.account", *accounts)
        return super().form_valid(form)
