"""Background work of the preparation (django-tasks; the worker is `dialogwerk db_worker`)."""

from django_tasks import task

from dialogwerk.dialogues.models import Dialogue

from . import services


@task()
def send_reminders(dialogue_id: int) -> int:
    dialogue = Dialogue.objects.filter(pk=dialogue_id).select_related("municipality").first()
    if dialogue is None:
        return 0
    return services.reminders_send(dialogue=dialogue, min_days_since_sent=0)
