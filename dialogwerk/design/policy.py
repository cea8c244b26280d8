"""Who may see and change a dialogue's design: any member sees it; planners change it."""

import rules

from dialogwerk.tenancy.policy import dialogue_member, dialogue_planner

VIEW_DESIGN = "design.view_design"
CHANGE_DESIGN = "design.change_design"

rules.add_perm(VIEW_DESIGN, dialogue_member)
rules.add_perm(CHANGE_DESIGN, dialogue_planner)
