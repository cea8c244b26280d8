"""A translation of one text of a dialogue (a theme's name, a step's instructions, …) into one language.

The original stays in its own model, in German, untouched: translations live beside it, one row per
text and language. A row remembers a digest of the original it was made from, so a later edit of the
original shows the translation as outdated without anyone having to remember to mark it."""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from dialogwerk.core.background_read import BackgroundRead
from dialogwerk.dialogues.models import Dialogue


def digest(text: str) -> str:
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


class Status(models.TextChoices):
    MISSING = "missing", _("missing")
    MACHINE = "machine", _("machine-translated")
    CHECKED = "checked", _("checked")
    OUTDATED = "outdated", _("original changed")


class ContentTranslation(models.Model):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="content_translations")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=40)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    text = models.TextField(_("translation"))
    # Stored: machine or checked. Missing and outdated are read from the data (no row; digest differs).
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.CHECKED)
    source_digest = models.CharField(max_length=16)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"], name="translations_one_per_text_and_language"
            )
        ]
        indexes = [models.Index(fields=["dialogue", "language"])]

    def __str__(self) -> str:
        return f"{self.language}: {self.text[:60]}"


class TranslationImport(BackgroundRead):
    """An agency's XLSX or XLIFF: the worker reads and checks it and saves its translations (all or none);
    the page then says how many changed, or every error with its row."""

    reader = "dialogwerk.translations.services.translation_import_read"

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="translation_imports")
    ui_language = models.CharField(max_length=10)  # the language the errors are told in: the uploader's
    language = models.CharField(max_length=10, blank=True)  # the file's target language, once read
    changed = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)
