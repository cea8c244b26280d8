"""Who may see and make documents: members see them; consultants and municipality admins generate them
and change the texts and the logo."""

import rules

from dialogwerk.tenancy.policy import dialogue_member, dialogue_planner, is_planner

VIEW_DOCUMENTS = "reports.view_documents"
GENERATE_DOCUMENTS = "reports.generate_documents"
CHANGE_BRANDING = "reports.change_branding"  # object: the municipality

rules.add_perm(VIEW_DOCUMENTS, dialogue_member)
rules.add_perm(GENERATE_DOCUMENTS, dialogue_planner)
rules.add_perm(CHANGE_BRANDING, is_planner)
