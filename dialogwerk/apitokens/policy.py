"""Who may hold API tokens: every staff user with a role in at least one municipality."""

import rules

from dialogwerk.tenancy.policy import roles_of

CREATE_TOKEN = "apitokens.create_token"


@rules.predicate
def has_any_role(user) -> bool:
    return bool(roles_of(user))


rules.add_perm(CREATE_TOKEN, has_any_role)
