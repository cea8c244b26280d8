"""Staff pages speak German and English; participant pages all seven languages (core.page_languages).

A staff page asked for in Arabic, Farsi, Ukrainian, Turkish or Russian is German, with a one-line note in
the chosen language; the choice (the cookie) is kept for the participant pages.
"""

import datetime

import pytest
from django.conf import settings
from django.utils import translation

from dialogwerk.core import page_languages
from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.live import services as live_services
from dialogwerk.live.models import Method
from dialogwerk.live.views import token_cookie
from dialogwerk.measures import services as measure_services
from dialogwerk.preparation.models import Actor, Invitation, Perspective
from tests.tenant_walk import FACTORIES, load_factories, walk

pytestmark = pytest.mark.django_db

NOTE = "This page is available in German and English only."
ARABIC_NOTE = "هذه الصفحة متاحة باللغتين الألمانية والإنجليزية فقط."
GERMAN_FRAME = "Software für kommunale Flüchtlingsdialoge"
ARABIC_FRAME = "برنامج لحوارات البلديات حول اللاجئين"
NOT_STAFF_LANGUAGES = ["ar", "fa", "uk", "tr", "ru"]
SKIP_PAGES = {"logout", "set_language"}


def note_tag(code: str) -> str:
    direction = "rtl" if translation.get_language_info(code)["bidi"] else "ltr"
    return f'<p class="hint language-note" lang="{code}" dir="{direction}">'


def html_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


@pytest.fixture
def staff(client, consultant):
    client.force_login(consultant)
    return client


def speaking(client, code: str):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    return client


@pytest.fixture
def session(dialogue, moderator):
    return live_services.session_create(
        actor=moderator, dialogue=dialogue, title="Abend im Rathaus", method=Method.WORLD_CAFE
    )


@pytest.fixture
def phone(client, session):
    """A participant's phone: joined the event, Arabic chosen."""
    _participant, token = live_services.participant_join(
        session=session, display_name="Amal", language="ar", consent=True
    )
    client.cookies[token_cookie(session)] = token
    return speaking(client, "ar")


# --- Staff pages ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["dashboard", "overview"])
def test_a_staff_page_asked_for_in_arabic_is_german_with_a_note_in_arabic(staff, dialogue, page):
    url = "/" if page == "dashboard" else f"/dialoge/{dialogue.pk}/"
    html = html_of(speaking(staff, "ar").get(url))
    assert '<html lang="de" dir="ltr">' in html
    assert "Meine Dialoge" in html and GERMAN_FRAME in html
    assert f"{note_tag('ar')}{ARABIC_NOTE}</p>" in html


@pytest.mark.parametrize("page", ["dashboard", "overview"])
def test_a_staff_page_in_english_is_english_without_a_note(staff, dialogue, page):
    url = "/" if page == "dashboard" else f"/dialoge/{dialogue.pk}/"
    html = html_of(speaking(staff, "en").get(url))
    assert '<html lang="en" dir="ltr">' in html and "My dialogues" in html
    assert "language-note" not in html


def test_a_staff_page_in_german_has_no_note(staff):
    html = html_of(speaking(staff, "de").get("/"))
    assert '<html lang="de" dir="ltr">' in html and "language-note" not in html


def test_the_login_page_asked_for_in_farsi_is_german_with_a_note_in_farsi(client):
    response = speaking(client, "fa").get("/konto/anmelden/")
    html = html_of(response)
    assert '<html lang="de" dir="ltr">' in html and "Anmelden" in html and note_tag("fa") in html
    assert response["Content-Language"] == "de"


@pytest.mark.parametrize("code", NOT_STAFF_LANGUAGES)
def test_the_note_is_translated_into_every_language_a_staff_page_lacks(staff, code):
    with translation.override(code):
        note = translation.gettext(NOTE)
    assert note != NOTE
    html = html_of(speaking(staff, code).get("/"))
    assert f"{note_tag(code)}{note}</p>" in html and '<html lang="de" dir="ltr">' in html


def test_a_staff_page_keeps_the_chosen_language_for_the_next_participant_page(staff, session):
    speaking(staff, "ar")
    response = staff.get("/")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    html = html_of(staff.get(f"/j/{session.code}/"))
    assert '<html lang="ar" dir="rtl">' in html


def test_the_switcher_on_a_staff_page_offers_german_and_english_only(staff):
    html = html_of(speaking(staff, "ar").get("/"))
    switcher = html.split('id="language-select"')[1].split("</select>")[0]
    assert 'value="de"' in switcher and 'value="en"' in switcher
    assert not [code for code in NOT_STAFF_LANGUAGES if f'value="{code}"' in switcher]
    assert 'value="de" lang="de" selected' in switcher


def test_the_switcher_on_a_participant_page_offers_every_language(client):
    html = html_of(speaking(client, "ar").get("/j/"))
    switcher = html.split('id="language-select"')[1].split("</select>")[0]
    assert all(f'value="{code}"' in switcher for code, _name in settings.LANGUAGES)
    assert 'value="ar" lang="ar" selected' in switcher


def test_a_page_not_found_inside_a_staff_page_is_german_with_the_note(staff):
    response = speaking(staff, "ar").get("/dialoge/999999/")
    html = html_of(response)
    assert response.status_code == 404 and '<html lang="de" dir="ltr">' in html and note_tag("ar") in html
    assert "Seite nicht gefunden" in html


def test_the_staff_api_answers_in_german_for_an_arabic_cookie(staff):
    response = speaking(staff, "ar").get("/api/v1/dialogues/999999")
    assert response.status_code == 404 and response["Content-Language"] == "de"


# --- Participant pages ------------------------------------------------------------------------------------


def test_the_join_pages_speak_arabic(client, session):
    speaking(client, "ar")
    for url in ("/j/", f"/j/{session.code}/"):
        html = html_of(client.get(url))
        assert '<html lang="ar" dir="rtl">' in html and ARABIC_FRAME in html and "language-note" not in html


def test_the_participant_page_speaks_arabic(phone, session):
    response = phone.get(f"/j/{session.code}/live/")
    html = html_of(response)
    assert response.status_code == 200 and '<html lang="ar" dir="rtl">' in html and ARABIC_FRAME in html
    assert "language-note" not in html


def test_the_participants_own_data_page_speaks_arabic(phone, session):
    html = html_of(phone.get(f"/j/{session.code}/meine-daten/"))
    assert '<html lang="ar" dir="rtl">' in html and "language-note" not in html


def test_the_survey_page_speaks_arabic(phone, session):
    html = html_of(phone.get(f"/j/{session.code}/umfrage/"))
    assert '<html lang="ar" dir="rtl">' in html and "استبيان قصير" in html


def test_the_public_status_page_speaks_arabic(client, dialogue, consultant):
    measure_services.measure_create(actor=consultant, dialogue=dialogue, title="Sprachcafé", public=True)
    html = html_of(speaking(client, "ar").get(f"/status/{dialogue.pk}/"))
    assert '<html lang="ar" dir="rtl">' in html and ARABIC_FRAME in html and "language-note" not in html


def test_the_rsvp_page_speaks_arabic(client, dialogue):
    perspective = Perspective.objects.create(dialogue=dialogue, name="Geflüchtete")
    actor = Actor.objects.create(dialogue=dialogue, name="Geflüchtetenrat", perspective=perspective)
    invitation = Invitation.objects.create(dialogue=dialogue, actor=actor, expires_on=datetime.date(2099, 1, 1))
    html = html_of(speaking(client, "ar").get(f"/antwort/{invitation.token}/"))
    assert '<html lang="ar" dir="rtl">' in html and ARABIC_FRAME in html and "language-note" not in html


@pytest.mark.parametrize("url", ["/barrierefreiheit/", "/hilfe/leichte-sprache/"])
def test_the_accessibility_statement_and_plain_language_keep_the_chosen_language(client, url):
    html = html_of(speaking(client, "ar").get(url))
    assert '<html lang="ar" dir="rtl">' in html and "language-note" not in html


def test_the_privacy_notice_speaks_arabic(client, municipality):
    html = html_of(speaking(client, "ar").get(f"/datenschutz/{municipality.pk}/"))
    assert '<html lang="ar" dir="rtl">' in html and "حقوقك" in html


def test_the_wall_speaks_the_chosen_language_of_whoever_opens_it(client, moderator, session):
    client.force_login(moderator)
    html = html_of(speaking(client, "ar").get(f"/veranstaltungen/{session.pk}/wand/"))
    assert '<html lang="ar" dir="rtl">' in html and "language-note" not in html


def test_a_wrong_join_code_answers_not_found_in_arabic(client):
    response = speaking(client, "ar").get("/j/NOPE99/")
    html = html_of(response)
    assert response.status_code == 404 and '<html lang="ar" dir="rtl">' in html and "الصفحة غير موجودة" in html


def test_the_participant_api_answers_in_the_chosen_language(client):
    response = speaking(client, "ar").get("/api/v1/live/NOPE99")
    assert response.status_code == 404 and response["Content-Language"] == "ar"


# --- The list itself ------------------------------------------------------------------------------------


def test_every_listed_participant_page_exists():
    assert page_languages.PARTICIPANT_PAGES <= {route.name for route in walk()}


def test_every_page_a_phone_opens_by_join_code_is_a_participant_page():
    by_code = {route.name for route in walk() if route.route.startswith(("j/", "api/v1/live/", "api/v1/privacy/live/"))}
    assert by_code and by_code <= page_languages.PARTICIPANT_PAGES


def test_every_staff_page_asked_for_in_arabic_is_german_with_the_note(client, other_municipality, outsider, settings):
    """The whole URL walk, as the owner of everything in it (Kommune B's administrator)."""
    settings.RATE_LIMITS_ENABLED = False
    load_factories()
    dialogue = dialogue_create(actor=outsider, municipality=other_municipality, title="Dialog B")
    context = {"municipality": other_municipality, "dialogue": dialogue, "user": outsider}
    values = {name: factory(context) for name, factory in FACTORIES.items()}
    client.force_login(outsider)
    speaking(client, "ar")
    problems, staff_pages, participant_pages = [], 0, 0
    for route in walk():
        if route.name in SKIP_PAGES or any(param not in values for param in route.params):
            continue
        url = route.fill(values)
        response = client.get(url)
        if "text/html" not in response.get("Content-Type", "") or 300 <= response.status_code < 400:
            continue
        html = html_of(response)
        if "<html" not in html:
            continue  # a fragment
        if route.name in page_languages.PARTICIPANT_PAGES:
            participant_pages += 1
            if '<html lang="ar" dir="rtl">' not in html:
                problems.append(f"{url} ({route.name}, participant page) is not Arabic")
            continue
        staff_pages += 1
        if '<html lang="de"' not in html:
            problems.append(f"{url} ({route.name}) is not German")
        elif 'id="main"' in html and (note_tag("ar") not in html or GERMAN_FRAME not in html):
            problems.append(f"{url} ({route.name}) lacks the Arabic note or the German frame")
    assert staff_pages >= 60 and participant_pages >= 3, (staff_pages, participant_pages)
    assert not problems, "\n".join(problems)
