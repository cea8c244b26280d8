"""Reads of the dialogue's texts and their translations: for the *Übersetzungen* page, and for the pages that
show a text in the reader's language (one query per page, whatever the number of languages)."""

from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from dialogwerk.dialogues.models import Dialogue

from . import registry
from .models import ContentTranslation, Status, digest

GERMAN = settings.LANGUAGE_CODE


class Version(NamedTuple):
    text: str
    status: str  # Status: machine, checked or outdated (a row exists); missing has no Version


@dataclass
class Text:
    """One text of the dialogue (a field of one object), with its translations by language."""

    key: str
    kind: registry.Translatable
    obj: Model
    field: str
    original: str
    max_length: int | None
    versions: dict[str, Version] = field(default_factory=dict)

    @property
    def label(self) -> str:
        name = str(self.kind.model_class._meta.get_field(self.field).verbose_name)
        return f"{self.kind.label} #{self.obj.pk} – {name}"

    def status(self, language: str) -> str:
        version = self.versions.get(language)
        return version.status if version else Status.MISSING


def _rows(dialogue_id: int, languages) -> dict[tuple[int, int, str, str], tuple[str, str, str]]:
    rows = ContentTranslation.objects.filter(dialogue_id=dialogue_id, language__in=list(languages)).values_list(
        "content_type_id", "object_id", "field", "language", "text", "status", "source_digest"
    )
    return {(ct, pk, name, lang): (text, status, source) for ct, pk, name, lang, text, status, source in rows}


def _version(row: tuple[str, str, str] | None, original: str) -> Version | None:
    if row is None:
        return None
    text, status, source = row
    return Version(text, status if source == digest(original) else Status.OUTDATED)


def texts_of(*, dialogue: Dialogue, languages: list[str] | None = None) -> list[Text]:
    """Every non-empty text of the dialogue that is translated, in the order staff know them, with its
    translations into `languages` (default: the dialogue's languages other than German)."""
    languages = [code for code in (languages or dialogue.language_codes) if code != GERMAN]
    rows = _rows(dialogue.pk, languages)
    texts = []
    for kind in registry.KINDS:
        content_type = ContentType.objects.get_for_model(kind.model_class)
        for obj in kind.objects(dialogue):
            for name in kind.fields:
                original = getattr(obj, name) or ""
                if not original.strip():
                    continue
                text = Text(
                    registry.text_key(kind, obj.pk, name), kind, obj, name, original, registry.max_length(kind, name)
                )
                for language in languages:
                    version = _version(rows.get((content_type.pk, obj.pk, name, language)), original)
                    if version is not None:
                        text.versions[language] = version
                texts.append(text)
    return texts


def progress(texts: list[Text], language: str) -> dict[str, int]:
    """How many texts are checked, machine-translated, outdated or missing in `language`."""
    counts = {status: 0 for status in Status.values}
    for text in texts:
        counts[text.status(language)] += 1
    counts["total"] = len(texts)
    return counts


def summary_statuses(*, dialogue: Dialogue, languages: list[str]) -> dict[str, str] | None:
    """The summary of results' status per language (it keeps its own versions, measures.ResultSummary, edited
    on the results' summary page): None without a German summary; else checked, outdated (the German was
    changed after that version was saved) or missing."""
    saved = dict(dialogue.result_summaries.values_list("language", "updated_at"))
    german = saved.get(GERMAN)
    if german is None:
        return None
    return {
        code: Status.MISSING if code not in saved else (Status.CHECKED if saved[code] >= german else Status.OUTDATED)
        for code in languages
    }


class Shown(NamedTuple):
    """A text as a reader sees it: in their language where translated, else the German original."""

    text: str
    language: str
    machine: bool = False


class ContentTranslator:
    """The dialogue's texts in one language, read once per page. German, or a text without a current
    translation, shows the original (marked German by the pages); an outdated translation is not shown."""

    def __init__(self, language: str, rows: dict | None = None):
        self.language = language
        self._rows = rows or {}

    def shown(self, obj: Model | None, name: str) -> Shown:
        original = (getattr(obj, name, "") or "") if obj is not None else ""
        if self.language == GERMAN or not original or not self._rows:
            return Shown(original, GERMAN)
        content_type = ContentType.objects.get_for_model(obj)
        version = _version(self._rows.get((content_type.pk, obj.pk, name, self.language)), original)
        if version is None or version.status == Status.OUTDATED:
            return Shown(original, GERMAN)
        return Shown(version.text, self.language, version.status == Status.MACHINE)

    def text(self, obj: Model | None, name: str) -> str:
        return self.shown(obj, name).text


def current_translations(*, obj: Model, names: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """One object's texts in every language they are currently translated into (outdated ones left out):
    {"ar": {"title": …}}. For what goes to every screen at once, each picking its own language."""
    rows = ContentTranslation.objects.filter(
        content_type__app_label=obj._meta.app_label,
        content_type__model=obj._meta.model_name,
        object_id=obj.pk,
        field__in=names,
    )
    found: dict[str, dict[str, str]] = {}
    for row in rows.values_list("field", "language", "text", "source_digest"):
        name, language, text, source = row
        if source == digest(getattr(obj, name) or ""):
            found.setdefault(language, {})[name] = text
    return found


def translator_for(*, dialogue_id: int, language: str) -> ContentTranslator:
    """One query (none for German): every translation of the dialogue into `language`."""
    if language == GERMAN or not language:
        return ContentTranslator(GERMAN)
    return ContentTranslator(language, _rows(dialogue_id, [language]))
