"""Creating, using and revoking personal access tokens."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import token_secrets as secrets
from .models import PersonalAccessToken, Scope

# Writing last_used_at on every request would turn each API read into a write; once a minute is enough.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
MAX_ACTIVE_TOKENS = 20


@transaction.atomic
def token_create(
    *, user, name: str, scope: str = Scope.READ, expires_at: datetime.datetime | None = None
) -> tuple[PersonalAccessToken, str]:
    """Make a token; returns it and its secret. The secret is not stored and cannot be shown again."""
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry date must be in the future.")})
    active = PersonalAccessToken.objects.filter(user=user, revoked_at__isnull=True).select_for_update()
    if sum(1 for token in active if not token.is_expired()) >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("You already have %(count)s active tokens. Revoke one you no longer use.") % {"count": MAX_ACTIVE_TOKENS}
        )
    secret, prefix = secrets.make_secret()
    token = PersonalAccessToken(
        user=user,
        name=name.strip(),
        scope=scope,
        expires_at=expires_at,
        prefix=prefix,
        token_hash=secrets.digest(secret),
    )
    token.full_clean()
    token.save()
    return token, secret


@transaction.atomic
def token_revoke(*, user, token: PersonalAccessToken) -> PersonalAccessToken:
    """Revoke one of the user's own tokens; revoking twice keeps the first time."""
    if token.user_id != user.pk:
        raise ValidationError(_("You can only revoke your own tokens."))
    PersonalAccessToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db(fields=["revoked_at"])
    return token


def token_mark_used(*, token: PersonalAccessToken, now: datetime.datetime | None = None) -> None:
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        # A conditional update: concurrent requests write at most once per minute.
        PersonalAccessToken.objects.filter(pk=token.pk).exclude(last_used_at__gt=now - LAST_USED_RESOLUTION).update(
            last_used_at=now
        )
        token.last_used_at = now
