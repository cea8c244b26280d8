"""Who may see and run a live session: every member reads it; moderators, consultants and admins run it;
interpreters (Sprachmittlung) and those who run it translate its cards."""

import rules

from dialogwerk.tenancy.models import Role
from dialogwerk.tenancy.policy import has_role, is_member

VIEW_SESSION = "live.view_session"  # object: a Session or a Dialogue
RUN_SESSION = "live.run_session"  # start/pause/advance, capture, moderate, open and close votes
TRANSLATE_CARDS = "live.translate_cards"  # the interpreter's page: write and check translations of cards

may_run = has_role(Role.MODERATOR, Role.CONSULTANT, Role.MUNICIPALITY_ADMIN)
may_translate = has_role(Role.INTERPRETER, Role.MODERATOR, Role.CONSULTANT, Role.MUNICIPALITY_ADMIN)


@rules.predicate
def session_member(user, obj) -> bool:
    return obj is not None and is_member(user, obj.municipality)


@rules.predicate
def session_runner(user, obj) -> bool:
    return obj is not None and may_run(user, obj.municipality)


rules.add_perm(VIEW_SESSION, session_member)


@rules.predicate
def session_translator(user, obj) -> bool:
    return obj is not None and may_translate(user, obj.municipality)


rules.add_perm(RUN_SESSION, session_runner)
rules.add_perm(TRANSLATE_CARDS, session_translator)
