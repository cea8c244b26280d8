"""Reads for documents, always within a dialogue the user may see."""

from django.db.models import QuerySet
from django.http import Http404

from dialogwerk.dialogues.models import Dialogue

from .models import DocumentationText, GeneratedDocument, MunicipalityBranding


def documents_of(*, dialogue: Dialogue) -> QuerySet[GeneratedDocument]:
    return dialogue.generated_documents.select_related("requested_by").order_by("-created_at", "-id")


def get_document(*, dialogue: Dialogue, document_id: int) -> GeneratedDocument:
    try:
        return dialogue.generated_documents.get(pk=document_id)
    except GeneratedDocument.DoesNotExist:
        raise Http404 from None


def texts_of(*, dialogue: Dialogue) -> DocumentationText:
    return DocumentationText.objects.filter(dialogue=dialogue).first() or DocumentationText(dialogue=dialogue)


def branding_of(*, municipality) -> MunicipalityBranding | None:
    return MunicipalityBranding.objects.filter(municipality=municipality).first()
