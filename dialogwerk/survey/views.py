"""The participant's survey page (public, known by the live token cookie) and the staff's figures page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dialogwerk.core.forms import add_validation_errors
from dialogwerk.live import selectors as live_selectors
from dialogwerk.live.access import session_for
from dialogwerk.live.views import joined_participant
from dialogwerk.translations.selectors import translator_for

from . import policy, selectors, services
from .forms import AnswerForm
from .models import SCALE


@never_cache
@require_http_methods(["GET", "POST"])
def participant(request, code: str):
    session = live_selectors.get_session_by_code(code=code)
    participant = joined_participant(request, session)
    if participant is None:
        return redirect("live:join", code=session.code)
    survey = selectors.survey_of(session=session)
    answer = selectors.answer_of(survey=survey, participant=participant) if survey else None
    initial = {}
    if answer is not None:  # changing one's answer starts from it
        initial = {name: str(getattr(answer, name)) for name in services.QUESTIONS} | {"comment": answer.comment}
    form = AnswerForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if survey is None or not survey.is_open:
            form.add_error(None, _("The survey is closed. Thank you for taking part."))
            status = 409
        elif form.is_valid():
            try:
                services.answer_submit(survey=survey, participant=participant, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
                status = 422
            except services.SurveyClosed:
                form.add_error(None, _("The survey is closed. Thank you for taking part."))
                status = 409
            else:
                messages.success(
                    request, _("Thank you! Your answer was saved. You can change it until the survey closes.")
                )
                return redirect("survey:participant", code=session.code)
        else:
            status = 422
    return render(
        request,
        "survey/participant.html",
        {
            "session": session,
            "survey": survey,
            "form": form,
            "answered": answer is not None,
            "content_translator": translator_for(dialogue_id=session.dialogue_id, language=translation.get_language()),
        },
        status=status,
    )


def _results_page(request, session, *, status: int = 200, error: str = ""):
    survey = selectors.survey_of(session=session)
    figures = selectors.figures_of(survey=survey) if survey else None
    questions = []
    if figures:
        labels = AnswerForm.base_fields
        questions = [(labels[name].label, getattr(figures, name)) for name in services.QUESTIONS]
    return render(
        request,
        "survey/results.html",
        {
            "session": session,
            "dialogue": session.dialogue,
            "survey": survey,
            "figures": figures,
            "questions": questions,
            "scale": list(SCALE),
            "error": error,
            "may_run": request.user.has_perm(policy.RUN_SURVEY, session),
        },
        status=status,
    )


@login_required
@require_GET
def results(request, session_id: int):
    return _results_page(request, session_for(request.user, session_id, perm=policy.VIEW_SURVEY))


@login_required
@require_POST
def control(request, session_id: int):
    session = session_for(request.user, session_id, perm=policy.RUN_SURVEY)
    action = request.POST.get("action", "")
    try:
        if action == "open":
            services.survey_open(actor=request.user, session=session)
            messages.success(request, _("The survey is open. Participants find it on their page."))
        elif action == "close":
            survey = selectors.survey_of(session=session)
            if survey is None:
                raise ValidationError(_("This session has no survey yet."))
            services.survey_close(actor=request.user, survey=survey)
            messages.success(request, _("The survey is closed. Its answers can no longer be traced to anyone."))
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as error:
        return _results_page(request, session, status=422, error=" ".join(error.messages))
    return redirect("survey:results", session_id=session.pk)
