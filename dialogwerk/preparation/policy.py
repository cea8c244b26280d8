"""Who may see and change a dialogue's preparation: any member sees it; consultants and municipality
admins (planners) change it. RSVP pages need no login: the token is the permission."""

import rules

from dialogwerk.tenancy.policy import is_member, is_planner

VIEW_PREPARATION = "preparation.view_preparation"
CHANGE_PREPARATION = "preparation.change_preparation"


@rules.predicate
def preparation_member(user, dialogue) -> bool:
    return dialogue is not None and is_member(user, dialogue.municipality)


@rules.predicate
def preparation_planner(user, dialogue) -> bool:
    return dialogue is not None and is_planner(user, dialogue.municipality)


rules.add_perm(VIEW_PREPARATION, preparation_member)
rules.add_perm(CHANGE_PREPARATION, preparation_planner)
