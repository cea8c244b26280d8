"""Who may see and run a live session: every member reads it; moderators, consultants and admins run it;
interpreters (Sprachmittlung) and those who run it translate its cards."""

import rules

from dialogwerk.tenancy.models import Role
from dialogwerk.tenancy.policy import dialogue_member, dialogue_runner, has_role, in_its_municipality

VIEW_SESSION = "live.view_session"  # object: a Session or a Dialogue
RUN_SESSION = "live.run_session"  # start/pause/advance, capture, moderate, open and close votes
TRANSLATE_CARDS = "live.translate_cards"  # the interpreter's page: write and check translations of cards

session_translator = in_its_municipality(
    has_role(Role.INTERPRETER, Role.MODERATOR, Role.CONSULTANT, Role.MUNICIPALITY_ADMIN)
)

rules.add_perm(VIEW_SESSION, dialogue_member)
rules.add_perm(RUN_SESSION, dialogue_runner)
rules.add_perm(TRANSLATE_CARDS, session_translator)
