"""Writes of the dialogue's translations: one text, or many at once (the edit page, an agency's file),
validated all together so that a bad entry stores nothing."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dialogwerk.core.background_read import queue_read
from dialogwerk.dialogues.models import Dialogue
from dialogwerk.tenancy import audit
from dialogwerk.tenancy.models import AuditAction

from . import registry
from .models import ContentTranslation, Status, TranslationImport, digest

GERMAN = settings.LANGUAGE_CODE


def check_language(*, dialogue: Dialogue, language: str) -> str:
    if language == GERMAN:
        raise ValidationError({"language": _("German is the original; choose another of the dialogue's languages.")})
    if language not in dialogue.language_codes:
        raise ValidationError(
            {
                "language": _("“%(language)s” is not one of this dialogue's languages. Add it to the dialogue first.")
                % {"language": language}
            }
        )
    return language


def _resolve(dialogue: Dialogue, key: str):
    """(kind, object, field) of a text key of this dialogue, or None."""
    try:
        kind_key, pk_text, name = key.split(":")
        kind = registry.BY_KEY[kind_key]
        pk = int(pk_text)
    except (ValueError, KeyError):
        return None
    if name not in kind.fields:
        return None
    obj = kind.objects(dialogue).filter(pk=pk).first()
    return (kind, obj, name) if obj is not None else None


def translations_save(
    *,
    actor,
    dialogue: Dialogue,
    language: str,
    items: Iterable[tuple[str, str]],
    status: str = Status.CHECKED,
    source: str = "",
) -> int:
    """Save (text key, translation) pairs in one language; an empty translation removes it. All or nothing:
    unknown keys and over-long texts are named in one ValidationError. Returns how many changed."""
    check_language(dialogue=dialogue, language=language)
    if status not in (Status.CHECKED, Status.MACHINE):
        raise ValidationError({"status": _("Unknown status.")})
    errors, resolved = [], []
    for key, text in items:
        found = _resolve(dialogue, key)
        if found is None:
            errors.append(_("“%(key)s” is no text of this dialogue.") % {"key": key})
            continue
        kind, obj, name = found
        text = (text or "").strip()
        limit = registry.max_length(kind, name)
        if limit and len(text) > limit:
            errors.append(
                _("%(label)s: the translation is too long (%(length)d characters, at most %(max)d).")
                % {"label": f"{kind.label} #{obj.pk}", "length": len(text), "max": limit}
            )
            continue
        resolved.append((obj, name, text))
    if errors:
        raise ValidationError(errors)
    changed = 0
    with transaction.atomic():
        existing = {
            (row.content_type_id, row.object_id, row.field): row
            for row in ContentTranslation.objects.filter(dialogue=dialogue, language=language)
        }
        for obj, name, text in resolved:
            content_type = ContentType.objects.get_for_model(obj)
            row = existing.get((content_type.pk, obj.pk, name))
            source_digest = digest(getattr(obj, name) or "")
            if not text:
                if row is not None:
                    row.delete()
                    changed += 1
                continue
            if row is not None and (row.text, row.status, row.source_digest) == (text, status, source_digest):
                continue
            ContentTranslation.objects.update_or_create(
                content_type=content_type,
                object_id=obj.pk,
                field=name,
                language=language,
                defaults={
                    "dialogue": dialogue,
                    "text": text,
                    "status": status,
                    "source_digest": source_digest,
                    "translated_by": actor
                    if status == Status.CHECKED and getattr(actor, "is_authenticated", False)
                    else None,
                },
            )
            changed += 1
        if changed:
            audit.record(
                municipality=dialogue.municipality,
                actor=actor,
                action=AuditAction.UPDATE,
                target=dialogue,
                changes={"translations": [language, f"{changed} {source}".strip()]},
            )
    return changed


def translations_by_machine(*, dialogue: Dialogue, language: str, texts) -> int:
    """Translate the missing and outdated texts of `texts` (selectors.Text) by machine; checked ones are never
    replaced. Raises TranslationUnavailable when the service fails (nothing is stored then)."""
    from .configured import machine_translator

    translator = machine_translator()
    check_language(dialogue=dialogue, language=language)
    if translator is None or not translator.supports(GERMAN, language):
        return 0
    items = []
    for text in texts:
        if text.status(language) in (Status.MISSING, Status.OUTDATED):
            translated = translator.translate(text.original, source=GERMAN, target=language)
            items.append((text.key, translated[: text.max_length] if text.max_length else translated))
    return translations_save(
        actor=None, dialogue=dialogue, language=language, items=items, status=Status.MACHINE, source="machine"
    )


# --- An agency's file, read by the worker -------------------------------------------------------------


def translation_import_upload(
    *, actor, dialogue: Dialogue, filename: str, content: bytes, ui_language: str
) -> TranslationImport:
    TranslationImport.objects.filter(created_at__lt=timezone.now() - TranslationImport.KEPT_FOR).delete()
    record = TranslationImport(dialogue=dialogue, filename=filename[:200], uploaded_by=actor, ui_language=ui_language)
    return queue_read(record, content)


def translation_import_read(record: TranslationImport, content: bytes) -> dict:
    """The worker's part (core/background_read.py): check every row against the dialogue's texts and save
    the translations, all or none; errors are worded in the uploader's language."""
    from dialogwerk.core import uploads

    from . import exchange

    with translation.override(record.ui_language):
        imported = exchange.from_xlsx(content) if uploads.sniff(content) == "xlsx" else exchange.from_xliff(content)
        if imported.errors:
            return {"language": imported.language, "errors": [str(error) for error in imported.errors]}
        try:
            changed = translations_save(
                actor=record.uploaded_by,
                dialogue=record.dialogue,
                language=imported.language,
                items=[(key, target) for key, target, _number in imported.units],
                source="import",
            )
        except ValidationError as error:
            return {"language": imported.language, "errors": error.messages}
    return {"language": imported.language, "changed": changed}
