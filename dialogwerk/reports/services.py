"""Every change to documents: the editable texts, the logo, and the generation of files."""

import datetime
import functools
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.tenancy import audit
from dialogwerk.tenancy.models import AuditAction, Municipality

from . import branding, catalogue, documentation, render_pdf
from .models import (
    DocumentationText,
    DocumentFormat,
    DocumentKind,
    DocumentStatus,
    GeneratedDocument,
    MunicipalityBranding,
)

log = logging.getLogger(__name__)

TEXT_FIELDS = ("summary", "results_intro", "next_steps", "include_annex")


@transaction.atomic
def documentation_texts_save(*, actor, dialogue: Dialogue, **fields) -> DocumentationText:
    unknown = set(fields) - set(TEXT_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    texts, _created = DocumentationText.objects.select_for_update().get_or_create(dialogue=dialogue)
    before = {name: getattr(texts, name) for name in fields}
    for name, value in fields.items():
        setattr(texts, name, value)
    texts.full_clean()
    texts.save()
    changes = audit.diff(before, fields)
    if changes:
        audit.record(
            municipality=dialogue.municipality,
            actor=actor,
            action=AuditAction.UPDATE,
            target=texts,
            changes={name: ["…", "…"] if name != "include_annex" else value for name, value in changes.items()},
        )
    return texts


@transaction.atomic
def logo_set(*, actor, municipality: Municipality, content: bytes) -> MunicipalityBranding:
    png = branding.reencode_logo(content)
    record, _created = MunicipalityBranding.objects.select_for_update().get_or_create(municipality=municipality)
    if record.logo:
        record.logo.delete(save=False)
    record.logo.save("logo.png", ContentFile(png), save=False)
    record.save()
    audit.record(
        municipality=municipality,
        actor=actor,
        action=AuditAction.UPDATE,
        target=record,
        changes={"logo": ["", _("new logo")]},
    )
    return record


@transaction.atomic
def logo_remove(*, actor, municipality: Municipality) -> None:
    record = MunicipalityBranding.objects.select_for_update().filter(municipality=municipality).first()
    if record is None or not record.logo:
        return
    record.logo.delete(save=False)
    record.logo = ""
    record.save()
    audit.record(
        municipality=municipality,
        actor=actor,
        action=AuditAction.DELETE,
        target=record,
        changes={"logo": [_("logo"), ""]},
    )


@transaction.atomic
def document_request(*, actor, dialogue: Dialogue, kind: str, format: str) -> GeneratedDocument:
    """Queue a document; the worker (`dialogwerk db_worker`) generates it and the page shows its progress."""
    document = GeneratedDocument(dialogue=dialogue, kind=kind, format=format, requested_by=actor)
    document.full_clean(exclude=["requested_by"])  # none when an erasure asks for it
    document.save()
    from .tasks import generate_document

    transaction.on_commit(lambda: generate_document.enqueue(document.pk))
    return document


def _progress(document_id: int):
    def report(percent: int, step: str) -> None:
        GeneratedDocument.objects.filter(pk=document_id).update(
            progress=percent, step=step[:200], heartbeat_at=timezone.now()
        )

    return report


def render(*, dialogue: Dialogue, kind: str, format: str, progress=None) -> bytes:
    """The document's bytes, in German (the documents' language), whatever the requester's UI shows."""
    with translation.override(settings.LANGUAGE_CODE):
        if kind == DocumentKind.CATALOGUE:
            document = catalogue.build(dialogue)
        else:
            document = documentation.build(dialogue, progress=progress or (lambda p, s: None))
        if format == DocumentFormat.PDF:
            return render_pdf.render(document)
        from . import render_docx  # heavy (python-docx): loaded only when a Word file is made

        return render_docx.render(document)


_GERMAN = str.maketrans({"ß": "ss", "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def transliterate(text: str) -> str:
    """German letters spelt out before slugify, which would drop ß ("Maßnahmenkatalog" → "manahmenkatalog")."""
    return text.translate(_GERMAN)


def filename_for(dialogue: Dialogue, kind: str, format: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        label = str(DocumentKind(kind).label)
    stem = slugify(transliterate(f"{label} {dialogue.municipality.name}"))[:80] or "dokument"
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.{format}"


def document_generate(*, document_id: int) -> GeneratedDocument | None:
    """Claim a queued document (a conditional update: two workers never both take it) and write it."""
    claimed = GeneratedDocument.objects.filter(pk=document_id, status=DocumentStatus.QUEUED).update(
        status=DocumentStatus.RUNNING, progress=1, step="", heartbeat_at=timezone.now()
    )
    if not claimed:
        return None
    document = GeneratedDocument.objects.select_related("dialogue", "dialogue__municipality").get(pk=document_id)
    try:
        content = render(
            dialogue=document.dialogue, kind=document.kind, format=document.format, progress=_progress(document.pk)
        )
        document.refresh_from_db()
        if document.status == DocumentStatus.WITHDRAWN:
            return document  # an erasure came while it was made: it may name the person, a new one is queued
        document.file.save(
            filename_for(document.dialogue, document.kind, document.format), ContentFile(content), save=False
        )
        document.status = DocumentStatus.DONE
        document.progress = 100
        with translation.override(settings.LANGUAGE_CODE):
            document.step = _("Ready")
    except Exception as error:  # the page must learn that it failed, not wait forever
        log.exception("generating document %s failed", document_id)
        document.refresh_from_db()
        document.status = DocumentStatus.FAILED
        document.error = f"{type(error).__name__}: {error}"[:2000]
    document.finished_at = timezone.now()
    document.save()
    return document


def documents_give_up_stalled(*, dialogue: Dialogue) -> int:
    """Fail the documents whose worker stopped sending signs of life (killed, out of memory, the machine
    restarted): otherwise they would read "Being generated" forever. The page then offers to start again.
    A worker that was only slow and still finishes marks its document done after all."""
    stalled_since = timezone.now() - datetime.timedelta(seconds=settings.DOCUMENT_STALL_SECONDS)
    with translation.override(settings.LANGUAGE_CODE):
        error = _("The background worker stopped before the document was finished.")
    return GeneratedDocument.objects.filter(
        dialogue=dialogue, status=DocumentStatus.RUNNING, heartbeat_at__lt=stalled_since
    ).update(status=DocumentStatus.FAILED, error=error, step="", finished_at=timezone.now())


@transaction.atomic
def documents_withdraw(*, dialogues) -> int:
    """After an erasure: documents made (or being made) before it may name the erased person. Their files go,
    they are marked withdrawn, and each is queued anew from the data as it is now. Returns how many."""
    stale = list(
        GeneratedDocument.objects.select_for_update()
        .filter(dialogue__in=dialogues, status__in=(DocumentStatus.DONE, DocumentStatus.RUNNING))
        .select_related("dialogue")
    )
    with translation.override(settings.LANGUAGE_CODE):
        step = _("It may name a person whose data was erased; a new version is generated.")
    for document in stale:
        if document.file and document.file.name:
            transaction.on_commit(functools.partial(document.file.storage.delete, document.file.name))
        GeneratedDocument.objects.filter(pk=document.pk).update(status=DocumentStatus.WITHDRAWN, file="", step=step)
    for dialogue, kind, format in {(d.dialogue, d.kind, d.format) for d in stale}:
        document_request(actor=None, dialogue=dialogue, kind=kind, format=format)
    return len(stale)


@transaction.atomic
def document_delete(*, actor, document: GeneratedDocument) -> None:
    if document.file:
        document.file.delete(save=False)
    document.delete()
