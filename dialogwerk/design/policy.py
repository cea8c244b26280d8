"""Who may see and change a dialogue's design: any member sees it; planners change it."""

import rules

from dialogwerk.tenancy.policy import is_member, is_planner

VIEW_DESIGN = "design.view_design"
CHANGE_DESIGN = "design.change_design"


@rules.predicate
def design_member(user, dialogue) -> bool:
    return dialogue is not None and is_member(user, dialogue.municipality)


@rules.predicate
def design_planner(user, dialogue) -> bool:
    return dialogue is not None and is_planner(user, dialogue.municipality)


rules.add_perm(VIEW_DESIGN, design_member)
rules.add_perm(CHANGE_DESIGN, design_planner)
