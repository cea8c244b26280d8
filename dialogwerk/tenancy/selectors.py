"""Read queries for municipalities, members and the audit log, always scoped to the acting user."""

from django.db.models import QuerySet
from django.http import Http404

from .models import AuditLogEntry, Membership, Municipality
from .policy import roles_of


def municipalities_for_user(*, user) -> QuerySet[Municipality]:
    return Municipality.objects.filter(pk__in=list(roles_of(user))).order_by("name")


def get_municipality_for_user(*, user, municipality_id: int) -> Municipality:
    """The municipality if the user is a member of it; 404 otherwise, so outsiders learn nothing."""
    if municipality_id not in roles_of(user):
        raise Http404
    return Municipality.objects.get(pk=municipality_id)


def members_of(*, municipality: Municipality) -> QuerySet[Membership]:
    return municipality.memberships.select_related("user").order_by("user__last_name", "user__email")


def get_membership(*, municipality: Municipality, membership_id: int) -> Membership:
    try:
        return members_of(municipality=municipality).get(pk=membership_id)
    except Membership.DoesNotExist:
        raise Http404 from None


def audit_log_of(*, municipality: Municipality) -> QuerySet[AuditLogEntry]:
    return municipality.audit_entries.all()
