"""Municipalities of the calling user (list, read) and their members (administrators only): the REST API's
endpoints for the accounts, beside the API kit (apitokens builds on tenancy's roles, not the other way)."""

import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from dialogwerk.tenancy import policy, selectors
from dialogwerk.tenancy.access import municipality_for
from dialogwerk.tenancy.policy import role_in

from .api_kit import READ_ERRORS, Id, Page, register_path_guard, staff_auth

router = Router(tags=["municipalities"], auth=staff_auth)
register_path_guard(
    "municipality_id", lambda user, pk: selectors.get_municipality_for_user(user=user, municipality_id=pk)
)


class MunicipalityOut(Schema):
    id: int
    name: str
    ags: str
    district: str
    state: str
    population: int | None
    my_role: str | None


class MemberOut(Schema):
    id: int
    user_id: int
    email: str
    first_name: str
    last_name: str
    role: str
    created_at: datetime.datetime


def _municipality_data(request: HttpRequest, municipality) -> dict:
    return {
        "id": municipality.pk,
        "name": municipality.name,
        "ags": municipality.ags,
        "district": municipality.district,
        "state": municipality.state,
        "population": municipality.population,
        "my_role": role_in(request.user, municipality.pk),
    }


def _member_data(membership) -> dict:
    user = membership.user
    return {
        "id": membership.pk,
        "user_id": user.pk,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": membership.role,
        "created_at": membership.created_at,
    }


@router.get(
    "/municipalities/",
    response={200: list[MunicipalityOut], **READ_ERRORS},
    url_name="municipality_list",
    summary="My municipalities",
)
@paginate(Page)
def municipality_list(request: HttpRequest):
    """The municipalities in which the caller has a role, with that role."""
    return [_municipality_data(request, m) for m in selectors.municipalities_for_user(user=request.user)]


@router.get(
    "/municipalities/{municipality_id}",
    response={200: MunicipalityOut, **READ_ERRORS},
    url_name="municipality",
    summary="One municipality",
)
def municipality_detail(request: HttpRequest, municipality_id: Id):
    municipality = municipality_for(request.user, municipality_id, perm=policy.VIEW_MUNICIPALITY)
    return _municipality_data(request, municipality)


@router.get(
    "/municipalities/{municipality_id}/members/",
    response={200: list[MemberOut], **READ_ERRORS},
    url_name="member_list",
    summary="Members and roles (administrators)",
)
@paginate(Page)
def member_list(request: HttpRequest, municipality_id: Id):
    """Who works in the municipality, in which role. Only municipality administrators may read this."""
    municipality = municipality_for(request.user, municipality_id, perm=policy.MANAGE_MEMBERS)
    return [_member_data(m) for m in selectors.members_of(municipality=municipality)]


@router.get(
    "/municipalities/{municipality_id}/members/{membership_id}",
    response={200: MemberOut, **READ_ERRORS},
    url_name="member",
    summary="One member (administrators)",
)
def member_detail(request: HttpRequest, municipality_id: Id, membership_id: Id):
    municipality = municipality_for(request.user, municipality_id, perm=policy.MANAGE_MEMBERS)
    return _member_data(selectors.get_membership(municipality=municipality, membership_id=membership_id))
