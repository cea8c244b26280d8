"""Loading and authorising in one call: the one way a view, an API handler or an export gets a main object.

Every `<thing>_for(user, <id>, perm=…)` answers the same way: 404 when the object is not in one of the
user's municipalities (an outsider learns nothing, not even that it exists), 403 when the user's role
there lacks `perm`, otherwise the object. This module holds the municipality's and the shared check; each
app that owns a main object keeps its own next to its selectors (`dialogues.access.dialogue_for`,
`live.access.session_for`, `measures.access.measure_for`, `funding.access.funding_body_for`), so the apps'
dependency direction stays core → tenancy → dialogues → the others.
"""

from django.core.exceptions import PermissionDenied

from .models import Municipality
from .selectors import get_municipality_for_user


def authorize(user, perm: str, obj: object = None) -> None:
    """403 unless `user` holds `perm` on `obj`: for an object already loaded through an access function
    (a second, stronger permission for a POST, or one asked of the object's municipality)."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def municipality_for(user, municipality_id: int, *, perm: str) -> Municipality:
    """The municipality if the user is a member of it (else 404) and holds `perm` there (else 403)."""
    municipality = get_municipality_for_user(user=user, municipality_id=municipality_id)
    authorize(user, perm, municipality)
    return municipality
