"""URL parameters of the documents' pages, filled with objects of the other municipality."""

from dialogwerk.reports.models import DocumentKind, GeneratedDocument
from tests.tenant_walk import url_kwarg


@url_kwarg("document_id")
def document_id(context: dict) -> int:
    document = GeneratedDocument.objects.create(
        dialogue=context["dialogue"], kind=DocumentKind.DOCUMENTATION, format="pdf"
    )
    return document.pk
