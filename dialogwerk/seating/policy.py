"""Who may see and make table plans: every member reads them; moderators, consultants and admins plan."""

import rules

from dialogwerk.tenancy.models import Role
from dialogwerk.tenancy.policy import has_role, is_member

VIEW_SEATING = "seating.view_plan"  # object: a Dialogue, Session or SeatingPlan
PLAN_SEATING = "seating.plan"  # make, re-plan and theme table plans

may_plan = has_role(Role.MODERATOR, Role.CONSULTANT, Role.MUNICIPALITY_ADMIN)


@rules.predicate
def seating_member(user, obj) -> bool:
    return obj is not None and is_member(user, obj.municipality)


@rules.predicate
def seating_planner(user, obj) -> bool:
    return obj is not None and may_plan(user, obj.municipality)


rules.add_perm(VIEW_SEATING, seating_member)
rules.add_perm(PLAN_SEATING, seating_planner)
