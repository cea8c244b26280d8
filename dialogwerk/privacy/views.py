"""Pages of data protection: the public privacy notice, a participant's own data (see, download, erase from
the phone), and for the municipality's administrators the settings, the record of processing, and finding,
exporting and erasing one participant or actor."""

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from dialogwerk.core.pagination import paginate
from dialogwerk.dialogues.perspectives import FORM_CHOICES, perspective_label
from dialogwerk.live import selectors as live_selectors
from dialogwerk.live.views import joined_participant, token_cookie
from dialogwerk.tenancy.access import municipality_for
from dialogwerk.tenancy.models import Membership, Municipality
from dialogwerk.translations.selectors import translator_for

from . import policy, processing, selectors, services
from .forms import ActorSearchForm, ContactSearchForm, EraseForm, ParticipantSearchForm, PrivacySettingsForm
from .models import Reason
from .participant_forms import ERASED_MESSAGE, SelfEraseForm


@require_GET
def notice(request, municipality_id: int):
    """The public privacy notice of one municipality (linked from the join and RSVP pages)."""
    municipality = get_object_or_404(Municipality, pk=municipality_id)
    return render(
        request,
        "privacy/notice.html",
        {
            "municipality": municipality,
            "privacy": selectors.settings_of(municipality=municipality),
            "activities": processing.activities(),
            "retention_days": services.retention_days(),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def my_participant_data(request, code: str):
    """A participant's own data, linked from the participant page: what is stored (readable), a JSON download
    (`?format=json`), and erasure. Known only by the token cookie of joining; without it, the join page."""
    session = live_selectors.get_session_by_code(code=code)
    participant = joined_participant(request, session)
    if participant is None:
        return redirect("live:join", code=session.code)
    data = services.participant_export(participant)
    if request.method == "GET" and request.GET.get("format") == "json":
        return _json_download(data, f"meine-daten-{session.code}.json")
    form = SelfEraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.participant_erase(actor=None, participant=participant, reason=Reason.SELF_SERVICE)
        messages.success(request, ERASED_MESSAGE)
        response = redirect("live:join", code=session.code)
        response.delete_cookie(token_cookie(session), samesite="Lax")  # the token no longer works anyway
        return response
    return render(
        request,
        "privacy/my_participant_data.html",
        {
            "session": session,
            "participant": participant,
            "data": data,
            "cards": participant.contributions.select_related("theme").order_by("created_at", "id"),
            "dots": sum(1 for dot in data["dots"] if not dot["withdrawn_at"]),
            # As the join form offered it, in the participant's language.
            "perspective": str(dict(FORM_CHOICES).get(participant.perspective, participant.perspective)),
            "form": form,
            "content_translator": translator_for(dialogue_id=session.dialogue_id, language=translation.get_language()),
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_GET
def overview(request, municipality_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=policy.MANAGE_PERSONAL_DATA)
    participant_form = ParticipantSearchForm(request.GET or None)
    actor_form = ActorSearchForm(request.GET or None)
    contact_form = ContactSearchForm(request.GET or None)
    participants = actors = contact = None
    if contact_form.is_valid() and contact_form.cleaned_data["email"]:
        email = contact_form.cleaned_data["email"]
        contact = {
            "email": email,
            "found": selectors.contact_found(selectors.contact_records(municipality=municipality, email=email)),
        }
    if participant_form.is_valid() and (participant_form.cleaned_data["name"] or participant_form.cleaned_data["code"]):
        participants = selectors.participants_matching(municipality=municipality, **participant_form.cleaned_data)[:50]
    if actor_form.is_valid() and actor_form.cleaned_data["q"]:
        actors = selectors.actors_matching(municipality=municipality, query=actor_form.cleaned_data["q"])[:50]
    return render(
        request,
        "privacy/overview.html",
        {
            "municipality": municipality,
            "participant_form": participant_form,
            "actor_form": actor_form,
            "participants": participants,
            "actors": actors,
            "contact_form": contact_form,
            "contact": contact,
            "page": paginate(request, selectors.erasures_of(municipality=municipality)),
            "may_change_settings": request.user.has_perm(policy.CHANGE_PRIVACY_SETTINGS, municipality),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request, municipality_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=policy.CHANGE_PRIVACY_SETTINGS)
    current = selectors.settings_of(municipality=municipality)
    form = PrivacySettingsForm(request.POST if request.method == "POST" else None, instance=current)
    if request.method == "POST":
        if form.is_valid():
            services.privacy_settings_update(actor=request.user, municipality=municipality, **form.cleaned_data)
            messages.success(request, _("The privacy settings were saved."))
            return redirect("privacy:settings", municipality_id=municipality.pk)
    return render(
        request,
        "privacy/settings.html",
        {"municipality": municipality, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_GET
def processing_record(request, municipality_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=policy.VIEW_PROCESSING_RECORD)
    return render(
        request,
        "privacy/processing.html",
        {
            "municipality": municipality,
            "privacy": selectors.settings_of(municipality=municipality),
            "activities": processing.activities(),
        },
    )


def _json_download(data: dict, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_GET
def participant_detail(request, municipality_id: int, participant_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=policy.MANAGE_PERSONAL_DATA)
    participant = selectors.get_participant(municipality=municipality, participant_id=participant_id)
    return render(
        request,
        "privacy/participant.html",
        {
            "municipality": municipality,
            "participant": participant,
            "data": services.participant_export(participant),
            "perspective": perspective_label(participant.perspective),
            "erased": services.is_erased(participant),
        },
    )


@never_cache
@login_required
@require_GET
def participant_export_json(request, municipality_id: int, participant_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=policy.MANAGE_PERSONAL_DATA)
    participant = selectors.get_participant(municipality=municipality, participant_id=participant_id)
    return _json_download(services.participant_export(participant), f"teilnehmende-{participant.pk}.json")


@login_required
@require_http_methods(["GET", "POST"])
def participant_erase(request, municipality_id: int, participant_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=policy.MANAGE_PERSONAL_DATA)
    participant = selectors.get_participant(municipality=municipality, participant_id=participant_id)
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.participant_erase(actor=request.user, participant=participant)
        messages.success(
            request, _("The participant's personal data was erased. Their cards and dots remain, anonymously.")
        )
        return redirect("privacy:participant", municipality_id=municipality.pk, participant_id=participant.pk)
    return render(
        request,
        "privacy/erase.html",
        {
            "municipality": municipality,
            "form": form,
            "subject": participant,
            "is_participant": True,
            "back": ("privacy:participant", participant.pk),
        },
        status=422 if form.errors else 200,
    )


@never_cache
@login_required
@require_GET
def actor_detail(request, municipality_id: int, actor_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=policy.MANAGE_PERSONAL_DATA)
    actor = selectors.get_actor(municipality=municipality, actor_id=actor_id)
    return render(
        request,
        "privacy/actor.html",
        {"municipality": municipality, "actor": actor, "data": services.actor_export(actor)},
    )


@never_cache
@login_required
@require_GET
def actor_export_json(request, municipality_id: int, actor_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=policy.MANAGE_PERSONAL_DATA)
    actor = selectors.get_actor(municipality=municipality, actor_id=actor_id)
    return _json_download(services.actor_export(actor), f"akteur-{actor.pk}.json")


@login_required
@require_http_methods(["GET", "POST"])
def actor_erase(request, municipality_id: int, actor_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=policy.MANAGE_PERSONAL_DATA)
    actor = selectors.get_actor(municipality=municipality, actor_id=actor_id)
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.actor_erase(actor=request.user, record=actor)
        messages.success(
            request, _("The actor's personal data was erased. Their invitation answers remain, anonymously.")
        )
        return redirect("privacy:actor", municipality_id=municipality.pk, actor_id=actor.pk)
    return render(
        request,
        "privacy/erase.html",
        {"municipality": municipality, "form": form, "subject": actor, "is_participant": False},
        status=422 if form.errors else 200,
    )


# --- Contacts without an account -----------------------------------------------------------------------------


def _contact(request, municipality) -> tuple[str, dict]:
    """The e-mail address asked for (query or form) and what is stored under it; 404 when nothing is."""
    form = ContactSearchForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid() or not form.cleaned_data["email"]:
        raise Http404
    email = form.cleaned_data["email"]
    records = selectors.contact_records(municipality=municipality, email=email)
    if not selectors.contact_found(records):
        raise Http404
    return email, records


@never_cache
@login_required
@require_GET
def contact_detail(request, municipality_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=policy.MANAGE_PERSONAL_DATA)
    email, records = _contact(request, municipality)
    query = "?" + urlencode({"email": email})
    return render(
        request,
        "privacy/contact.html",
        {
            "municipality": municipality,
            "email": email,
            "records": records,
            "json_url": reverse("privacy:contact_json", args=[municipality.pk]) + query,
            "erase_url": reverse("privacy:contact_erase", args=[municipality.pk]) + query,
        },
    )


@never_cache
@login_required
@require_GET
def contact_export_json(request, municipality_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=policy.MANAGE_PERSONAL_DATA)
    email, _records = _contact(request, municipality)
    return _json_download(services.contact_export(municipality=municipality, email=email), "kontakt.json")


@login_required
@require_http_methods(["GET", "POST"])
def contact_erase(request, municipality_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=policy.MANAGE_PERSONAL_DATA)
    email, _records = _contact(request, municipality)
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.contact_erase(actor=request.user, municipality=municipality, email=email)
        messages.success(
            request, _("The contact's personal data was erased. The measures and reports remain, without their name.")
        )
        return redirect("privacy:overview", municipality_id=municipality.pk)
    return render(
        request,
        "privacy/erase.html",
        {"municipality": municipality, "form": form, "subject": email, "is_contact": True, "email": email},
        status=422 if form.errors else 200,
    )


# --- Staff accounts ----------------------------------------------------------------------------------------


@never_cache
@login_required
@require_GET
def my_data(request):
    """Everything stored about the logged-in staff member: readable, or as JSON with ?format=json."""
    data = services.staff_export(request.user)
    if request.GET.get("format") == "json":
        return _json_download(data, f"mein-konto-{request.user.pk}.json")
    return render(request, "privacy/my_data.html", {"data": data})


@login_required
@require_http_methods(["GET", "POST"])
def staff_erase(request, municipality_id: int, membership_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=policy.MANAGE_PERSONAL_DATA)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), municipality=municipality, pk=membership_id
    )
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_erase(actor=request.user, municipality=municipality, user=membership.user)
        except services.StaffEraseRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _(
                    "The account's personal data was erased. What the person made stays, attributed to “deleted person”."
                ),
            )
            return redirect("tenancy:members", municipality_id=municipality.pk)
    return render(
        request,
        "privacy/staff_erase.html",
        {"municipality": municipality, "form": form, "member": membership.user},
        status=422 if form.errors else 200,
    )
