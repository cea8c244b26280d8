"""URL parameters of tenancy's pages, filled with objects of the other municipality."""

from dialogwerk.tenancy.models import Membership
from tests.tenant_walk import url_kwarg


@url_kwarg("municipality_id")
def municipality_id(context: dict) -> int:
    return context["municipality"].pk


@url_kwarg("membership_id")
def membership_id(context: dict) -> int:
    return Membership.objects.filter(municipality=context["municipality"]).first().pk
