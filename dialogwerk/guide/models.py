"""What the guide app stores: a sign-language video per municipality and accessibility feedback (BITV 2.0)."""

from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dialogwerk.tenancy.models import Municipality

VIDEO_MAX_BYTES = 200 * 1024 * 1024
VIDEO_TYPES = {"video/mp4": "mp4", "video/webm": "webm"}


def _video_path(instance: "SignLanguageVideo", filename: str) -> str:
    extension = VIDEO_TYPES.get(instance.content_type, "mp4")
    return f"guide/gebaerdensprache/{instance.municipality_id}.{extension}"


class SignLanguageVideo(models.Model):
    """The explanation of the site in German Sign Language (BITV 2.0 § 4), uploaded by the municipality."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="sign_language_video")
    file = models.FileField(
        _("video file"), upload_to=_video_path, validators=[FileExtensionValidator(["mp4", "webm"])]
    )
    content_type = models.CharField(max_length=20)
    size = models.PositiveBigIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sign-language video")
        verbose_name_plural = _("sign-language videos")

    def __str__(self) -> str:
        return str(self.municipality)


class AccessibilityFeedback(models.Model):
    """A barrier someone reports through the accessibility statement's form (BITV 2.0 § 7)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="accessibility_feedback", verbose_name=_("municipality")
    )
    message = models.TextField(_("What did not work?"), max_length=5000)
    contact = models.CharField(_("How can we reach you? (optional)"), max_length=200, blank=True)
    page_url = models.CharField(_("Which page? (optional)"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.message[:40]}"
