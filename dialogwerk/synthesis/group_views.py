"""A working group's own pages beyond its report: edit mandate, deadline, members and convenor; record its
meetings with minutes; close it when its work is done (and open it again)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dialogwerk.core.forms import add_validation_errors
from dialogwerk.dialogues.access import dialogue_for

from . import policy, selectors, services
from .forms import MeetingForm, WorkingGroupForm


@login_required
@require_http_methods(["GET", "POST"])
def working_group_edit(request, dialogue_id: int, group_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.DECIDE)
    group = selectors.get_working_group(dialogue=dialogue, group_id=group_id)
    form = WorkingGroupForm(request.POST or None, instance=group, dialogue=dialogue)
    if request.method == "POST" and form.is_valid():
        try:
            services.working_group_update(actor=request.user, working_group=group, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The working group was saved."))
            return redirect("synthesis:working_group", dialogue_id=dialogue.pk, group_id=group.pk)
    return render(
        request,
        "synthesis/working_group_edit.html",
        {"dialogue": dialogue, "lifecycle_step": "results", "group": group, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def meeting_add(request, dialogue_id: int, group_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.DECIDE)
    group = selectors.get_working_group(dialogue=dialogue, group_id=group_id)
    form = MeetingForm(request.POST, prefix="meeting")
    if form.is_valid():
        try:
            services.working_group_meeting_add(actor=request.user, working_group=group, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The meeting and its minutes were recorded."))
            return redirect(reverse("synthesis:working_group", args=[dialogue.pk, group.pk]) + "#treffen")
    messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
    return redirect("synthesis:working_group", dialogue_id=dialogue.pk, group_id=group.pk)


@login_required
@require_POST
def working_group_close(request, dialogue_id: int, group_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.DECIDE)
    group = selectors.get_working_group(dialogue=dialogue, group_id=group_id)
    closing = request.POST.get("action") != "reopen"
    services.working_group_close(
        actor=request.user, working_group=group, closed_on=timezone.localdate() if closing else None
    )
    messages.success(request, _("The working group is closed.") if closing else _("The working group is open again."))
    return redirect("synthesis:working_group", dialogue_id=dialogue.pk, group_id=group.pk)
