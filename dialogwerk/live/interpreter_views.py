"""The interpreter's page (Sprachmittlung): a queue of cards still to translate, one form under each.

Works without JavaScript (each translation is a plain form post); with it, new cards join the queue live."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dialogwerk.core.forms import add_validation_errors
from dialogwerk.dialogues.languages import LANGUAGE_NAMES

from . import policy, selectors, services
from .access import session_for
from .forms import TranslationForm, WallLanguagesForm
from .models import Contribution

GERMAN = settings.LANGUAGE_CODE
QUEUE_LIMIT = 30  # a tablet shows a handful; the rest follow as these are done


def _languages(session) -> tuple[list[str], str]:
    """The languages an interpreter may work from (the dialogue's and those cards were written in), and the
    one most cards were written in (the page opens with it)."""
    written = [code for code in selectors.card_languages(session=session) if code != GERMAN]
    codes = set(session.dialogue.language_codes) | set(written)
    languages = [code for code, _name in settings.LANGUAGES if code in codes and code != GERMAN]
    return languages, (written[0] if written else (languages[0] if languages else "en"))


def _chosen_language(request, default: str) -> str:
    chosen = request.POST.get("source") or request.GET.get("sprache", "")
    return chosen if chosen in LANGUAGE_NAMES and chosen != GERMAN else default


def _target(card: Contribution, language: str) -> str:
    """A card in the chosen language is translated into German; a German card (the way back) into it."""
    return GERMAN if card.language == language else language


@login_required
@require_http_methods(["GET", "POST"])
def interpret(request, session_id: int):
    session = session_for(request.user, session_id, perm=policy.TRANSLATE_CARDS)
    languages, most_written = _languages(session)
    language = _chosen_language(request, most_written)
    back = (request.POST.get("back") or request.GET.get("zurueck")) == "1"
    failed: TranslationForm | None = None
    if request.method == "POST":
        form = TranslationForm(request.POST)
        if form.is_valid():
            card = selectors.get_contribution(session=session, contribution_id=form.cleaned_data["card"])
            try:
                services.contribution_translate(
                    actor=request.user,
                    contribution=card,
                    language=form.cleaned_data["language"],
                    text=form.cleaned_data["text"],
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("Translation of card #%(id)s saved; the wall shows it.") % {"id": card.pk})
                query = f"?sprache={language}" + ("&zurueck=1" if back else "")
                return redirect(reverse("live:interpret", kwargs={"session_id": session.pk}) + query)
        failed = form
    queue = list(selectors.translation_queue(session=session, language=language, back=back)[:QUEUE_LIMIT])
    for card in queue:
        card.target = _target(card, language)
        card.existing = next((t for t in card.translations.all() if t.language == card.target), None)
        if failed is not None and str(card.pk) == str(failed.data.get("card")):
            card.form = failed
        else:
            card.form = TranslationForm(
                initial={"card": card.pk, "language": card.target, "text": card.existing.text if card.existing else ""},
                auto_id=f"card-{card.pk}-%s",
            )
    if failed is not None and not any(getattr(card, "form", None) is failed for card in queue):
        messages.error(request, " ".join(e for errors in failed.errors.values() for e in errors))
    return render(
        request,
        "live/interpret.html",
        {
            "session": session,
            "dialogue": session.dialogue,
            "languages": [(code, LANGUAGE_NAMES[code]) for code in (languages or [language])],
            "language": language,
            "language_name": LANGUAGE_NAMES[language],
            "back": back,
            "queue": queue,
            "queue_total": selectors.translation_queue(session=session, language=language, back=back).count(),
            "recent": selectors.recent_translations(session=session, language=language),
            "config": {
                "ws": f"/ws/live/{session.code}/",
                "lastEventId": selectors.last_event_id(session=session),
                "language": language,
                "newCards": _("New cards: %(count)s. They appear when you save or reload."),
            },
        },
        status=400 if failed is not None else 200,
    )


@login_required
@require_POST
def wall_languages(request, session_id: int):
    session = session_for(request.user, session_id, perm=policy.RUN_SESSION)
    form = WallLanguagesForm(request.POST)
    if form.is_valid():
        try:
            services.wall_languages_set(actor=request.user, session=session, languages=form.cleaned_data["languages"])
        except ValidationError as error:
            add_validation_errors(form, error)
    if form.errors:
        # Like the console's other controls: back to the console, the message on top, nothing changed.
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("live:console", session_id=session.pk)
    messages.success(
        request,
        _("The wall now shows translations into: %(languages)s.")
        % {"languages": ", ".join(LANGUAGE_NAMES[code] for code in session.wall_language_codes) or _("none")},
    )
    return redirect("live:console", session_id=session.pk)
