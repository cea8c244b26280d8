"""The tenancy app's part in what spans apps (core/registry.py): a staff member's account, memberships,
two-factor devices and the audit entries they made, in the privacy export and erasure."""

from collections.abc import Mapping
from typing import Any

from dialogwerk.core import registry
from dialogwerk.core.personal_data import iso

from . import twofactor
from .models import AuditLogEntry


def staff_export(user) -> dict:
    memberships = user.memberships.select_related("municipality").order_by("municipality__name")
    return {
        "account": {
            "id": user.pk,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "active": user.is_active,
            "joined_at": iso(user.date_joined),
            "last_login": iso(user.last_login),
            "two_factor": twofactor.is_enabled(user),
            "backup_codes_left": twofactor.backup_codes_left(user),
        },
        "memberships": [
            {"municipality": m.municipality.name, "role": m.role, "since": iso(m.created_at)} for m in memberships
        ],
        "audit_entries": [
            {
                "municipality": e.municipality.name,
                "action": e.action,
                "target_type": e.target_type,
                "target": e.target_label,
                "changes": e.changes,
                "at": iso(e.created_at),
            }
            for e in AuditLogEntry.objects.filter(actor=user)
            .select_related("municipality")
            .order_by("created_at", "id")
        ],
    }


def staff_erase(user, context: Mapping[str, Any]) -> None:
    """Their own audit entries keep the action but name the label; two-factor devices go."""
    AuditLogEntry.objects.filter(actor=user).update(actor_label=context["label"])
    twofactor.remove_all(user=user)


def declare() -> None:
    registry.privacy_parts.declare(
        app="tenancy",
        name="tenancy.staff",
        part=registry.PrivacyPart(
            subject="staff",
            sections=("account", "memberships", "audit_entries"),
            export=staff_export,
            erase=staff_erase,
            holds=("tenancy.User", "tenancy.Membership", "tenancy.AuditLogEntry", "otp_totp.TOTPDevice"),
        ),
    )
