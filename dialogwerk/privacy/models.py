"""Data protection: the municipality's controller details, consent records, and the record that an erasure
happened (never what was erased)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dialogwerk.tenancy.models import Municipality


class PrivacySettings(models.Model):
    """Who is responsible for the data (Verantwortlicher) and how to reach the data-protection officer;
    shown on the municipality's public privacy notice."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="privacy_settings")
    controller_name = models.CharField(_("data controller"), max_length=200, blank=True)
    controller_address = models.TextField(_("postal address"), blank=True)
    controller_email = models.EmailField(_("e-mail address of the controller"), blank=True)
    dpo_name = models.CharField(_("data-protection officer"), max_length=200, blank=True)
    dpo_contact = models.CharField(
        _("contact of the data-protection officer"),
        max_length=300,
        blank=True,
        help_text=_("E-mail address or phone number."),
    )
    supervisory_authority = models.CharField(
        _("supervisory authority"),
        max_length=300,
        blank=True,
        help_text=_("Where people may complain, e.g. the state commissioner for data protection."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("privacy settings")
        verbose_name_plural = _("privacy settings")

    def __str__(self) -> str:
        return str(self.municipality)


class Subject(models.TextChoices):
    PARTICIPANT = "participant", _("Participant of a live event")
    ACTOR = "actor", _("Actor")
    STAFF = "staff", _("Staff account")
    CONTACT = "contact", _("Contact without an account")


class ConsentRecord(models.Model):
    """Which notice (version and SHA-256 of its text) a person was shown, when, and when they agreed."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="consent_records")
    subject = models.CharField(max_length=20, choices=Subject.choices)
    participant = models.ForeignKey(
        "live.Participant", on_delete=models.CASCADE, null=True, blank=True, related_name="consent_records"
    )
    actor = models.ForeignKey(
        "preparation.Actor", on_delete=models.CASCADE, null=True, blank=True, related_name="consent_records"
    )
    notice_version = models.CharField(_("notice version"), max_length=20)
    notice_sha256 = models.CharField(max_length=64, blank=True)
    shown_at = models.DateTimeField(_("shown at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_subject_display()} #{self.pk} ({self.notice_version})"


class Reason(models.TextChoices):
    REQUEST = "request", _("Request of the person (through staff)")
    SELF_SERVICE = "self_service", _("Request of the person (self-service)")
    RETENTION = "retention", _("End of the retention period")


class ErasureRecord(models.Model):
    """That an erasure happened: whose kind, why, when, how many people — nothing about who they were."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="erasure_records")
    subject = models.CharField(_("whose data"), max_length=20, choices=Subject.choices)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    count = models.PositiveIntegerField(_("people"), default=1)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_subject_display()} ({self.get_reason_display()})"
