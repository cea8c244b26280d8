"""Who may see and change a dialogue's preparation: any member sees it; consultants and municipality
admins (planners) change it. RSVP pages need no login: the token is the permission."""

import rules

from dialogwerk.tenancy.policy import dialogue_member, dialogue_planner

VIEW_PREPARATION = "preparation.view_preparation"
CHANGE_PREPARATION = "preparation.change_preparation"

rules.add_perm(VIEW_PREPARATION, dialogue_member)
rules.add_perm(CHANGE_PREPARATION, dialogue_planner)
