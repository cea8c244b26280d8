"""Background work of the results (django-tasks; the worker is `dialogwerk db_worker`)."""

from django_tasks import task

from dialogwerk.dialogues.models import Dialogue

from . import suggestions


@task()
def embed_cards(session_id: int) -> int:
    """Store the sentence vectors of the session's cards written since the last run."""
    return suggestions.session_vectors_store(session_id=session_id)


@task()
def compute_suggestions(dialogue_id: int, session_id: int | None, theme_id: int | None, kind: str) -> int:
    dialogue = Dialogue.objects.filter(pk=dialogue_id).first()
    if dialogue is None:
        return 0
    return suggestions.suggestions_compute(dialogue=dialogue, session_id=session_id, theme_id=theme_id, kind=kind)
