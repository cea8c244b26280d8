"""`GET /api/v1/me`: who the API thinks you are, with which token and roles — the first call of any script."""

import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from dialogwerk.tenancy.models import Membership

from .api_kit import READ_ERRORS, staff_auth

router = Router(tags=["account"], auth=staff_auth)


class TokenOut(Schema):
    name: str
    prefix: str
    scope: str
    expires_at: datetime.datetime | None


class RoleOut(Schema):
    municipality: int
    municipality_name: str
    role: str


class AccountOut(Schema):
    id: int
    email: str
    name: str
    roles: list[RoleOut]
    token: TokenOut | None


@router.get("/me", response={200: AccountOut, **READ_ERRORS}, url_name="me", summary="The calling user")
def me(request: HttpRequest):
    user = request.user
    token = getattr(request, "access_token", None)
    memberships = Membership.objects.filter(user=user).select_related("municipality").order_by("municipality__name")
    return {
        "id": user.pk,
        "email": user.email,
        "name": user.get_full_name(),
        "roles": [
            {"municipality": m.municipality_id, "municipality_name": m.municipality.name, "role": m.role}
            for m in memberships
        ],
        "token": None
        if token is None
        else {"name": token.name, "prefix": token.prefix, "scope": token.scope, "expires_at": token.expires_at},
    }
