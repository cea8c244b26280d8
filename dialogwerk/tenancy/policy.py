"""Who may do what in a municipality. Permission names are constants; tests check each is registered."""

import rules

from .models import Membership, Role

VIEW_MUNICIPALITY = "tenancy.view_municipality"
MANAGE_MEMBERS = "tenancy.manage_members"
VIEW_AUDIT_LOG = "tenancy.view_audit_log"


def roles_of(user) -> dict[int, str]:
    """The user's role per municipality id, looked up once per request (cached on the user object)."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_dialogwerk_roles", None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("municipality_id", "role"))
        user._dialogwerk_roles = cached
    return cached


def role_in(user, municipality_id: int) -> str | None:
    return roles_of(user).get(municipality_id)


def has_role(*roles: str) -> rules.Predicate:
    """A predicate over (user, municipality): the user holds one of these roles there."""

    @rules.predicate(name=f"has_role({','.join(roles)})")
    def predicate(user, municipality) -> bool:
        return municipality is not None and role_in(user, municipality.pk) in roles

    return predicate


def in_its_municipality(role: rules.Predicate) -> rules.Predicate:
    """`role` (a predicate over user and municipality) asked of the municipality an object belongs to: a
    dialogue, or anything of a dialogue that has `.municipality` (a session, a measure, a table plan)."""

    @rules.predicate(name=f"in_its_municipality({role.name})")
    def predicate(user, obj) -> bool:
        return obj is not None and role(user, obj.municipality)

    return predicate


# Over a municipality.
is_member = has_role(*Role.values)
is_admin = has_role(Role.MUNICIPALITY_ADMIN)
is_planner = has_role(Role.CONSULTANT, Role.MUNICIPALITY_ADMIN)
runs_events = has_role(Role.MODERATOR, Role.CONSULTANT, Role.MUNICIPALITY_ADMIN)

# Over a dialogue or anything of a dialogue (a session, a measure, a table plan): the one definition every
# app's policy builds on.
dialogue_member = in_its_municipality(is_member)
dialogue_planner = in_its_municipality(is_planner)
dialogue_admin = in_its_municipality(is_admin)
# Moderators and planners: they run live sessions and make table plans.
dialogue_runner = in_its_municipality(runs_events)
# Steering-group members and planners: they post progress on measures.
dialogue_reporter = in_its_municipality(has_role(Role.CONSULTANT, Role.MUNICIPALITY_ADMIN, Role.STEERING_MEMBER))

rules.add_perm(VIEW_MUNICIPALITY, is_member)
rules.add_perm(MANAGE_MEMBERS, is_admin)
rules.add_perm(VIEW_AUDIT_LOG, is_admin)
