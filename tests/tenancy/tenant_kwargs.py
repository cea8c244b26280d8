"""URL parameters of tenancy's pages, filled with objects of the other municipality."""

from dialogwerk.tenancy.models import Membership
from tests.tenant_walk import url_kwarg

# The login's code step is public; the account pages show only the logged-in person's own account (no tenant
# object in their URL), tested in tests/tenancy/test_two_factor.py.
PUBLIC_URL_NAMES = {
    "tenancy:login_code",
    "tenancy:account",
    "tenancy:two_factor_setup",
    "tenancy:two_factor_disable",
    "tenancy:two_factor_backup_codes",
}


@url_kwarg("municipality_id")
def municipality_id(context: dict) -> int:
    return context["municipality"].pk


@url_kwarg("membership_id")
def membership_id(context: dict) -> int:
    return Membership.objects.filter(municipality=context["municipality"]).first().pk
