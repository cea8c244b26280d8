"""Background work of data protection (django-tasks; the worker is `dialogwerk db_worker`)."""

from django_tasks import task

from . import services


@task()
def apply_retention() -> int:
    """Anonymise participants of dialogues closed longer than PRIVACY_RETENTION_DAYS; queue it daily."""
    return services.retention_apply()
