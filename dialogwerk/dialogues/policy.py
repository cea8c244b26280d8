"""Who may see and change a dialogue: any member sees it; consultants and municipality admins plan it,
its languages included."""

import rules

from dialogwerk.tenancy.policy import dialogue_admin, dialogue_member, dialogue_planner, is_planner

VIEW_DIALOGUE = "dialogues.view_dialogue"
CHANGE_DIALOGUE = "dialogues.change_dialogue"
CREATE_DIALOGUE = "dialogues.create_dialogue"  # object: the municipality
CHOOSE_LANGUAGES = "dialogues.choose_languages"
DELETE_DIALOGUE = "dialogues.delete_dialogue"  # the municipality's administrators only

rules.add_perm(VIEW_DIALOGUE, dialogue_member)
rules.add_perm(CHANGE_DIALOGUE, dialogue_planner)
rules.add_perm(CREATE_DIALOGUE, is_planner)
rules.add_perm(CHOOSE_LANGUAGES, dialogue_planner)
rules.add_perm(DELETE_DIALOGUE, dialogue_admin)
