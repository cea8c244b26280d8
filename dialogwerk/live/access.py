"""Loading and authorising a live session in one call (see tenancy.access)."""

from dialogwerk.tenancy.access import authorize

from .models import Session
from .selectors import get_session_for_user


def session_for(user, session_id: int, *, perm: str) -> Session:
    """The session if its dialogue belongs to one of the user's municipalities (else 404) and the user's
    role there grants `perm` on it (else 403). Its dialogue and municipality come with it."""
    session = get_session_for_user(user=user, session_id=session_id)
    authorize(user, perm, session)
    return session
