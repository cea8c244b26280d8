"""Route cards and table lists across languages (issue 17): each card in its person's language, the table
hosts' lists in German with each person's language named, the phone's route with translated themes."""

import datetime
import re

import polib
import pytest
from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from dialogwerk.dialogues.languages import describe
from dialogwerk.dialogues.services import dialogue_set_languages
from dialogwerk.live import services as live_services
from dialogwerk.live.models import Participant
from dialogwerk.live.views import token_cookie
from dialogwerk.preparation.models import Actor, Invitation, Perspective
from dialogwerk.seating import services
from dialogwerk.seating.selectors import route_for_participant
from dialogwerk.translations.selectors import translator_for
from dialogwerk.translations.services import translations_save
from tests.reports.readback import pdf_text

pytestmark = pytest.mark.django_db

ARABIC_THEMES = {
    "Bauen & Wohnen": "البناء والسكن",
    "Kindergarten & Schule": "الروضة والمدرسة",
    "Ausbildung & Arbeit": "التدريب والعمل",
}
ARABIC_TITLE = "المقهى العالمي في المساء"
UKRAINIAN_HOUSING = "Будівництво і житло"
UKRAINIAN_TITLE = "Світове кафе ввечері"


@pytest.fixture
def translated(dialogue, consultant, cafe):
    """Arabic: every theme and the event's title; Ukrainian: the title and one theme only."""
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["de", "ar", "uk", "fa"])
    themes = {theme.name: theme for theme in dialogue.themes.all()}
    translations_save(
        actor=consultant,
        dialogue=dialogue,
        language="ar",
        items=[(f"theme:{themes[name].pk}:name", text) for name, text in ARABIC_THEMES.items()]
        + [(f"session:{cafe.pk}:title", ARABIC_TITLE)],
    )
    translations_save(
        actor=consultant,
        dialogue=dialogue,
        language="uk",
        items=[
            (f"theme:{themes['Bauen & Wohnen'].pk}:name", UKRAINIAN_HOUSING),
            (f"session:{cafe.pk}:title", UKRAINIAN_TITLE),
        ],
    )
    return themes


@pytest.fixture
def joined(cafe):
    """Three participants on their phones, in Arabic, Ukrainian and German."""
    return {
        name: live_services.participant_join(session=cafe, display_name=name, language=language, consent=True)
        for name, language in [("Samir", "ar"), ("Olena", "uk"), ("Heinz", "de")]
    }


@pytest.fixture
def evening(consultant, cafe, translated, joined):
    """Six people at three tables over three rounds, each visiting every table (theme) once."""
    return services.plan_create(
        actor=consultant, session=cafe, rounds=3, table_size=2, people_text="Anna\nBert\nCarla", max_iterations=500
    )


def url(name, plan):
    return reverse(name, kwargs={"dialogue_id": plan.session.dialogue_id, "plan_id": plan.pk})


def card_of(html: str, name: str) -> str:
    cards = [card for card in html.split("<article")[1:] if f"<bdi>{name}</bdi>" in card]
    assert len(cards) == 1, f"{name}: {len(cards)} cards"
    return cards[0].split("</article>")[0]


def steps_of(card: str) -> list[str]:
    return re.findall(r"<li>(.*?)</li>", card)


def test_three_people_get_three_cards_each_in_their_own_language(client_for, consultant, evening):
    html = client_for(consultant).get(url("seating:print", evening)).content.decode()
    assert html.count('<article class="seating-card"') == 6  # one card per person, whatever their language

    samir = card_of(html, "Samir")
    assert samir.startswith(' class="seating-card" lang="ar" dir="rtl"')
    assert "شارك عبر هاتفك:" in samir and 'alt="رمز QR: انضم إلى الفعالية"' in samir
    assert f'<span lang="ar" dir="auto">{ARABIC_TITLE}</span>' in samir
    assert len(steps_of(samir)) == 3 and all(step.startswith("الجولة ") for step in steps_of(samir))
    for arabic in ARABIC_THEMES.values():
        assert f'<span lang="ar" dir="auto">{arabic}</span>' in samir
    assert 'lang="de"' not in samir

    olena = card_of(html, "Olena")
    assert olena.startswith(' class="seating-card" lang="uk" dir="ltr"')
    assert "Долучайтеся з телефона:" in olena and f'<span lang="uk" dir="auto">{UKRAINIAN_TITLE}</span>' in olena
    assert all(step.startswith("Раунд ") for step in steps_of(olena))
    assert f'<span lang="uk" dir="auto">{UKRAINIAN_HOUSING}</span>' in olena
    assert '<span lang="de" dir="auto">Kindergarten &amp; Schule</span>' in olena  # no Ukrainian name yet
    assert '<span lang="de" dir="auto">Ausbildung &amp; Arbeit</span>' in olena

    heinz = card_of(html, "Heinz")
    assert heinz.startswith(' class="seating-card" lang="de" dir="ltr"')
    assert "Mit dem Handy mitmachen:" in heinz and "Runde 1: Tisch " in heinz
    assert '<span lang="de" dir="auto">Bauen &amp; Wohnen</span>' in heinz and "البناء" not in heinz


def test_a_person_without_a_known_language_gets_a_german_card(client_for, consultant, evening):
    html = client_for(consultant).get(url("seating:print", evening)).content.decode()
    anna = card_of(html, "Anna")
    assert anna.startswith(' class="seating-card" lang="de" dir="ltr"') and "Mit dem Handy mitmachen:" in anna


def test_the_page_around_the_cards_stays_in_the_staff_language(client_for, consultant, evening):
    html = client_for(consultant).get(url("seating:print", evening)).content.decode()
    assert '<h2 class="seating-page-break">Laufkarten</h2>' in html and "Zurück zum Tischplan" in html


def test_the_route_cards_pdf_prints_every_language(client_for, moderator, evening):
    response = client_for(moderator).get(url("seating:route_cards_pdf", evening))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for phrase in [
        UKRAINIAN_HOUSING,
        UKRAINIAN_TITLE,
        "Долучайтеся з телефона:",
        "Mit dem Handy mitmachen:",
        "Kindergarten & Schule",
        "Samir",
        "Olena",
    ]:
        assert phrase in text, phrase
    for arabic in [*ARABIC_THEMES.values(), ARABIC_TITLE, "شارك عبر هاتفك الجولة الطاولة"]:
        assert all(word in text for word in arabic.split()), arabic  # read back in visual order, word by word
    assert re.search(r"Раунд \d: стіл \d", text) and re.search(r"Runde \d: Tisch \d", text)


def test_a_farsi_card_reads_from_the_right_with_german_themes_where_none_are_translated(
    client_for, consultant, cafe, translated
):
    live_services.participant_join(session=cafe, display_name="Reza", language="fa", consent=True)
    plan = services.plan_create(
        actor=consultant, session=cafe, rounds=2, table_size=2, people_text="Anna\nBert\nCarla", max_iterations=300
    )
    reza = card_of(client_for(consultant).get(url("seating:print", plan)).content.decode(), "Reza")
    assert reza.startswith(' class="seating-card" lang="fa" dir="rtl"') and "با گوشی خود شرکت کنید:" in reza
    assert all(step.startswith("دور ") and '<span lang="de" dir="auto">' in step for step in steps_of(reza))


@pytest.fixture
def invited(dialogue):
    """Accepted invitations with a preferred language: Arabic, an unknown code, none."""
    perspective = Perspective.objects.create(dialogue=dialogue, name="Geflüchtete")
    actors = {}
    for name, language in [("Frauencafé Nour", "ar"), ("Sprachtreff", "xx"), ("Kirchengemeinde", "")]:
        actors[name] = Actor.objects.create(dialogue=dialogue, name=name, perspective=perspective)
        Invitation.objects.create(
            dialogue=dialogue,
            actor=actors[name],
            status="accepted",
            language=language,
            expires_on=datetime.date(2027, 1, 1),
        )
    return actors


def test_an_invited_actor_gets_the_card_in_the_preferred_language_of_the_invitation(
    client_for, consultant, cafe, invited
):
    plan = services.plan_create(
        actor=consultant, session=cafe, rounds=2, table_size=2, people_text="Anna", max_iterations=300
    )
    html = client_for(consultant).get(url("seating:print", plan)).content.decode()
    assert card_of(html, "Frauencafé Nour").startswith(' class="seating-card" lang="ar" dir="rtl"')
    assert card_of(html, "Sprachtreff").startswith(' class="seating-card" lang="de"')  # not a language we offer
    assert card_of(html, "Kirchengemeinde").startswith(' class="seating-card" lang="de"')


def test_an_erased_actor_s_card_no_longer_tells_their_language(client_for, consultant, cafe, invited):
    from dialogwerk.privacy.services import actor_erase

    plan = services.plan_create(
        actor=consultant, session=cafe, rounds=2, table_size=2, people_text="Anna", max_iterations=300
    )
    actor_erase(actor=consultant, record=invited["Frauencafé Nour"])
    html = client_for(consultant).get(url("seating:print", plan)).content.decode()
    assert "Frauencafé Nour" not in html and 'lang="ar"' not in html


def test_the_print_costs_one_query_per_language_used_not_per_person(client_for, consultant, cafe, translated):
    guests = [live_services.participant_join(session=cafe, display_name=f"Gast {i}", consent=True)[0] for i in range(6)]
    plan = services.plan_create(actor=consultant, session=cafe, rounds=2, table_size=3, max_iterations=300)
    client = client_for(consultant)
    client.get(url("seating:print", plan))  # warm the caches (content types, the session)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("seating:print", plan)).status_code == 200
        return len(captured)

    german = queries()
    for guest, language in zip(guests, ["ar", "ar", "ar", "uk", "uk", "fa"]):
        Participant.objects.filter(pk=guest.pk).update(language=language)
    assert queries() == german + 3  # Arabic, Ukrainian, Farsi: one query each for the dialogue's translations


def test_the_table_list_is_german_and_names_the_language_of_whom_to_help(client_for, steering_member, evening):
    html = client_for(steering_member).get(url("seating:print", evening)).content.decode()
    lists = html.split('<h2 class="seating-page-break">')[0]
    assert '<span lang="de" dir="auto">Bauen &amp; Wohnen</span>' in lists and "البناء" not in lists
    arabic = describe("ar").name_local
    assert (
        f'<bdi>Samir</bdi> <span class="seating-language">(Arabisch, <span lang="ar" dir="rtl">{arabic}</span>)</span>'
        in lists
    )
    assert '<bdi>Olena</bdi> <span class="seating-language">(Ukrainisch, <span lang="uk" dir="ltr">' in lists
    assert "<li><bdi>Heinz</bdi></li>" in lists and "<li><bdi>Anna</bdi></li>" in lists


def test_the_table_lists_pdf_names_the_languages(client_for, steering_member, evening):
    text = pdf_text(client_for(steering_member).get(url("seating:table_lists_pdf", evening)).content)
    assert "Samir (Arabisch, " in text and "العربي" in text and "Olena (Ukrainisch, Українська)" in text
    assert "Tisch 1 – Bauen & Wohnen" in text and "البناء" not in text


def test_the_phone_shows_the_route_with_themes_in_the_participants_language(client, evening, joined):
    _samir, token = joined["Samir"]
    client.cookies[token_cookie(evening.session)] = token
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    page = client.get(f"/j/{evening.session.code}/live/").content.decode()
    route = page.split('<section class="seating-route"')[1].split("</section>")[0]
    assert "الجولة 1: الطاولة " in route
    assert sum(f'<span lang="ar" dir="auto">{arabic}</span>' in route for arabic in ARABIC_THEMES.values()) == 3


def test_the_route_snippet_shows_german_themes_marked_german_without_a_translator(evening, joined):
    route = route_for_participant(joined["Olena"][0])
    with translation.override("uk"):
        bare = render_to_string("seating/_route.html", {"route": route})
        ukrainian = render_to_string(
            "seating/_route.html",
            {
                "route": route,
                "content_translator": translator_for(dialogue_id=evening.session.dialogue_id, language="uk"),
            },
        )
    assert '<span lang="de" dir="auto">Bauen &amp; Wohnen</span>' in bare and UKRAINIAN_HOUSING not in bare
    assert f'<span lang="uk" dir="auto">{UKRAINIAN_HOUSING}</span>' in ukrainian
    assert '<span lang="de" dir="auto">Ausbildung &amp; Arbeit</span>' in ukrainian and "Раунд 1: стіл " in ukrainian


def test_a_machine_translated_theme_is_marked_on_the_card(client_for, consultant, dialogue, evening, translated):
    translations_save(
        actor=consultant,
        dialogue=dialogue,
        language="uk",
        status="machine",
        items=[(f"theme:{translated['Ausbildung & Arbeit'].pk}:name", "Навчання і робота")],
    )
    olena = card_of(client_for(consultant).get(url("seating:print", evening)).content.decode(), "Olena")
    assert '<span lang="uk" dir="auto">Навчання і робота</span> <span class="machine-mark">(' in olena


def test_printing_a_plan_that_does_not_exist_is_not_found(client_for, consultant, dialogue, evening):
    for name in ("seating:print", "seating:route_cards_pdf", "seating:table_lists_pdf"):
        response = client_for(consultant).get(
            reverse(name, kwargs={"dialogue_id": dialogue.pk, "plan_id": evening.pk + 1000})
        )
        assert response.status_code == 404


CARD_SOURCES = ("templates/seating/_route_cards.html", "templates/seating/_route.html", "templatetags/seating_route.py")


@pytest.mark.parametrize("language", ["en", "ar", "fa", "uk", "tr", "ru", "de"])
def test_every_string_of_the_route_cards_is_translated(language):
    path = settings.BASE_DIR / "dialogwerk" / "seating" / "locale" / language / "LC_MESSAGES" / "django.po"
    entries = [
        entry for entry in polib.pofile(str(path)) if any(p.endswith(CARD_SOURCES) for p, _line in entry.occurrences)
    ]
    assert len(entries) >= 5
    assert not [entry.msgid for entry in entries if not entry.msgstr or entry.fuzzy]
