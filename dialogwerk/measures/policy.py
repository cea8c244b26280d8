"""Who may do what with the catalogue: members read it; consultants and municipality admins edit it and
publish responses; steering-group members (and planners) post progress updates."""

import rules

from dialogwerk.tenancy.models import Role
from dialogwerk.tenancy.policy import has_role, is_member, is_planner

VIEW_MEASURES = "measures.view_measures"
CHANGE_MEASURES = "measures.change_measures"
POST_PROGRESS = "measures.post_progress"
MANAGE_STEERING_GROUP = "measures.manage_steering_group"
PUBLISH_STATEMENT = "measures.publish_statement"

is_reporter = has_role(Role.CONSULTANT, Role.MUNICIPALITY_ADMIN, Role.STEERING_MEMBER)


@rules.predicate
def dialogue_member(user, dialogue) -> bool:
    return dialogue is not None and is_member(user, dialogue.municipality)


@rules.predicate
def dialogue_planner(user, dialogue) -> bool:
    return dialogue is not None and is_planner(user, dialogue.municipality)


@rules.predicate
def dialogue_reporter(user, dialogue) -> bool:
    return dialogue is not None and is_reporter(user, dialogue.municipality)


rules.add_perm(VIEW_MEASURES, dialogue_member)
rules.add_perm(CHANGE_MEASURES, dialogue_planner)
rules.add_perm(POST_PROGRESS, dialogue_reporter)
rules.add_perm(MANAGE_STEERING_GROUP, dialogue_planner)
rules.add_perm(PUBLISH_STATEMENT, dialogue_planner)
