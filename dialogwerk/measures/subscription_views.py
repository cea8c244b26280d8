"""The participant's pages of the loop back (measures/subscriptions.py): leave an address on the phone, confirm
it from the first mail, stop it from any mail. No account; in the participant's language."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.http import require_http_methods

from dialogwerk.core import ratelimit
from dialogwerk.live import selectors as live_selectors
from dialogwerk.translations.selectors import translator_for

from . import subscriptions
from .models import ResultsSubscription
from .participant_forms import ResultsSubscriptionForm


@require_http_methods(["GET", "POST"])
def subscribe(request, code: str):
    session = live_selectors.get_session_by_code(code=code)
    form = ResultsSubscriptionForm(request.POST or None)
    context = {
        "session": session,
        "form": form,
        "content_translator": translator_for(dialogue_id=session.dialogue_id, language=translation.get_language()),
    }
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "measures/subscribe.html", context, status=422)
        email = form.cleaned_data["email"].strip().lower()
        try:
            ratelimit.hit("results_notice.address", f"address:{email}")
            ratelimit.hit("results_notice.ip", f"ip:{ratelimit.client_ip(request)}")
        except ratelimit.RateLimited as error:
            form.add_error(None, error.message)
            return render(request, "measures/subscribe.html", context, status=429)
        subscriptions.subscription_request(
            dialogue=session.dialogue, email=form.cleaned_data["email"], language=translation.get_language()
        )
        context["sent_to"] = form.cleaned_data["email"]
    return render(request, "measures/subscribe.html", context)


@require_http_methods(["GET", "POST"])
def subscription(request, subscription_token: str):
    """From the mails: a button confirms (GET alone does not: mail scanners open links), another stops it."""
    found = get_object_or_404(ResultsSubscription.objects.select_related("dialogue"), token=subscription_token)
    # Opened from a mail, perhaps on another device: the language they subscribed in, unless this browser
    # was set to one (the language switch).
    if not request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        translation.activate(found.language)
        request.LANGUAGE_CODE = found.language
    context = {
        "subscription": found,
        "dialogue": None,
        "public_dialogue": found.dialogue,
        "content_translator": translator_for(dialogue_id=found.dialogue_id, language=translation.get_language()),
    }
    action = request.POST.get("action", "")
    if request.method == "POST" and action not in ("confirm", "stop"):
        return render(request, "measures/subscription.html", context, status=400)
    if action == "confirm":
        subscriptions.subscription_confirm(subscription=found)
        context["confirmed_now"] = True
    elif action == "stop":
        subscriptions.subscription_end(subscription=found)
        context["ended"] = True
    return render(request, "measures/subscription.html", context)
