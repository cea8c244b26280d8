"""Which pages speak every language of settings.LANGUAGES, and which only German and English.

Participants need no account and read their pages on their phones, in the language they chose: those
pages' strings are translated into all seven languages (tests/test_translations.py). Staff pages are
translated into German and English only: shown in Arabic they would put German text under
`<html lang="ar" dir="rtl">` (WCAG 3.1.1). So a staff page asked for in another language is served in
German, with a one-line note in the chosen language; the choice (the language cookie) stays, so the same
person's next participant page is in their language again.

The participant pages are named here, in one place, by their resolved URL name (namespace:name). A page
not listed is a staff page. A URL that matches no page keeps the chosen language: nobody can tell whose
page it was, and the 404 page is translated into every language.
"""

from django.conf import settings
from django.http import HttpRequest
from django.urls import ResolverMatch

STAFF_LANGUAGES = ("de", "en")

PARTICIPANT_PAGES = frozenset(
    {
        # Joining on the phone (/j/, /j/<code>/), the participant page and its offline service worker.
        "live:join_start",
        "live:join",
        "live:participant",
        "live:service_worker",
        # The projector wall: staff open it, the hall reads it.
        "live:wall",
        # The short survey at the end of an event.
        "survey:participant",
        # The participant's own data (see, download, erase) and the municipality's privacy notice.
        "privacy:my_participant_data",
        "privacy:notice",
        # The RSVP link of an invitation, its calendar entry, and the page for a paper invitation's code.
        "preparation:rsvp",
        "preparation:rsvp_ics",
        "preparation:rsvp_code",
        # The public event page with open registration, and the registered person's own page.
        "preparation:event_public",
        "preparation:my_registration",
        # The public status page of the measures and its Atom feed.
        "measures:public_status",
        "measures:public_feed",
        "measures:public_measure",
        "measures:public_decision_document",
        # Hearing back about the results: the address left on the phone, confirmed and ended from the mails.
        "measures:subscribe",
        "measures:subscription",
        # The accessibility statement, Leichte Sprache and its sign-language video.
        "guide:accessibility",
        "guide:easy_language",
        "guide:sign_language_video",
        # The participant API the phones call (its errors are shown on the participant page).
        "api:live_session",
        "api:live_participants",
        "api:live_contributions",
        "api:live_votes",
        "api:live_vote",
        "api:live_results",
        "api:live_me",
        "api:live_options",
        "api:live_events",
        "api:privacy_live_export",
        "api:privacy_live_erase",
    }
)


def chosen_language(request: HttpRequest) -> str:
    """The language the person chose (the cookie), or German."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def is_participant_page(resolver_match: ResolverMatch | None) -> bool:
    return resolver_match is not None and resolver_match.view_name in PARTICIPANT_PAGES


def is_staff_page(resolver_match: ResolverMatch | None) -> bool:
    """Every page that is not a participant page; a URL that matches no page is neither."""
    return resolver_match is not None and not is_participant_page(resolver_match)


def page_language(request: HttpRequest) -> str:
    """The language to render the request's page in: the chosen one, unless a staff page does not speak it."""
    chosen = chosen_language(request)
    if is_staff_page(getattr(request, "resolver_match", None)) and chosen not in STAFF_LANGUAGES:
        return settings.LANGUAGE_CODE
    return chosen


def offered_languages(resolver_match: ResolverMatch | None) -> list[str]:
    """The codes the language switcher offers on this page."""
    codes = [code for code, _name in settings.LANGUAGES]
    return [code for code in codes if code in STAFF_LANGUAGES] if is_staff_page(resolver_match) else codes
