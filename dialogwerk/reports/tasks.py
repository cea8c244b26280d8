"""Background work of the documents (django-tasks; the worker is `dialogwerk db_worker`)."""

from django_tasks import task

from . import services


@task()
def generate_document(document_id: int) -> str:
    document = services.document_generate(document_id=document_id)
    return document.status if document else "skipped"
