"""URL parameters of the privacy pages, filled with objects of the other municipality."""

from dialogwerk.live import services as live_services
from dialogwerk.live.models import Method
from tests.tenant_walk import url_kwarg

# The privacy notice is public; participants' own export and erasure are scoped by join code and token.
# A participant's own data page is scoped by join code and token cookie (test_participant_self_service.py).
# "My data" shows only the logged-in staff member's own account (tests/privacy/test_staff_data.py).
PUBLIC_URL_NAMES = {
    "privacy:notice",
    "api:privacy_live_export",
    "api:privacy_live_erase",
    "privacy:my_data",
    "privacy:my_participant_data",
}


@url_kwarg("participant_id")
def participant_id(context: dict) -> int:
    if "live_session" not in context:
        context["live_session"] = live_services.session_create(
            actor=context["user"], dialogue=context["dialogue"], title="Geheime Sitzung B", method=Method.WORLD_CAFE
        )
    participant, _token = live_services.participant_join(
        session=context["live_session"], display_name="Geheim B", consent=True
    )
    return participant.pk
