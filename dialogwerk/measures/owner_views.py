"""Owners without an account: staff make and revoke personal links on a measure's page; the link's holder
reads the measure and posts a progress report on one small page, without logging in. And the page behind
every reminder's pause link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from dialogwerk.core.forms import PersonalLinkForm, add_validation_errors

from . import policy, selectors, services
from .access import measure_for
from .forms import OwnerReportForm, ProgressUpdateForm
from .views import _render_detail, _update_initial


def _detail_url(measure) -> str:
    return reverse("measures:detail", args=[measure.dialogue_id, measure.pk]) + "#personliche-links"


@login_required
@require_POST
def owner_link_create(request, dialogue_id: int, measure_id: int):
    measure = measure_for(request.user, dialogue_id, measure_id, perm=policy.CHANGE_MEASURES)
    dialogue = measure.dialogue
    form = PersonalLinkForm(request.POST)
    if form.is_valid():
        try:
            link = services.owner_link_create(
                actor=request.user, measure=measure, base_url=request.build_absolute_uri("/"), **form.cleaned_data
            )
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
            return redirect(_detail_url(measure))
    return _render_detail(
        request, dialogue, measure, ProgressUpdateForm(initial=_update_initial(measure)), status=422, owner_form=form
    )


@login_required
@require_POST
def owner_link_revoke(request, dialogue_id: int, measure_id: int, link_id: int):
    measure = measure_for(request.user, dialogue_id, measure_id, perm=policy.CHANGE_MEASURES)
    link = selectors.get_owner_link(measure=measure, link_id=link_id)
    if services.owner_link_revoke(actor=request.user, link=link):
        messages.success(request, _("The link for %(name)s no longer works.") % {"name": link.name})
    return redirect(_detail_url(measure))


@never_cache
@require_http_methods(["GET", "POST"])
def owner_report(request, owner_token: str):
    link = selectors.owner_link_by_token(token=owner_token)
    measure = link.measure
    context = {"link": link, "measure": measure, "public": True}
    if not link.is_active(timezone.localdate()):
        return render(request, "measures/owner_link_gone.html", context, status=410)
    form = OwnerReportForm(
        request.POST or None, request.FILES or None, initial={"status": measure.status, "progress": measure.progress}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        attachment = data.pop("attachment", None)
        try:
            services.owner_report_post(link=link, files=[attachment] if attachment else [], **data)
        except services.LinkGone:
            return render(request, "measures/owner_link_gone.html", context, status=410)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Thank you! Your report was saved. The steering group sees it now."))
            return redirect("measures:owner_report", owner_token=owner_token)
    context.update(form=form, updates=selectors.updates_of(measure=measure))
    return render(request, "measures/owner_report.html", context, status=422 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def reminder_settings(request, recipient_token: str):
    """Pause reminders or switch them on again: a POST (a mail scanner that follows the link changes nothing)."""
    recipient = selectors.reminder_recipient_by_token(token=recipient_token)
    if request.method == "POST":
        choice = request.POST.get("paused", "")
        if choice not in ("yes", "no"):
            return render(
                request, "measures/reminder_settings.html", {"recipient": recipient, "public": True}, status=400
            )
        services.reminders_pause(recipient=recipient, paused=choice == "yes")
        messages.success(
            request, _("Reminders are paused.") if choice == "yes" else _("Reminders are switched on again.")
        )
        return redirect("measures:reminder_settings", recipient_token=recipient_token)
    return render(request, "measures/reminder_settings.html", {"recipient": recipient, "public": True})
