"""The tenant (Municipality), the people who work in it (User, Membership) and the audit log."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class DialogwerkUserManager(UserManager):
    def get_by_natural_key(self, username):
        # People log in with their e-mail address, in whatever case they type it.
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractUser):
    """A staff user: consultant, municipality staff, moderator or steering-group member.

    Participants of a live session are not users; they stay pseudonymous.
    """

    email = models.EmailField(_("e-mail address"), unique=True)

    objects = DialogwerkUserManager()

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class State(models.TextChoices):
    BW = "BW", "Baden-Württemberg"
    BY = "BY", "Bayern"
    BE = "BE", "Berlin"
    BB = "BB", "Brandenburg"
    HB = "HB", "Bremen"
    HH = "HH", "Hamburg"
    HE = "HE", "Hessen"
    MV = "MV", "Mecklenburg-Vorpommern"
    NI = "NI", "Niedersachsen"
    NW = "NW", "Nordrhein-Westfalen"
    RP = "RP", "Rheinland-Pfalz"
    SL = "SL", "Saarland"
    SN = "SN", "Sachsen"
    ST = "ST", "Sachsen-Anhalt"
    SH = "SH", "Schleswig-Holstein"
    TH = "TH", "Thüringen"


class Municipality(models.Model):
    """A Kommune: the tenant. Everything else belongs to exactly one."""

    name = models.CharField(_("name"), max_length=200)
    ags = models.CharField(
        _("official municipality key (AGS)"),
        max_length=8,
        unique=True,
        validators=[RegexValidator(r"^\d{8}$", _("The AGS has exactly eight digits."))],
        help_text=_("Amtlicher Gemeindeschlüssel, eight digits, e.g. 08111000."),
    )
    district = models.CharField(_("district"), max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=2, choices=State.choices, default=State.BW)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    require_two_factor = models.BooleanField(
        _("members must use two-factor login"),
        default=False,
        help_text=_(
            "Members without two-factor login are asked to switch it on at their next login before they can go on."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CONSULTANT = "consultant", _("Consultant")
    MUNICIPALITY_ADMIN = "municipality_admin", _("Municipality administrator")
    MODERATOR = "moderator", _("Moderator")
    STEERING_MEMBER = "steering_member", _("Steering-group member")
    # Sprachmittlung: translates cards at the live event; sees the municipality's dialogues, plans nothing.
    INTERPRETER = "interpreter", _("Interpreter")


class Membership(models.Model):
    """A user's role in one municipality. A consultant may hold memberships in several."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality"], name="one_membership_per_municipality"),
        ]
        ordering = ["municipality__name", "user__last_name", "user__email"]

    def __str__(self) -> str:
        return f"{self.user} @ {self.municipality} ({self.get_role_display()})"


class AuditAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    PHASE_CHANGE = "phase_change", _("phase changed")
    MEMBER_ADD = "member_add", _("member added")
    MEMBER_ROLE_CHANGE = "member_role_change", _("role changed")
    MEMBER_REMOVE = "member_remove", _("member removed")
    ERASE = "erase", _("personal data erased")


class AuditLogEntry(models.Model):
    """Who changed what and when, for the records that matter. Written only by `audit.record`."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="audit_entries")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text so the entry still says who it was after the account is gone.
    actor_label = models.CharField(max_length=300, blank=True)
    action = models.CharField(max_length=32, choices=AuditAction.choices)
    target_type = models.CharField(max_length=100)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log entries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["municipality", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_label}"
