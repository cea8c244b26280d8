"""The guide's pages: the start wizard, the user guide under /hilfe/, Leichte Sprache, the accessibility
statement with its feedback form, and the municipality's sign-language video."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dialogwerk.core.forms import add_validation_errors
from dialogwerk.core.ratelimit import client_ip
from dialogwerk.dialogues import policy as dialogue_policy
from dialogwerk.tenancy import selectors as tenancy_selectors
from dialogwerk.tenancy.access import municipality_for
from dialogwerk.tenancy.models import Municipality
from dialogwerk.tenancy.policy import is_planner

from . import chapters, policy, selectors, services
from .forms import FeedbackForm, SignLanguageVideoForm, WizardForm
from .models import SignLanguageVideo

STATEMENT_DATE = datetime.date(2026, 1, 15)  # when the statement was last checked; change it with the text


def _plannable(user):
    return [m for m in tenancy_selectors.municipalities_for_user(user=user) if is_planner(user, m)]


@login_required
@require_http_methods(["GET", "POST"])
def wizard(request, municipality_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=dialogue_policy.CREATE_DIALOGUE)
    allowed = Municipality.objects.filter(pk__in=[m.pk for m in _plannable(request.user)]).order_by("name")
    form = WizardForm(request.POST or None, municipalities=allowed, initial={"municipality": municipality.pk})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dialogue = services.dialogue_start(
                actor=request.user,
                municipality=data["municipality"],
                title=data["title"],
                starts_on=data["starts_on"],
                expected_participants=data["expected_participants"],
                purpose=data["purpose"],
                themes=data["themes"],
                extra_themes=data["extra_themes"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "The dialogue was created with its themes, the five guiding questions and a project plan. The checklist below shows the next step."
                ),
            )
            return redirect("dialogues:overview", dialogue_id=dialogue.pk)
    return render(
        request,
        "guide/wizard.html",
        {"municipality": municipality, "form": form},
        status=422 if form.errors else 200,
    )


def _chapter_context(slug: str) -> dict:
    return {
        "chapter": chapters.BY_SLUG.get(slug, chapters.INDEX),
        "chapters": chapters.CHAPTERS,
        "body": chapters.render(slug),
    }


def index(request):
    return render(request, "guide/chapter.html", _chapter_context("index"))


def chapter(request, slug: str):
    if slug not in chapters.BY_SLUG or slug in {"moderationskarte", "leichte-sprache"}:
        if slug == "moderationskarte":
            return redirect("guide:moderation_card")
        if slug == "leichte-sprache":
            return redirect("guide:easy_language")
        raise Http404
    return render(request, "guide/chapter.html", _chapter_context(slug))


def image(request, name: str):
    path = chapters.image_path(name)
    if path is None:
        raise Http404
    response = FileResponse(path.open("rb"), content_type="image/png")
    response["Cache-Control"] = "public, max-age=3600"
    return response


def moderation_card(request):
    return render(request, "guide/moderation_card.html", _chapter_context("moderationskarte"))


def easy_language(request):
    context = _chapter_context("leichte-sprache")
    context["videos"] = selectors.sign_language_videos()
    return render(request, "guide/easy_language.html", context)


def sign_language_video(request, video_id: int):
    video = get_object_or_404(SignLanguageVideo, pk=video_id)
    if not video.file:
        raise Http404
    response = FileResponse(video.file.open("rb"), content_type=video.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def accessibility(request):
    form = FeedbackForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.feedback_submit(
                    municipality=form.cleaned_data["municipality"],
                    message=form.cleaned_data["message"],
                    contact=form.cleaned_data["contact"],
                    page_url=form.cleaned_data["page_url"],
                    ip=client_ip(request),
                )
            except services.TooManyMessages:
                form.add_error(
                    None,
                    _(
                        "You have sent several messages in a short time. Please try again in an hour, or write to the municipality directly."
                    ),
                )
                status = 429
            else:
                messages.success(request, _("Thank you. Your message was sent to the municipality."))
                return redirect("guide:accessibility")
        else:
            status = 422
    return render(
        request,
        "guide/accessibility.html",
        {"form": form, "statement_date": STATEMENT_DATE, "municipalities": Municipality.objects.order_by("name")},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def sign_video_upload(request, municipality_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=policy.MANAGE_SIGN_LANGUAGE_VIDEO)
    form = SignLanguageVideoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        services.sign_language_video_save(
            actor=request.user, municipality=municipality, upload=upload, content_type=upload.sniffed_type
        )
        messages.success(request, _("The video was saved. It is shown on the page in plain language."))
        return redirect("guide:sign_video_upload", municipality_id=municipality.pk)
    return render(
        request,
        "guide/sign_video_upload.html",
        {
            "municipality": municipality,
            "form": form,
            "video": selectors.sign_language_video_of(municipality=municipality),
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def sign_video_delete(request, municipality_id: int):
    municipality = municipality_for(request.user, municipality_id, perm=policy.MANAGE_SIGN_LANGUAGE_VIDEO)
    services.sign_language_video_delete(actor=request.user, municipality=municipality)
    messages.success(request, _("The video was removed."))
    return redirect("guide:sign_video_upload", municipality_id=municipality.pk)
