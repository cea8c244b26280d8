"""Who translates a dialogue's texts: planners (consultants, administrators) and interpreters."""

import rules

from dialogwerk.tenancy.models import Role
from dialogwerk.tenancy.policy import has_role, in_its_municipality

TRANSLATE_TEXTS = "translations.translate_texts"  # object: a Dialogue

dialogue_translator = in_its_municipality(has_role(Role.CONSULTANT, Role.MUNICIPALITY_ADMIN, Role.INTERPRETER))

rules.add_perm(TRANSLATE_TEXTS, dialogue_translator)
