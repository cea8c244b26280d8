"""Loading and authorising a funding body in one call (see tenancy.access). A funding body is not a
municipality's: "its users" are the body's own members, so a municipality member gets 404."""

from dialogwerk.tenancy.access import authorize

from .models import FundingBody
from .selectors import get_funding_body_for_user


def funding_body_for(user, funding_body_id: int, *, perm: str) -> FundingBody:
    """The funding body if the user belongs to it (else 404) and holds `perm` on it (else 403)."""
    funding_body = get_funding_body_for_user(user=user, funding_body_id=funding_body_id)
    authorize(user, perm, funding_body)
    return funding_body
