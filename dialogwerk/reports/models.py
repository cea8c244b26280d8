"""Documents: the municipality's logo, the editable texts of the documentation, and generated files
with their progress (a background task writes them; the page polls the row)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.tenancy.models import Municipality

from .storage import private_storage


def _logo_path(instance, filename: str) -> str:
    return f"logos/{instance.municipality_id}/logo.png"


def _document_path(instance, filename: str) -> str:
    return f"documents/{instance.dialogue_id}/{filename}"


class MunicipalityBranding(models.Model):
    """The municipality's logo for documents (stored re-encoded as PNG, never served publicly)."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="branding")
    logo = models.FileField(_("logo"), storage=private_storage, upload_to=_logo_path, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("municipality branding")
        verbose_name_plural = _("municipality brandings")

    def __str__(self) -> str:
        return str(self.municipality)


class DocumentationText(models.Model):
    """What the consultant writes for the documentation before generating it."""

    dialogue = models.OneToOneField(Dialogue, on_delete=models.CASCADE, related_name="documentation_text")
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Leave empty to use a summary written from the data.")
    )
    results_intro = models.TextField(_("introduction to the results"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    include_annex = models.BooleanField(_("add an annex with all cards"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("documentation text")
        verbose_name_plural = _("documentation texts")

    def __str__(self) -> str:
        return str(self.dialogue)


class DocumentKind(models.TextChoices):
    DOCUMENTATION = "documentation", _("Documentation")
    CATALOGUE = "catalogue", _("Catalogue of measures")


class DocumentFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", _("Word (DOCX)")


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being generated")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
    WITHDRAWN = "withdrawn", _("Withdrawn after an erasure")


class GeneratedDocument(models.Model):
    """One generation of a document: status and progress for the page, the file once it is done."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="generated_documents")
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    format = models.CharField(_("format"), max_length=5, choices=DocumentFormat.choices)
    status = models.CharField(_("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=200, blank=True)
    file = models.FileField(storage=private_storage, upload_to=_document_path, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The worker's last sign of life while generating: a document whose worker died stops getting these.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_format_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in {DocumentStatus.DONE, DocumentStatus.FAILED, DocumentStatus.WITHDRAWN}

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""
