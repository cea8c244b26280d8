"""Participants' own data over the API (mounted at /api/v1/privacy/): a participant, with the token they got
when joining, downloads everything stored about them and erases it. The join code must be their event's."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.security import HttpBearer

from dialogwerk.apitokens.api_kit import Error
from dialogwerk.live.models import Participant
from dialogwerk.live.selectors import get_session_by_code, participant_for_token

from . import services
from .models import Reason

router = Router(tags=["privacy"])


class ParticipantToken(HttpBearer):
    """The participant token from joining the live event (the same scheme as the live API's)."""

    def authenticate(self, request: HttpRequest, token: str) -> Participant | None:
        return participant_for_token(token=token)


participant_auth = ParticipantToken()


class ExportOut(Schema):
    kind: str
    exported_at: str
    controller: dict[str, str]
    participant: dict[str, Any]
    event: dict[str, str]
    consents: list[dict[str, Any]]
    cards: list[dict[str, Any]]
    dots: list[dict[str, Any]]
    seats: list[dict[str, Any]]


ERRORS = {401: Error, 403: Error, 404: Error}


def _own(request: HttpRequest, code: str) -> Participant | None:
    participant: Participant = request.auth
    if participant.session.code == code:
        return participant
    get_session_by_code(code=code)  # 404 for an unknown code
    return None


def _not_yours() -> Status:
    return Status(403, {"detail": _("Your participant token belongs to another event."), "errors": None})


@router.get(
    "live/{code}/me/export",
    response={200: ExportOut, **ERRORS},
    auth=participant_auth,
    url_name="privacy_live_export",
    summary="Everything stored about me",
)
def my_export(request: HttpRequest, code: str):
    participant = _own(request, code)
    if participant is None:
        return _not_yours()
    return Status(200, services.participant_export(participant))


@router.delete(
    "live/{code}/me",
    response={204: None, **ERRORS},
    auth=participant_auth,
    url_name="privacy_live_erase",
    summary="Erase my personal data",
)
def my_erase(request: HttpRequest, code: str):
    """Erases the caller's name, language and perspective; their cards and dots stay, anonymous. The token
    stops working."""
    participant = _own(request, code)
    if participant is None:
        return _not_yours()
    services.participant_erase(actor=None, participant=participant, reason=Reason.SELF_SERVICE)
    return Status(204, None)
