"""The console's door controls: pause and open joining, raise the ceiling, remove a flood of fake joins,
and the head count of the people in the room."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dialogwerk.dialogues import services as dialogue_services

from . import joining, policy
from .access import session_for
from .forms import FloodForm, JoinLimitForm, PeopleCountedForm


@login_required
@require_POST
def door(request, session_id: int):
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    paused = request.POST.get("door") == "pause"
    joining.joining_pause(actor=request.user, session=session, paused=paused)
    if paused:
        messages.success(request, _("Joining is paused. People who already joined carry on."))
    else:
        messages.success(request, _("Joining is open again."))
    return redirect("live:console", session_id=session.pk)


@login_required
@require_POST
def join_limit(request, session_id: int):
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    form = JoinLimitForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["limit"])
        joining.join_limit_set(actor=request.user, session=session, limit=form.cleaned_data["limit"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Up to %(limit)d people can join now.") % {"limit": session.join_ceiling})
    return redirect("live:console", session_id=session.pk)


@login_required
@require_POST
def people_counted(request, session_id: int):
    """The head count at the door: the one attendance figure of the documents (kept on the dialogue)."""
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    form = PeopleCountedForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["count"]))
    else:
        count = form.cleaned_data["count"]
        dialogue_services.dialogue_count_people(actor=request.user, dialogue=session.dialogue, count=count)
        if count is None:
            messages.success(request, _("The head count was cleared."))
        else:
            messages.success(
                request, ngettext("%(count)d person counted.", "%(count)d people counted.", count) % {"count": count}
            )
    return redirect("live:console", session_id=session.pk)


@login_required
@require_POST
def flood(request, session_id: int):
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    form = FloodForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([message for errors in form.errors.values() for message in errors])
        people, cards = joining.flood_remove(
            actor=request.user,
            session=session,
            minutes=form.cleaned_data["minutes"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "%(people)d participants removed and %(cards)d of their cards hidden. Joining is paused; open it again when you are ready."
            )
            % {"people": people, "cards": cards},
        )
    return redirect("live:console", session_id=session.pk)
