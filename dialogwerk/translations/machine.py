"""Machine translation through a pluggable backend: a self-hosted LibreTranslate server or DeepL's API.

Pure (no Django import): settings.py checks the configuration with `backend_from_settings()` at start-up,
and `configured.machine_translator()` hands out the backend. Off unless configured, so nothing is sent
anywhere by default. A card's text is personal data: neither it nor a key is ever logged (only the kind of
an error), and no text is sent for an empty card, a language pair the service does not offer, or a text
over the size limit.
"""

from __future__ import annotations

import enum
import http.client
import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from typing import Any

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10.0  # seconds per network operation: a moderator is waiting for the answer
MAX_CHARS = 5000  # ten times a card (live.models.TEXT_MAX_LENGTH): pasted documents never leave the server
MAX_RESPONSE_BYTES = 1024 * 1024
BACKENDS = ("libretranslate", "deepl")


class Failure(enum.StrEnum):
    """Why a translation did not happen; callers show their own (translated) message per kind."""

    UNSUPPORTED = "unsupported"  # the service does not offer this language pair; nothing was sent
    TOO_LONG = "too_long"  # over MAX_CHARS (or the service's own limit)
    TIMEOUT = "timeout"
    UNREACHABLE = "unreachable"  # no connection (wrong address, server down, DNS)
    RATE_LIMITED = "rate_limited"  # 429 (or DeepL's 529): try again later
    BAD_KEY = "bad_key"  # 401/403: the API key is wrong or missing
    QUOTA = "quota"  # DeepL's 456: the characters of the billing period are used up
    REJECTED = "rejected"  # any other 4xx, or a redirect (never followed: it would carry the key along)
    SERVER_ERROR = "server_error"  # 5xx
    BAD_RESPONSE = "bad_response"  # not the JSON the API promises


class TranslationUnavailable(Exception):
    """A translation did not happen. The message is plain English for staff; `kind` says why."""

    def __init__(self, message: str, *, kind: Failure, status: int | None = None, retry_after: int | None = None):
        super().__init__(message)
        self.kind = kind
        self.status = status  # the HTTP status, when the service answered
        self.retry_after = retry_after  # seconds, when the service said so (429)


class MachineTranslationMisconfigured(ValueError):
    """The settings name no backend, or a backend without what it needs; settings.py turns it into
    ImproperlyConfigured at start-up."""


def language_code(language: str) -> str:
    """ "de", "de-DE", "DE_de" → "de": the services want the language, not the region."""
    return language.strip().lower().replace("_", "-").split("-")[0]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # urllib keeps the Authorization header on a redirect, even to another host: answer a redirect as an
    # error instead, so that a key goes only to the configured address.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


class MachineTranslator:
    """The interface every backend offers; `translate()` does the checks that need no request."""

    name = ""  # the service as staff and participants know it: "LibreTranslate", "DeepL"
    host = ""  # where the text goes

    def __init__(self, *, timeout: float = DEFAULT_TIMEOUT, max_chars: int = MAX_CHARS):
        self.timeout = timeout
        self.max_chars = max_chars

    def supports(self, source: str, target: str) -> bool:
        """Whether the service translates from `source` to `target` (language codes such as "ar", "de")."""
        raise NotImplementedError

    def translate(self, text: str, *, source: str, target: str) -> str:
        """`text` in `target`; raises TranslationUnavailable. An empty text, or one already in the target
        language, comes back as it is without a request."""
        source, target = language_code(source), language_code(target)
        if not text.strip():
            return ""
        if source == target:
            return text
        if len(text) > self.max_chars:
            raise TranslationUnavailable(
                f"The text is too long for machine translation (at most {self.max_chars} characters).",
                kind=Failure.TOO_LONG,
            )
        if not self.supports(source, target):
            raise TranslationUnavailable(
                f"{self.name} does not translate from {source} to {target}.", kind=Failure.UNSUPPORTED
            )
        return self._translate(text, source=source, target=target)

    def _translate(self, text: str, *, source: str, target: str) -> str:
        raise NotImplementedError

    def _key_setting(self) -> str:
        return ""

    def __repr__(self) -> str:  # never the key
        return f"<{type(self).__name__} {self.host}>"

    # --- HTTP ---------------------------------------------------------------------------------------------

    def _request_json(self, url: str, *, payload: dict | None = None, headers: Mapping[str, str] | None = None) -> Any:
        """POST `payload` as JSON (GET without one) and return the decoded answer; every failure becomes a
        TranslationUnavailable, logged by kind only."""
        request = urllib.request.Request(
            url,
            data=None if payload is None else json.dumps(payload).encode("utf-8"),
            headers={"Accept": "application/json", "User-Agent": "Dialogwerk", **(headers or {})},
            method="GET" if payload is None else "POST",
        )
        if payload is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with _opener.open(request, timeout=self.timeout) as response:
                body = response.read(MAX_RESPONSE_BYTES + 1)
        except urllib.error.HTTPError as error:
            error.close()
            raise self._failure(self._http_failure(error.code, (error.headers or {}).get("Retry-After"))) from None
        except (TimeoutError, urllib.error.URLError, http.client.HTTPException, OSError) as error:
            timed_out = isinstance(error, TimeoutError) or isinstance(getattr(error, "reason", None), TimeoutError)
            if timed_out:
                failure = TranslationUnavailable(
                    f"{self.name} did not answer within {self.timeout:g} seconds.", kind=Failure.TIMEOUT
                )
            else:
                failure = TranslationUnavailable(
                    f"{self.name} cannot be reached at {self.host}.", kind=Failure.UNREACHABLE
                )
            raise self._failure(failure) from None
        if len(body) > MAX_RESPONSE_BYTES:
            raise self._failure(self._bad_response())
        try:
            return json.loads(body)
        except ValueError:  # also a body that is not UTF-8
            raise self._failure(self._bad_response()) from None

    def _http_failure(self, status: int, retry_after: str | None) -> TranslationUnavailable:
        if status in (401, 403):
            setting = self._key_setting()
            return TranslationUnavailable(
                f"{self.name} refused the API key; check {setting}." if setting else f"{self.name} refused access.",
                kind=Failure.BAD_KEY,
                status=status,
            )
        if status == 429:
            return TranslationUnavailable(
                f"{self.name} has too many requests at the moment; please try again in a minute.",
                kind=Failure.RATE_LIMITED,
                status=status,
                retry_after=_seconds(retry_after),
            )
        if status == 413:
            return TranslationUnavailable(
                f"The text is too long for {self.name}.", kind=Failure.TOO_LONG, status=status
            )
        if 300 <= status < 400:
            return TranslationUnavailable(
                f"{self.name} answered with a redirect (HTTP {status}); check its address.",
                kind=Failure.REJECTED,
                status=status,
            )
        if status >= 500:
            return TranslationUnavailable(
                f"{self.name} failed (HTTP {status}); please try again later.", kind=Failure.SERVER_ERROR, status=status
            )
        return TranslationUnavailable(
            f"{self.name} rejected the request (HTTP {status}).", kind=Failure.REJECTED, status=status
        )

    def _bad_response(self) -> TranslationUnavailable:
        return TranslationUnavailable(f"{self.name} sent an answer that could not be read.", kind=Failure.BAD_RESPONSE)

    def _failure(self, failure: TranslationUnavailable) -> TranslationUnavailable:
        log.warning("Machine translation failed: backend=%s kind=%s status=%s", self.name, failure.kind, failure.status)
        return failure


def _seconds(value: str | None) -> int | None:
    try:
        return max(0, int(value)) if value else None
    except ValueError:  # an HTTP date: rare, and "a minute" is said anyway
        return None


def _checked_url(url: str, setting: str) -> urllib.parse.SplitResult:
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise MachineTranslationMisconfigured(
            f"{setting} must be an http:// or https:// address, e.g. https://translate.example.org."
        )
    if parts.username or parts.password:
        raise MachineTranslationMisconfigured(f"{setting} must not contain a user name or password.")
    return parts


def _host(parts: urllib.parse.SplitResult) -> str:
    return f"{parts.hostname}:{parts.port}" if parts.port else parts.hostname or ""


class LibreTranslateBackend(MachineTranslator):
    """A LibreTranslate server (https://libretranslate.com), usually run by the operator: POST /translate."""

    name = "LibreTranslate"
    LANGUAGES_RETRY_SECONDS = 60  # after the server could not say its languages, do not ask again at once

    def __init__(self, url: str, api_key: str = "", *, timeout: float = DEFAULT_TIMEOUT, max_chars: int = MAX_CHARS):
        super().__init__(timeout=timeout, max_chars=max_chars)
        parts = _checked_url(url, "LIBRETRANSLATE_URL")
        self.url = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))
        self.host = _host(parts)
        self._api_key = api_key.strip()
        self._pairs: dict[str, frozenset[str]] | None = None
        self._pairs_failed_at: float | None = None

    def _key_setting(self) -> str:
        return "LIBRETRANSLATE_API_KEY"

    def languages(self) -> dict[str, frozenset[str]]:
        """The server's languages, each with the languages it translates into (GET /languages; asked once).
        A server loads only the models its operator chose, so this differs between servers."""
        if self._pairs is None:
            answer = self._request_json(f"{self.url}/languages")
            try:
                codes = {language_code(entry["code"]): entry for entry in answer}
                self._pairs = {
                    code: frozenset(language_code(target) for target in entry.get("targets", codes)) - {code}
                    for code, entry in codes.items()
                }
            except (TypeError, KeyError, AttributeError):
                raise self._failure(self._bad_response()) from None
        return self._pairs

    def supports(self, source: str, target: str) -> bool:
        """Asks the server once. When it cannot be asked, says yes: translate() then reports the problem."""
        if self._pairs is None and self._pairs_failed_at is not None:
            if time.monotonic() - self._pairs_failed_at < self.LANGUAGES_RETRY_SECONDS:
                return True
        try:
            pairs = self.languages()
        except TranslationUnavailable:
            self._pairs_failed_at = time.monotonic()
            return True
        return language_code(target) in pairs.get(language_code(source), frozenset())

    def _translate(self, text: str, *, source: str, target: str) -> str:
        payload = {"q": text, "source": source, "target": target, "format": "text"}
        if self._api_key:
            payload["api_key"] = self._api_key
        answer = self._request_json(f"{self.url}/translate", payload=payload)
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if not isinstance(translated, str):
            raise self._failure(self._bad_response())
        return translated


def deepl_url_for_key(api_key: str) -> str:
    """DeepL's address for a key: free keys end in ":fx" and work only on api-free.deepl.com."""
    return "https://api-free.deepl.com" if api_key.strip().endswith(":fx") else "https://api.deepl.com"


class DeepLBackend(MachineTranslator):
    """DeepL's API (DeepL SE, Cologne): POST /v2/translate with the key in the Authorization header."""

    name = "DeepL"
    # Dialogwerk's languages in DeepL's codes. Persian (fa) is missing on purpose: DeepL offers it only as a
    # beta language (enable_beta_languages), which we do not send participants' cards to.
    SOURCE_LANGUAGES = {"ar": "AR", "de": "DE", "en": "EN", "ru": "RU", "tr": "TR", "uk": "UK"}
    TARGET_LANGUAGES = {"ar": "AR", "de": "DE", "en": "EN-GB", "ru": "RU", "tr": "TR", "uk": "UK"}

    def __init__(
        self, api_key: str, url: str | None = None, *, timeout: float = DEFAULT_TIMEOUT, max_chars: int = MAX_CHARS
    ):
        super().__init__(timeout=timeout, max_chars=max_chars)
        self._api_key = api_key.strip()
        if not self._api_key:
            raise MachineTranslationMisconfigured("DeepL needs an API key: set DEEPL_API_KEY.")
        parts = _checked_url(url or deepl_url_for_key(self._api_key), "DEEPL_API_URL")
        path = parts.path.rstrip("/").removesuffix("/v2")
        self.url = urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))
        self.host = _host(parts)

    def _key_setting(self) -> str:
        return "DEEPL_API_KEY"

    def supports(self, source: str, target: str) -> bool:
        return language_code(source) in self.SOURCE_LANGUAGES and language_code(target) in self.TARGET_LANGUAGES

    def _http_failure(self, status: int, retry_after: str | None) -> TranslationUnavailable:
        if status == 456:
            return TranslationUnavailable(
                "The DeepL quota (characters per billing period) is used up.", kind=Failure.QUOTA, status=status
            )
        if status == 529:  # DeepL: "too many requests" under high load
            return super()._http_failure(429, retry_after)
        return super()._http_failure(status, retry_after)

    def _translate(self, text: str, *, source: str, target: str) -> str:
        payload = {
            "text": [text],
            "source_lang": self.SOURCE_LANGUAGES[source],
            "target_lang": self.TARGET_LANGUAGES[target],
        }
        answer = self._request_json(
            f"{self.url}/v2/translate", payload=payload, headers={"Authorization": f"DeepL-Auth-Key {self._api_key}"}
        )
        try:
            translated = answer["translations"][0]["text"]
        except (TypeError, KeyError, IndexError):
            raise self._failure(self._bad_response()) from None
        if not isinstance(translated, str):
            raise self._failure(self._bad_response())
        return translated


def backend_from_settings(config: Mapping[str, Any]) -> MachineTranslator | None:
    """The backend the settings choose, or None when MACHINE_TRANSLATION is empty (off, the default).

    Keys: MACHINE_TRANSLATION ("", "libretranslate", "deepl"), LIBRETRANSLATE_URL, LIBRETRANSLATE_API_KEY,
    DEEPL_API_KEY, DEEPL_API_URL (empty: from the key). Raises MachineTranslationMisconfigured."""

    def value(name: str) -> str:
        return str(config.get(name) or "").strip()

    choice = value("MACHINE_TRANSLATION").lower()
    if not choice:
        return None
    if choice == "libretranslate":
        if not value("LIBRETRANSLATE_URL"):
            raise MachineTranslationMisconfigured(
                "MACHINE_TRANSLATION=libretranslate needs LIBRETRANSLATE_URL, the server's address (e.g. http://libretranslate:5000)."
            )
        return LibreTranslateBackend(value("LIBRETRANSLATE_URL"), api_key=value("LIBRETRANSLATE_API_KEY"))
    if choice == "deepl":
        if not value("DEEPL_API_KEY"):
            raise MachineTranslationMisconfigured("MACHINE_TRANSLATION=deepl needs DEEPL_API_KEY.")
        return DeepLBackend(value("DEEPL_API_KEY"), url=value("DEEPL_API_URL") or None)
    raise MachineTranslationMisconfigured(
        f"MACHINE_TRANSLATION must be empty (off), libretranslate or deepl, not {choice!r}."
    )
