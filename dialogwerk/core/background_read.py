"""Uploaded spreadsheets are read by the task worker, never in the request.

Reading a workbook costs a worker up to a second of CPU (openpyxl); during a live event that second belongs to
the phones and the wall. So an upload only checks the file's size and type, stores it with its record
(state "reading") and queues `read_upload`; the worker turns it into rows and drops the file. The record's
page waits for it (static/js/await.js) and then shows the preview, or why the file could not be read.

A concrete model inherits `BackgroundRead` and names its reader: a function (record, content) → the field
values to store, raising `ReadFailed(code)` when the file cannot be used; the app's page says the code in
the reader's language.
"""

import datetime
import logging
from typing import TypeVar

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django_tasks import task

log = logging.getLogger(__name__)


class ReadState(models.TextChoices):
    READING = "reading", _("Being read")
    READY = "ready", _("Read")
    FAILED = "failed", _("Could not be read")


STALLED = "stalled"  # the error code of a file no worker read in time


class ReadFailed(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


class BackgroundRead(models.Model):
    """The uploaded file (until the worker has read it) and the state of its reading."""

    # The dotted path of the reader; set by each concrete model.
    reader: str = ""
    # An upload holds what the file holds (an actor list's contact data) only until it is imported, and a
    # day at most: each new upload deletes the older ones.
    KEPT_FOR = datetime.timedelta(days=1)

    filename = models.CharField(max_length=200)
    content = models.BinaryField(null=True, editable=False)
    read_state = models.CharField(max_length=10, choices=ReadState.choices, default=ReadState.READY)
    read_error = models.CharField(max_length=40, blank=True)  # a code; the page words it
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def reading(self) -> bool:
        return self.read_state == ReadState.READING and not self.stalled

    @property
    def stalled(self) -> bool:
        """Still unread long after the upload: no worker runs, or it died while reading. Upload it again."""
        limit = datetime.timedelta(seconds=settings.DOCUMENT_STALL_SECONDS)
        return self.read_state == ReadState.READING and self.created_at < timezone.now() - limit

    @property
    def failure(self) -> str:
        """The error code to show, or "" while reading or once read."""
        if self.stalled:
            return STALLED
        return self.read_error if self.read_state == ReadState.FAILED else ""


R = TypeVar("R", bound=BackgroundRead)


def queue_read(record: R, content: bytes) -> R:
    """Store the record with its file and queue the worker's reading, in one transaction: the worker never
    sees the task without the file, nor a file that has no task."""
    record.content = content
    record.read_state = ReadState.READING
    record.read_error = ""
    with transaction.atomic():
        record.save()
        read_upload.enqueue(record._meta.label, record.pk)
    return record


def read_now(model: type[BackgroundRead], pk: int) -> str:
    """The worker's part: read the file, store what the reader gives, drop the file. Returns the new state."""
    record = model.objects.filter(pk=pk, read_state=ReadState.READING).first()
    if record is None:
        return "skipped"  # deleted meanwhile, or read already
    try:
        values = import_string(model.reader)(record, bytes(record.content or b""))
    except ReadFailed as failure:
        values = {"read_state": ReadState.FAILED, "read_error": failure.code}
    except Exception:  # the page must learn that it failed, not wait for ever
        log.exception("reading upload %s %s failed", model._meta.label, pk)
        values = {"read_state": ReadState.FAILED, "read_error": "unreadable"}
    else:
        values["read_state"] = ReadState.READY
    model.objects.filter(pk=pk, read_state=ReadState.READING).update(content=None, **values)
    return values["read_state"]


@task()
def read_upload(model_label: str, pk: int) -> str:
    from django.apps import apps

    return read_now(apps.get_model(model_label), pk)
