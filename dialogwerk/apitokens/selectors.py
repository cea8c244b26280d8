"""Reads of tokens, always the acting user's own."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from . import token_secrets as secrets
from .models import PersonalAccessToken


def tokens_for_user(*, user) -> QuerySet[PersonalAccessToken]:
    return PersonalAccessToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-id")


def get_token_for_user(*, user, token_id: int) -> PersonalAccessToken:
    try:
        return tokens_for_user(user=user).get(pk=token_id)
    except PersonalAccessToken.DoesNotExist:
        raise Http404 from None


def active_token_for_secret(*, secret: str) -> PersonalAccessToken | None:
    """The token a request presents, if it is known, not revoked, not expired and its user is active."""
    if not secrets.looks_like_a_token(secret):
        return None
    token = (
        PersonalAccessToken.objects.select_related("user")
        .filter(token_hash=secrets.digest(secret), user__is_active=True)
        .first()
    )
    if token is None or not token.is_active(timezone.now()):
        return None
    return token
