"""WCAG 3.1.2 on the pages participants read in Arabic: every text a person entered carries the language
it is written in — a German original nobody translated yet is marked German, a translation its language,
a card its writer's language — whatever language the page itself is in."""

import lxml.html
import pytest

from dialogwerk.dialogues.services import dialogue_set_languages
from dialogwerk.live import services as live_services
from dialogwerk.live.views import token_cookie
from dialogwerk.translations import services

THEME_AR = "السكن والبناء"


def _language_of(element) -> str:
    while element is not None:
        if element.get("lang"):
            return element.get("lang")
        element = element.getparent()
    return ""


def wrongly_marked(html: str, expected: dict[str, str]) -> list[tuple[str, str, str]]:
    """(text, expected language, found language) for each element whose own text holds one of `expected`'s
    texts (the page's <title> and scripts aside) and whose language is not the expected one."""
    tree = lxml.html.fromstring(html)
    problems = []
    for text, language in expected.items():
        found = [
            element
            for element in tree.iter()
            if isinstance(element.tag, str)
            and element.tag not in ("title", "script")
            and text in "".join(element.xpath("text()"))
        ]
        assert found, f"{text!r} is not on the page"
        problems += [(text, language, _language_of(element)) for element in found if _language_of(element) != language]
    return problems


@pytest.fixture
def evening(dialogue, consultant, moderator, join):
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["de", "ar"])
    session = live_services.session_create(actor=moderator, dialogue=dialogue, title="Abend im Rathaus")
    themes = list(dialogue.themes.order_by("position"))
    services.translations_save(
        actor=consultant, dialogue=dialogue, language="ar", items=[(f"theme:{themes[0].pk}:name", THEME_AR)]
    )
    german, _token = join(session, "Karin", "de")
    live_services.contribution_submit(
        session=session, participant=german, kind="idea", theme_id=themes[1].pk, text="Mehr Kitaplätze"
    )
    arabic, token = join(session, "", "ar")
    live_services.contribution_submit(
        session=session, participant=arabic, kind="idea", theme_id=themes[0].pk, text="نحتاج إلى دورات لغة"
    )
    live_services.voting_open(
        actor=moderator, session=session, title="Was ist am wichtigsten?", all_cards=True, budget=2
    )
    return {"session": session, "themes": themes, "token": token, "dialogue": dialogue}


@pytest.fixture
def join():
    def make(session, display_name="", language="de"):
        return live_services.participant_join(
            session=session, display_name=display_name, language=language, consent=True
        )

    return make


def test_the_arabic_participant_page_marks_every_entered_text_with_its_language(client, evening):
    session, themes = evening["session"], evening["themes"]
    client.cookies[token_cookie(session)] = evening["token"]
    client.cookies["dialogwerk_language"] = "ar"
    html = client.get(f"/j/{session.code}/live/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert not wrongly_marked(
        html,
        {
            "Abend im Rathaus": "de",  # not translated: German, marked German
            THEME_AR: "ar",
            themes[1].name: "de",
            "Was ist am wichtigsten?": "de",
            "Mehr Kitaplätze": "de",
            "نحتاج إلى دورات لغة": "ar",
        },
    )


def test_the_join_page_in_arabic_marks_the_german_title_and_purpose(client, evening):
    dialogue = evening["dialogue"]
    dialogue.purpose = "Wir beraten gemeinsam, wie wir gut zusammenleben."
    dialogue.save()
    client.cookies["dialogwerk_language"] = "ar"
    html = client.get(f"/j/{evening['session'].code}/").content.decode()
    assert not wrongly_marked(html, {"Abend im Rathaus": "de", "Wir beraten gemeinsam": "de"})


def test_the_wall_in_arabic_marks_german_themes_and_each_card(client_for, moderator, evening):
    client = client_for(moderator)
    client.cookies["dialogwerk_language"] = "ar"
    html = client.get(f"/veranstaltungen/{evening['session'].pk}/wand/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert not wrongly_marked(
        html,
        {
            "Abend im Rathaus": "de",
            evening["themes"][1].name: "de",
            "Mehr Kitaplätze": "de",
            "نحتاج إلى دورات لغة": "ar",
        },
    )


def test_every_page_that_shows_an_arabic_card_marks_it_arabic(client, other_municipality, outsider, settings):
    """The whole URL walk in German, as the owner of everything in it: wherever a participant's Arabic card
    appears (console, wall, board, decisions, card pages, …), its words carry lang="ar"."""
    from dialogwerk.dialogues.services import dialogue_create
    from dialogwerk.live.models import Session
    from tests.tenant_walk import FACTORIES, load_factories, walk

    settings.RATE_LIMITS_ENABLED = False
    load_factories()
    dialogue = dialogue_create(actor=outsider, municipality=other_municipality, title="Dialog B")
    context = {"municipality": other_municipality, "dialogue": dialogue, "user": outsider}
    values = {name: factory(context) for name, factory in FACTORIES.items()}
    arabic_text = "نحتاج إلى دورات لغة في المساء"
    for session in Session.objects.filter(dialogue__municipality=other_municipality):
        participant, _token = live_services.participant_join(
            session=session, display_name="", language="ar", consent=True
        )
        theme = session.dialogue.themes.order_by("position").first()
        live_services.contribution_submit(
            session=session, participant=participant, kind="idea", theme_id=theme.pk, text=arabic_text
        )
    client.force_login(outsider)
    problems, pages_with_the_card = [], 0
    for route in walk():
        if any(param not in values for param in route.params):
            continue
        response = client.get(route.fill(values))
        if "text/html" not in response.get("Content-Type", "") or response.status_code != 200:
            continue
        html = response.content.decode()
        if "<html" not in html or arabic_text[:20] not in html:
            continue
        tree = lxml.html.fromstring(html)
        found = [
            element
            for element in tree.iter()
            if isinstance(element.tag, str)
            and element.tag not in ("title", "script")
            and arabic_text[:20] in "".join(element.xpath("text()"))
        ]
        pages_with_the_card += bool(found)
        problems += [
            f"{route.name}: <{element.tag}> is lang={_language_of(element)!r}"
            for element in found
            if _language_of(element) != "ar"
        ]
    assert pages_with_the_card >= 4, pages_with_the_card
    assert not problems, "\n".join(sorted(set(problems)))


TITLE_AR = "أمسية في البلدية"


@pytest.mark.parametrize("page", ["umfrage", "meine-daten"])
def test_the_survey_and_my_data_in_arabic_show_the_translated_title_and_mark_own_cards(
    client, consultant, evening, page
):
    session = evening["session"]
    services.translations_save(
        actor=consultant, dialogue=evening["dialogue"], language="ar", items=[(f"session:{session.pk}:title", TITLE_AR)]
    )
    client.cookies[token_cookie(session)] = evening["token"]
    client.cookies["dialogwerk_language"] = "ar"
    html = client.get(f"/j/{session.code}/{page}/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html and "Abend im Rathaus" not in html
    expected = {TITLE_AR: "ar"}
    if page == "meine-daten":
        expected["نحتاج إلى دورات لغة"] = "ar"
    assert not wrongly_marked(html, expected)


def test_my_data_marks_a_german_card_german_on_the_arabic_page(client, evening, join):
    """Someone who reads Arabic may still write a card in German: the card is marked with the language it was written in."""
    session = evening["session"]
    participant, token = join(session, "", "ar")
    theme = evening["themes"][0]
    live_services.contribution_submit(
        session=session,
        participant=participant,
        kind="idea",
        theme_id=theme.pk,
        text="Sprachcafé im Jugendhaus",
        language="de",
    )
    client.cookies[token_cookie(session)] = token
    client.cookies["dialogwerk_language"] = "ar"
    for path in (f"/j/{session.code}/meine-daten/", f"/j/{session.code}/live/"):
        html = client.get(path).content.decode()
        assert '<html lang="ar" dir="rtl">' in html
        assert not wrongly_marked(html, {"Sprachcafé im Jugendhaus": "de", "Abend im Rathaus": "de"})


def test_the_rsvp_page_in_arabic_shows_the_translated_title_and_marks_the_german_purpose(
    client, client_for, consultant, dialogue
):
    from dialogwerk.preparation.models import Invitation
    from tests.preparation.test_invitations import make_actors

    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["de", "ar"])
    dialogue.purpose = "Wir beraten gemeinsam, wie wir gut zusammenleben."
    dialogue.save()
    services.translations_save(
        actor=consultant, dialogue=dialogue, language="ar", items=[(f"dialogue:{dialogue.pk}:title", TITLE_AR)]
    )
    invited, _ = make_actors(dialogue)
    assert (
        client_for(consultant).post(f"/dialoge/{dialogue.pk}/einladungen/", {"actors": [invited.pk]}).status_code == 302
    )
    client.logout()
    client.cookies["dialogwerk_language"] = "ar"
    html = client.get(f"/antwort/{Invitation.objects.get().token}/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html and dialogue.title not in html.split("<body", 1)[1]
    assert not wrongly_marked(html, {TITLE_AR: "ar", "Wir beraten gemeinsam": "de"})
