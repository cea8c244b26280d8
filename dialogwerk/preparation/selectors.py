"""Read queries of the preparation, always starting from a dialogue the user may see."""

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.dialogues.selectors import themes_of

from . import coverage as coverage_rules
from .models import (
    RSVP,
    SHORT_CODE_LENGTH,
    Actor,
    Channel,
    EventDetails,
    ExistingMeasure,
    Invitation,
    KeyFigure,
    NeedsAnalysis,
    Perspective,
    ProjectTask,
    Registration,
    normalise_short_code,
)


def analysis_of(*, dialogue: Dialogue) -> NeedsAnalysis:
    """The stored analysis, or an unsaved empty draft (nothing is written on reading)."""
    try:
        return dialogue.needs_analysis
    except NeedsAnalysis.DoesNotExist:
        return NeedsAnalysis(dialogue=dialogue)


def key_figures_of(*, dialogue: Dialogue) -> QuerySet[KeyFigure]:
    return dialogue.key_figures.order_by("indicator", "-as_of")


def get_key_figure(*, dialogue: Dialogue, figure_id: int) -> KeyFigure:
    return get_object_or_404(KeyFigure, pk=figure_id, dialogue=dialogue)


def existing_measures_of(*, dialogue: Dialogue) -> QuerySet[ExistingMeasure]:
    return dialogue.existing_measures.select_related("theme").order_by("theme__position", "title")


def get_existing_measure(*, dialogue: Dialogue, measure_id: int) -> ExistingMeasure:
    return get_object_or_404(ExistingMeasure, pk=measure_id, dialogue=dialogue)


def perspectives_of(*, dialogue: Dialogue) -> QuerySet[Perspective]:
    return dialogue.perspectives.annotate(actor_count=Count("actors")).order_by("position", "id")


def get_perspective(*, dialogue: Dialogue, perspective_id: int) -> Perspective:
    return get_object_or_404(Perspective, pk=perspective_id, dialogue=dialogue)


def actors_of(*, dialogue: Dialogue, perspective_id: int | None = None, search: str = "") -> QuerySet[Actor]:
    actors = dialogue.actors.select_related("perspective").prefetch_related("themes")
    if perspective_id:
        actors = actors.filter(perspective_id=perspective_id)
    if search:
        actors = actors.filter(name__icontains=search)
    return actors.order_by("perspective__position", "name")


def get_actor(*, dialogue: Dialogue, actor_id: int) -> Actor:
    return get_object_or_404(Actor, pk=actor_id, dialogue=dialogue)


def coverage_of(*, dialogue: Dialogue) -> coverage_rules.Coverage:
    themes = [(t.pk, t.name) for t in themes_of(dialogue=dialogue)]
    perspectives = [(p.pk, p.name) for p in dialogue.perspectives.order_by("position", "id")]
    actors = [
        (actor.perspective_id, [theme.pk for theme in actor.themes.all()])
        for actor in dialogue.actors.prefetch_related("themes")
    ]
    return coverage_rules.coverage(themes, perspectives, actors)


def invitations_of(*, dialogue: Dialogue) -> QuerySet[Invitation]:
    return dialogue.invitations.select_related("actor", "actor__perspective")


def get_invitation(*, dialogue: Dialogue, invitation_id: int) -> Invitation:
    return get_object_or_404(Invitation, pk=invitation_id, dialogue=dialogue)


def invitation_by_short_code(*, code: str) -> Invitation | None:
    """A paper invitation's code as typed; None when no invitation has it (or it is no code at all)."""
    normalised = normalise_short_code(code)
    if len(normalised) != SHORT_CODE_LENGTH:
        return None
    return Invitation.objects.filter(short_code=normalised).first()


def letter_invitations_of(*, dialogue: Dialogue, pending_only: bool = False) -> QuerySet[Invitation]:
    invitations = invitations_of(dialogue=dialogue).filter(channel=Channel.LETTER)
    return invitations.filter(status=RSVP.PENDING) if pending_only else invitations


def actors_not_invited(*, dialogue: Dialogue) -> QuerySet[Actor]:
    """The dialogue's actors without an invitation by any channel, as the invitation forms list them."""
    return (
        dialogue.actors.exclude(invitations__dialogue=dialogue)
        .select_related("perspective")
        .order_by("perspective__position", "name")
    )


def invitation_channels(*, dialogue: Dialogue) -> dict:
    """How many were invited by each channel, and how many actors are not invited at all."""
    by_channel = dict(dialogue.invitations.values_list("channel").annotate(n=Count("id")).order_by())
    return {
        "email": by_channel.get(Channel.EMAIL, 0),
        "letter": by_channel.get(Channel.LETTER, 0),
        "personal": by_channel.get(Channel.PERSONAL, 0),
        "not_invited": actors_not_invited(dialogue=dialogue).count(),
    }


def get_invitation_by_token(*, token: str) -> Invitation:
    """The public RSVP page: the token is the only key. Anything else is a 404."""
    if not token or len(token) > 64:
        raise Http404
    try:
        return Invitation.objects.select_related("dialogue", "dialogue__municipality", "actor").get(token=token)
    except Invitation.DoesNotExist:
        raise Http404 from None


def rsvp_counts_by_perspective(*, dialogue: Dialogue) -> list[dict]:
    """Per perspective: how many were invited and how many answered each way."""
    rows = {p.pk: {"perspective": p, "invited": 0, **{s: 0 for s in RSVP.values}} for p in dialogue.perspectives.all()}
    for perspective_id, status, count in (
        dialogue.invitations.values_list("actor__perspective_id", "status").annotate(n=Count("id")).order_by()
    ):
        rows[perspective_id][status] += count
        rows[perspective_id]["invited"] += count
    return list(rows.values())


def project_tasks_of(*, dialogue: Dialogue) -> QuerySet[ProjectTask]:
    return dialogue.project_tasks.prefetch_related(
        Prefetch("depends_on", queryset=ProjectTask.objects.order_by("due_on"))
    ).order_by("due_on", "id")


def get_project_task(*, dialogue: Dialogue, task_id: int) -> ProjectTask:
    return get_object_or_404(ProjectTask, pk=task_id, dialogue=dialogue)


def event_details_of(*, dialogue: Dialogue) -> EventDetails | None:
    return EventDetails.objects.filter(dialogue=dialogue).first()


def published_event(*, dialogue_id: int) -> EventDetails:
    """The public event page exists while staff have opened registration; anything else is a 404."""
    details = (
        EventDetails.objects.select_related("dialogue", "dialogue__municipality")
        .filter(dialogue_id=dialogue_id, registration_open=True)
        .first()
    )
    if details is None:
        raise Http404
    return details


def registrations_of(*, dialogue: Dialogue) -> QuerySet[Registration]:
    return dialogue.registrations.order_by("status", "created_at", "id")


def get_registration(*, dialogue: Dialogue, registration_id: int) -> Registration:
    return get_object_or_404(Registration, pk=registration_id, dialogue=dialogue)


def get_registration_by_token(*, token: str) -> Registration:
    if not token or len(token) > 64:
        raise Http404
    return get_object_or_404(Registration.objects.select_related("dialogue", "dialogue__municipality"), token=token)
