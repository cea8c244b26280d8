"""Who may see and run the participant survey: members of the municipality see the figures; those who run
the live session (moderators, consultants, admins) open and close it. Participants answer without an account."""

import rules

from dialogwerk.tenancy.policy import dialogue_member, dialogue_runner

VIEW_SURVEY = "survey.view_survey"  # object: a live Session
RUN_SURVEY = "survey.run_survey"  # object: a live Session

rules.add_perm(VIEW_SURVEY, dialogue_member)
rules.add_perm(RUN_SURVEY, dialogue_runner)
