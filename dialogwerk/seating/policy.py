"""Who may see and make table plans: every member reads them; moderators, consultants and admins plan."""

import rules

from dialogwerk.tenancy.policy import dialogue_member, dialogue_runner

VIEW_SEATING = "seating.view_plan"  # object: a Dialogue, Session or SeatingPlan
PLAN_SEATING = "seating.plan"  # make, re-plan and theme table plans

rules.add_perm(VIEW_SEATING, dialogue_member)
rules.add_perm(PLAN_SEATING, dialogue_runner)
