"""Who may see and shape the results: members see clusters and decisions; consultants and municipality
admins bundle, decide and delegate."""

import rules

from dialogwerk.tenancy.policy import dialogue_member, dialogue_planner

VIEW_RESULTS = "synthesis.view_results"
BUNDLE = "synthesis.bundle"
DECIDE = "synthesis.decide"

rules.add_perm(VIEW_RESULTS, dialogue_member)
rules.add_perm(BUNDLE, dialogue_planner)
rules.add_perm(DECIDE, dialogue_planner)
