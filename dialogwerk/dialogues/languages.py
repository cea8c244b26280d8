"""The languages a dialogue can offer: German, its working language, always and first; then any of the
participant languages of settings.LANGUAGES, in that order."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language_info

WORKING_LANGUAGE = "de"
SEPARATOR = ","
# Each language's name in itself, as a reader looks for it in a list.
LANGUAGE_NAMES = {
    "de": "Deutsch",
    "en": "English",
    "ar": "العربية",
    "fa": "فارسی",
    "uk": "Українська",
    "tr": "Türkçe",
    "ru": "Русский",
}


def offered_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def unknown_codes(codes: Iterable[str]) -> list[str]:
    offered = set(offered_codes())
    return [code for code in dict.fromkeys(codes) if code not in offered]


def ordered(codes: Iterable[str]) -> list[str]:
    """The known codes among `codes`, once each, German first, then in the order of settings.LANGUAGES.
    Unknown codes are dropped: callers that must refuse them check `unknown_codes` first."""
    chosen = set(codes) | {WORKING_LANGUAGE}
    return [WORKING_LANGUAGE] + [code for code in offered_codes() if code in chosen and code != WORKING_LANGUAGE]


def to_text(codes: Iterable[str]) -> str:
    """The stored form: "de,ar,uk" (canonical order, as `ordered`)."""
    return SEPARATOR.join(ordered(codes))


def from_text(text: str) -> list[str]:
    return ordered(code.strip() for code in (text or "").split(SEPARATOR) if code.strip())


@dataclass(frozen=True)
class Language:
    """One language as the pages show it: its name in the reader's UI language and in its own."""

    code: str
    name: str  # in the active UI language, e.g. "Arabisch"
    name_local: str  # in the language itself, e.g. "العربيّة"; mark it up with lang="{{ code }}"
    bidi: bool

    @property
    def is_working_language(self) -> bool:
        return self.code == WORKING_LANGUAGE

    @property
    def shows_own_name(self) -> bool:
        """Whether the own name adds anything (not for "Deutsch" on a German page)."""
        return self.name_local != self.name


def describe(code: str) -> Language:
    info = get_language_info(code)
    return Language(
        code=code, name=str(dict(settings.LANGUAGES)[code]), name_local=info["name_local"], bidi=info["bidi"]
    )


def describe_all(codes: Iterable[str]) -> list[Language]:
    return [describe(code) for code in codes]
