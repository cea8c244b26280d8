"""Who may do what with the catalogue: members read it; consultants and municipality admins edit it and
publish responses; steering-group members (and planners) post progress updates."""

import rules

from dialogwerk.tenancy.policy import dialogue_member, dialogue_planner, dialogue_reporter

VIEW_MEASURES = "measures.view_measures"
CHANGE_MEASURES = "measures.change_measures"
POST_PROGRESS = "measures.post_progress"
MANAGE_STEERING_GROUP = "measures.manage_steering_group"
PUBLISH_STATEMENT = "measures.publish_statement"

rules.add_perm(VIEW_MEASURES, dialogue_member)
rules.add_perm(CHANGE_MEASURES, dialogue_planner)
rules.add_perm(POST_PROGRESS, dialogue_reporter)
rules.add_perm(MANAGE_STEERING_GROUP, dialogue_planner)
rules.add_perm(PUBLISH_STATEMENT, dialogue_planner)
