"""Convenors without an account (synthesis/convenor_links.py): staff make and revoke the personal link on the
working group's page; its holder reads the mandate, hands in minutes and reports back on one small page,
without logging in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from dialogwerk.core.forms import PersonalLinkForm, add_validation_errors
from dialogwerk.dialogues.access import dialogue_for

from . import convenor_links, policy, selectors
from .forms import ConvenorReportForm, MeetingForm, ReportForm
from .models import ConvenorLink
from .views import group_page


def _links_url(group) -> str:
    return reverse("synthesis:working_group", args=[group.dialogue_id, group.pk]) + "#einberufung"


@login_required
@require_POST
def link_create(request, dialogue_id: int, group_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.DECIDE)
    group = selectors.get_working_group(dialogue=dialogue, group_id=group_id)
    form = PersonalLinkForm(request.POST, prefix="link")
    if form.is_valid():
        try:
            link = convenor_links.convenor_link_create(actor=request.user, working_group=group, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            if link.email:
                messages.success(request, _("The personal link was sent to %(email)s.") % {"email": link.email})
            else:
                messages.success(
                    request,
                    _("The personal link for %(name)s is ready: copy it below and hand it over.") % {"name": link.name},
                )
            return redirect(_links_url(group))
    report_form = ReportForm(initial={"reported_on": timezone.localdate(), "report": group.report})
    return group_page(request, dialogue, group, form=report_form, may_decide=True, link_form=form)


@login_required
@require_POST
def link_revoke(request, dialogue_id: int, group_id: int, convenor_link_id: int):
    dialogue = dialogue_for(request.user, dialogue_id, perm=policy.DECIDE)
    group = selectors.get_working_group(dialogue=dialogue, group_id=group_id)
    link = get_object_or_404(group.convenor_links, pk=convenor_link_id)
    if convenor_links.convenor_link_revoke(actor=request.user, link=link):
        messages.success(request, _("The link for %(name)s no longer works.") % {"name": link.name})
    return redirect(_links_url(group))


@never_cache
@require_http_methods(["GET", "POST"])
def convenor_page(request, convenor_token: str):
    """Two forms on one page: the minutes of a meeting (`action=meeting`) and the group's report (`action=report`)."""
    link = get_object_or_404(
        ConvenorLink.objects.select_related("working_group__dialogue__municipality"), token=convenor_token
    )
    group = link.working_group
    context = {"link": link, "group": group, "public": True}
    if not link.is_active(timezone.localdate()):
        return render(request, "synthesis/convenor_link_gone.html", context, status=410)
    action = request.POST.get("action", "")
    meeting_form = MeetingForm(
        request.POST if action == "meeting" else None, prefix="meeting", initial={"held_on": timezone.localdate()}
    )
    report_form = ConvenorReportForm(
        request.POST if action == "report" else None, prefix="report", initial={"report": group.report}
    )
    if request.method == "POST":
        form = {"meeting": meeting_form, "report": report_form}.get(action)
        if form is None:
            return render(
                request, "synthesis/convenor_page.html", _page_context(context, meeting_form, report_form), status=400
            )
        if form.is_valid():
            try:
                if action == "meeting":
                    convenor_links.convenor_meeting_post(link=link, **form.cleaned_data)
                    messages.success(request, _("Thank you! The minutes were saved; the steering group sees them now."))
                else:
                    proposals = [line.strip() for line in form.cleaned_data["proposals"].splitlines() if line.strip()]
                    convenor_links.convenor_report_post(
                        link=link, report=form.cleaned_data["report"], proposals=proposals
                    )
                    messages.success(
                        request, _("Thank you! The report was saved; its proposals now wait for a decision.")
                    )
            except convenor_links.LinkGone:
                return render(request, "synthesis/convenor_link_gone.html", context, status=410)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                return redirect("synthesis:convenor_page", convenor_token=convenor_token)
        return render(
            request, "synthesis/convenor_page.html", _page_context(context, meeting_form, report_form), status=422
        )
    return render(request, "synthesis/convenor_page.html", _page_context(context, meeting_form, report_form))


def _page_context(context: dict, meeting_form, report_form) -> dict:
    group = context["group"]
    return {
        **context,
        "meeting_form": meeting_form,
        "report_form": report_form,
        "meetings": group.meetings.all(),
        "proposals": group.proposals.prefetch_related("decisions"),
    }
