"""The apitokens app's part in what spans apps (core/registry.py): a staff member's personal access tokens in
the privacy export (never their secrets), deleted when the account is erased."""

from collections.abc import Mapping
from typing import Any

from dialogwerk.core import registry
from dialogwerk.core.personal_data import iso

from .models import PersonalAccessToken


def staff_export(user) -> dict:
    return {
        "api_tokens": [
            {
                "name": t.name,
                "prefix": f"dwk_{t.prefix}",
                "scope": t.scope,
                "created_at": iso(t.created_at),
                "expires_at": iso(t.expires_at),
                "last_used_at": iso(t.last_used_at),
                "revoked_at": iso(t.revoked_at),
            }
            for t in PersonalAccessToken.objects.filter(user=user).order_by("created_at", "id")
        ]
    }


def staff_erase(user, _context: Mapping[str, Any]) -> None:
    PersonalAccessToken.objects.filter(user=user).delete()


def declare() -> None:
    registry.privacy_parts.declare(
        app="apitokens",
        name="apitokens.staff",
        part=registry.PrivacyPart(
            subject="staff",
            sections=("api_tokens",),
            export=staff_export,
            erase=staff_erase,
            holds=("apitokens.PersonalAccessToken",),
        ),
    )
