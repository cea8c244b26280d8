"""The public status page and its feed in the reader's language: the dialogue's texts where translated (else
German, marked so), the summary in the reader's version with the German original beside it, the frame in the
chosen language; a link with ?lang= from a phone or a QR code; the phone's link to it after the event."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dialogwerk.dialogues.services import dialogue_set_languages
from dialogwerk.live import services as live_services
from dialogwerk.live.models import Method
from dialogwerk.measures import services
from dialogwerk.translations.services import translations_save

LANGUAGE_COOKIE = "dialogwerk_language"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()  # the page caches its content; every test starts without
    yield
    cache.clear()


@pytest.fixture
def in_arabic(client):
    client.cookies[LANGUAGE_COOKIE] = "ar"
    return client


@pytest.fixture
def languages(dialogue, consultant):
    return dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["de", "ar", "uk", "fa"])


def translate(consultant, dialogue, language, *texts):
    """translate(consultant, dialogue, "ar", (measure, "title", "…"), …); an empty text removes a translation."""
    items = [(f"{obj._meta.model_name}:{obj.pk}:{name}", text) for obj, name, text in texts]
    translations_save(actor=consultant, dialogue=dialogue, language=language, items=items)


def status_url(dialogue) -> str:
    return f"/status/{dialogue.pk}/"


# --- ?lang= from a phone or a printed QR code ------------------------------------------------------------


def test_a_language_in_the_link_is_remembered_and_the_address_cleaned(client, dialogue, make_measure):
    make_measure("Sprachcafé", public=True)
    response = client.get(status_url(dialogue), {"lang": "ar", "page": "2"})
    assert response.status_code == 302 and response.url == f"{status_url(dialogue)}?page=2"
    assert response.cookies[LANGUAGE_COOKIE].value == "ar"
    assert "no-store" in response["Cache-Control"]
    html = client.get(response.url).content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_an_unknown_language_in_the_link_is_ignored_and_nothing_is_stored(client, dialogue, make_measure):
    make_measure("Sprachcafé", public=True)
    response = client.get(status_url(dialogue), {"lang": "xx"})
    assert response.status_code == 200 and LANGUAGE_COOKIE not in response.cookies
    assert '<html lang="de" dir="ltr">' in response.content.decode()


def test_an_unknown_language_keeps_the_language_already_chosen(in_arabic, dialogue, make_measure):
    make_measure("Sprachcafé", public=True)
    response = in_arabic.get(status_url(dialogue), {"lang": "xx"})
    assert response.status_code == 200 and LANGUAGE_COOKIE not in response.cookies
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_a_language_link_to_an_unpublished_dialogue_is_not_found_and_stores_nothing(client, dialogue, make_measure):
    make_measure("Interne Prüfung")
    response = client.get(status_url(dialogue), {"lang": "ar"})
    assert response.status_code == 404 and LANGUAGE_COOKIE not in response.cookies


# --- the page in Arabic ------------------------------------------------------------------------------------


def test_in_arabic_translated_texts_are_marked_arabic_and_untranslated_ones_german(
    in_arabic, dialogue, consultant, languages, make_measure
):
    theme = dialogue.themes.order_by("position").first()
    cafe = make_measure("Sprachcafé", public=True, theme=theme, description="Jeden Mittwoch\nim Rathaus")
    make_measure("Fahrradwerkstatt", public=True, responsible_organisation="Bürgerverein")
    statement = services.statement_save(
        actor=consultant, measure=cafe, speaker="council", text="Der Gemeinderat unterstützt das.", published=True
    )
    translate(
        consultant,
        dialogue,
        "ar",
        (dialogue, "title", "العيش معاً في البلدية أ"),
        (cafe, "title", "مقهى اللغة"),
        (cafe, "description", "كل أربعاء\nفي البلدية"),
        (theme, "name", "السكن والبناء"),
        (statement, "text", "المجلس البلدي يدعم ذلك."),
    )
    html = in_arabic.get(status_url(dialogue)).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert '<h1><span lang="ar" dir="auto">العيش معاً في البلدية أ</span></h1>' in html
    assert '<span lang="ar" dir="auto">مقهى اللغة</span>' in html
    assert '<span lang="ar" dir="auto">كل أربعاء<br>في البلدية</span>' in html
    assert '<span lang="ar" dir="auto">السكن والبناء</span>' in html
    assert '<span lang="ar" dir="auto">المجلس البلدي يدعم ذلك.</span>' in html
    assert '<span lang="de" dir="auto">Fahrradwerkstatt</span>' in html
    assert '<span lang="de" dir="auto">Bürgerverein</span>' in html  # no translations: marked German
    assert "الإجراءات" in html and "Sprachcafé" not in html  # the frame in Arabic; the German title replaced
    assert "<title>ماذا نتج عنه: العيش معاً في البلدية أ" in html


def test_a_changed_original_shows_in_german_until_translated_again(
    in_arabic, dialogue, consultant, languages, make_measure
):
    cafe = make_measure("Sprachcafé", public=True)
    translate(consultant, dialogue, "ar", (cafe, "title", "مقهى اللغة"))
    services.measure_update(actor=consultant, measure=cafe, title="Sprachcafé am Mittwoch")
    html = in_arabic.get(status_url(dialogue)).content.decode()
    assert '<span lang="de" dir="auto">Sprachcafé am Mittwoch</span>' in html and "مقهى اللغة" not in html


def test_a_saved_translation_shows_on_the_next_visit(in_arabic, dialogue, consultant, languages, make_measure):
    cafe = make_measure("Sprachcafé", public=True)
    assert (
        '<span lang="de" dir="auto">Sprachcafé</span>' in in_arabic.get(status_url(dialogue)).content.decode()
    )  # now cached
    translate(consultant, dialogue, "ar", (cafe, "title", "مقهى اللغة"))
    assert '<span lang="ar" dir="auto">مقهى اللغة</span>' in in_arabic.get(status_url(dialogue)).content.decode()
    translate(consultant, dialogue, "ar", (cafe, "title", ""))  # removed again
    assert "مقهى اللغة" not in in_arabic.get(status_url(dialogue)).content.decode()


# --- the summary of results --------------------------------------------------------------------------------


@pytest.fixture
def summaries(dialogue, consultant):
    services.summary_save(
        actor=consultant, dialogue=dialogue, language="de", text="Wir haben 12 Maßnahmen beschlossen."
    )
    services.summary_save(
        actor=consultant, dialogue=dialogue, language="ar", text="قررنا 12 إجراءً.", translator="Herr Haddad"
    )
    services.summary_save(actor=consultant, dialogue=dialogue, language="uk", text="Ми ухвалили 12 заходів.")


def summary_section(html: str) -> str:
    return html[html.index('<section aria-labelledby="summary-heading"') : html.index("</section>")]


def test_in_arabic_the_arabic_summary_shows_directly_and_the_german_original_in_a_disclosure(
    in_arabic, dialogue, summaries
):
    section = summary_section(in_arabic.get(status_url(dialogue)).content.decode())
    assert '<h2 id="summary-heading">ملخص النتائج</h2>' in section
    assert '<div lang="ar" dir="auto"><p>قررنا 12 إجراءً.</p></div>' in section
    assert (
        '<details class="translation"><summary>النص الأصلي (بالألمانية)</summary><div lang="de" dir="auto">'
        "<p>Wir haben 12 Maßnahmen beschlossen.</p></div></details>"
    ) in section
    assert '<details class="translation" lang="uk" dir="ltr"><summary>Українська</summary>' in section
    assert section.count("قررنا 12 إجراءً.") == 1 and "Arabisch" not in section


def test_in_german_the_other_versions_are_disclosures_named_in_their_own_language(client, dialogue, summaries):
    section = summary_section(client.get(status_url(dialogue)).content.decode())
    assert '<div lang="de" dir="auto"><p>Wir haben 12 Maßnahmen beschlossen.</p></div>' in section
    assert (
        '<details class="translation" lang="ar" dir="rtl"><summary>العربيّة</summary><p>قررنا 12 إجراءً.</p></details>'
        in section
    )
    assert "Arabisch" not in section and "Original" not in section


def test_without_a_summary_in_the_readers_language_the_german_one_shows_marked_german(client, dialogue, summaries):
    client.cookies[LANGUAGE_COOKIE] = "fa"
    section = summary_section(client.get(status_url(dialogue)).content.decode())
    assert '<div lang="de" dir="auto"><p>Wir haben 12 Maßnahmen beschlossen.</p></div>' in section
    assert "<summary>العربيّة</summary>" in section and "<summary>Українська</summary>" in section


# --- a constant number of queries ------------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_languages(in_arabic, dialogue, consultant, make_measure):
    measures = [make_measure(f"Maßnahme {i}", public=True, description=f"Beschreibung {i}") for i in range(3)]
    services.summary_save(actor=consultant, dialogue=dialogue, language="de", text="Zusammenfassung")
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["de", "ar"])
    translate(consultant, dialogue, "ar", *[(m, "title", f"إجراء {m.pk}") for m in measures])
    services.summary_save(actor=consultant, dialogue=dialogue, language="ar", text="ملخص")
    count_queries(in_arabic, status_url(dialogue))  # warms the content types' cache
    one_language = count_queries(in_arabic, status_url(dialogue))
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["de", "ar", "uk", "fa"])
    for language in ("uk", "fa"):
        translate(consultant, dialogue, language, *[(m, "description", f"{language} {m.pk}") for m in measures])
        services.summary_save(
            actor=consultant, dialogue=dialogue, language=language, text=f"{language} Zusammenfassung"
        )
    assert count_queries(in_arabic, status_url(dialogue)) == one_language


# --- the feed ---------------------------------------------------------------------------------------------


def test_the_feed_in_arabic_gives_translated_entries_and_marks_untranslated_ones_german(
    in_arabic, dialogue, consultant, languages, make_measure
):
    cafe = make_measure("Sprachcafé", public=True, description="Jeden Mittwoch")
    make_measure("Fahrradwerkstatt", public=True)
    translate(
        consultant,
        dialogue,
        "ar",
        (dialogue, "title", "العيش معاً"),
        (cafe, "title", "مقهى اللغة"),
        (cafe, "description", "كل أربعاء"),
    )
    body = in_arabic.get(f"{status_url(dialogue)}feed/").content.decode()
    assert 'xml:lang="ar"' in body and "<title>التنفيذ: العيش معاً</title>" in body
    assert "<title>مقهى اللغة – " in body and "Sprachcafé" not in body
    assert '&lt;p lang="ar" dir="auto"&gt;كل أربعاء&lt;/p&gt;' in body
    assert '<entry xml:lang="de"><title>Fahrradwerkstatt – ' in body


def test_a_feed_reader_without_cookies_asks_for_its_language_in_the_address(
    client, dialogue, consultant, languages, make_measure
):
    cafe = make_measure("Sprachcafé", public=True)
    translate(consultant, dialogue, "ar", (cafe, "title", "مقهى اللغة"))
    response = client.get(f"{status_url(dialogue)}feed/", {"lang": "ar"})
    assert response.status_code == 200 and "<title>مقهى اللغة – " in response.content.decode()
    assert response["Content-Language"] == "ar" and LANGUAGE_COOKIE not in response.cookies
    german = client.get(f"{status_url(dialogue)}feed/", {"lang": "xx"}).content.decode()
    assert "<title>Sprachcafé – " in german and 'xml:lang="de"' in german


def test_the_page_in_arabic_offers_the_feed_in_arabic(in_arabic, dialogue, make_measure):
    make_measure("Sprachcafé", public=True)
    html = in_arabic.get(status_url(dialogue)).content.decode()
    assert f'href="/status/{dialogue.pk}/feed/?lang=ar"' in html


# --- the participant's phone after the event ------------------------------------------------------------


@pytest.fixture
def session(dialogue, moderator):
    return live_services.session_create(
        actor=moderator, dialogue=dialogue, title="Abend im Rathaus", method=Method.WORLD_CAFE
    )


@pytest.fixture
def joined_in_arabic(client, session):
    client.post(f"/j/{session.code}/", {"display_name": "Amal", "language": "ar", "consent": "on"})
    return client


def test_after_the_event_the_phone_links_to_the_results_in_the_participants_language(
    joined_in_arabic, session, moderator, dialogue, make_measure
):
    make_measure("Sprachcafé", public=True)
    live_services.session_control(actor=moderator, session=session, action="close")
    html = joined_in_arabic.get(f"/j/{session.code}/live/").content.decode()
    assert f'<a class="button" href="/status/{dialogue.pk}/?lang=ar">ماذا نتج عن ذلك: النتائج</a>' in html


def test_while_the_event_runs_the_phone_shows_no_results_link(joined_in_arabic, session, dialogue, make_measure):
    make_measure("Sprachcafé", public=True)
    html = joined_in_arabic.get(f"/j/{session.code}/live/").content.decode()
    assert f"/status/{dialogue.pk}/" not in html


def test_after_the_event_without_anything_published_the_phone_shows_no_results_link(
    joined_in_arabic, session, moderator, dialogue, make_measure
):
    make_measure("Interne Prüfung")
    live_services.session_control(actor=moderator, session=session, action="close")
    response = joined_in_arabic.get(f"/j/{session.code}/live/")
    assert response.status_code == 200 and f"/status/{dialogue.pk}/" not in response.content.decode()


def test_the_results_link_leads_to_the_page_in_the_participants_language(
    joined_in_arabic, session, moderator, dialogue, consultant, make_measure
):
    services.summary_save(
        actor=consultant, dialogue=dialogue, language="de", text="Wir haben 12 Maßnahmen beschlossen."
    )
    live_services.session_control(actor=moderator, session=session, action="close")
    joined_in_arabic.cookies[LANGUAGE_COOKIE] = "de"  # the phone's browser was switched back meanwhile
    response = joined_in_arabic.get(f"/status/{dialogue.pk}/?lang=ar", follow=True)
    assert response.status_code == 200 and '<html lang="ar" dir="rtl">' in response.content.decode()
