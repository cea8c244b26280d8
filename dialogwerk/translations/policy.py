"""Who translates a dialogue's texts: planners (consultants, administrators) and interpreters."""

import rules

from dialogwerk.tenancy.models import Role
from dialogwerk.tenancy.policy import has_role

TRANSLATE_TEXTS = "translations.translate_texts"  # object: a Dialogue

may_translate = has_role(Role.CONSULTANT, Role.MUNICIPALITY_ADMIN, Role.INTERPRETER)


@rules.predicate
def dialogue_translator(user, dialogue) -> bool:
    return dialogue is not None and may_translate(user, dialogue.municipality)


rules.add_perm(TRANSLATE_TEXTS, dialogue_translator)
