"""URL parameters of the preparation's pages, filled with objects of the other municipality."""

import datetime

from django.utils import timezone

from dialogwerk.preparation.models import (
    Actor,
    EventDetails,
    ExistingMeasure,
    Invitation,
    KeyFigure,
    Perspective,
    ProjectTask,
    Registration,
    TableImport,
)
from tests.tenant_walk import url_kwarg

PUBLIC_URL_NAMES = {
    "preparation:rsvp",
    "preparation:rsvp_ics",
    "preparation:rsvp_code",
    "preparation:event_public",
    "preparation:my_registration",
}


def _perspective(context: dict) -> Perspective:
    perspective, _created = Perspective.objects.get_or_create(dialogue=context["dialogue"], name="Verwaltung")
    return perspective


@url_kwarg("figure_id")
def figure_id(context: dict) -> int:
    return KeyFigure.objects.create(
        dialogue=context["dialogue"], indicator="Geflüchtete", value=10, as_of=datetime.date(2025, 1, 1)
    ).pk


@url_kwarg("measure_id")
def measure_id(context: dict) -> int:
    return ExistingMeasure.objects.create(dialogue=context["dialogue"], title="Sprachcafé B").pk


@url_kwarg("perspective_id")
def perspective_id(context: dict) -> int:
    return _perspective(context).pk


def _actor(context: dict) -> Actor:
    return Actor.objects.create(dialogue=context["dialogue"], name="Verein B", perspective=_perspective(context))


@url_kwarg("actor_id")
def actor_id(context: dict) -> int:
    return _actor(context).pk


@url_kwarg("rsvp_token")
def rsvp_token(context: dict) -> str:
    invitation = Invitation.objects.create(
        dialogue=context["dialogue"], actor=_actor(context), expires_on=datetime.date(2099, 1, 1)
    )
    return invitation.token


@url_kwarg("invitation_id")
def invitation_id(context: dict) -> int:
    return Invitation.objects.create(
        dialogue=context["dialogue"], actor=_actor(context), expires_on=datetime.date(2099, 1, 1)
    ).pk


def _registration(context: dict) -> Registration:
    return Registration.objects.create(
        dialogue=context["dialogue"],
        name="Person B",
        status="registered",
        consented_at=timezone.now(),
        notice_version="2026-1",
    )


@url_kwarg("registration_id")
def registration_id(context: dict) -> int:
    return _registration(context).pk


@url_kwarg("registration_token")
def registration_token(context: dict) -> str:
    return _registration(context).token


@url_kwarg("registration_dialogue_id")
def registration_dialogue_id(context: dict) -> int:
    EventDetails.objects.get_or_create(
        dialogue=context["dialogue"], defaults={"venue": "Halle B", "address": "Weg 1", "registration_open": True}
    )
    return context["dialogue"].pk


@url_kwarg("task_id")
def task_id(context: dict) -> int:
    return ProjectTask.objects.create(
        dialogue=context["dialogue"], title="Aufgabe B", due_on=datetime.date(2026, 1, 1)
    ).pk


@url_kwarg("table_import_id")
def table_import_id(context: dict) -> int:
    return TableImport.objects.create(
        dialogue=context["dialogue"], kind="actors", filename="b.csv", table=[["Name"], ["Geheim"]]
    ).pk
