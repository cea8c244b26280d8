"""Who may see and shape the results: members see clusters and decisions; consultants and municipality
admins bundle, decide and delegate."""

import rules

from dialogwerk.tenancy.policy import is_member, is_planner

VIEW_RESULTS = "synthesis.view_results"
BUNDLE = "synthesis.bundle"
DECIDE = "synthesis.decide"


@rules.predicate
def dialogue_member(user, dialogue) -> bool:
    return dialogue is not None and is_member(user, dialogue.municipality)


@rules.predicate
def dialogue_planner(user, dialogue) -> bool:
    return dialogue is not None and is_planner(user, dialogue.municipality)


rules.add_perm(VIEW_RESULTS, dialogue_member)
rules.add_perm(BUNDLE, dialogue_planner)
rules.add_perm(DECIDE, dialogue_planner)
