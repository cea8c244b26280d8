"""The dialogue's own texts in its languages: the Übersetzungen page lists and edits them, participants see
them in their language (the German original, marked German, where none exists), the original is never
overwritten, and a changed original shows its translation as outdated."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from dialogwerk.dialogues.services import dialogue_set_languages
from dialogwerk.live import services as live_services
from dialogwerk.live.views import token_cookie
from dialogwerk.tenancy.models import Role
from dialogwerk.translations import services
from dialogwerk.translations.models import ContentTranslation, Status
from tests.conftest import make_user
from tests.worker import upload_and_read


@pytest.fixture
def multilingual(dialogue, consultant):
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["de", "ar", "uk"])
    return dialogue


@pytest.fixture
def theme(multilingual):
    return multilingual.themes.order_by("position").first()


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_page_lists_every_text_with_its_status_per_language(client_for, consultant, multilingual, theme):
    page = _page(client_for(consultant), f"/dialoge/{multilingual.pk}/uebersetzungen/")
    assert escape(theme.name) in page and multilingual.title in page
    assert '<h2>Arabisch (<span lang="ar" dir="rtl">' in page and '<h2>Ukrainisch (<span lang="uk">' in page
    assert "fehlt" in page


def test_a_consultant_translates_a_theme_and_the_original_stays(client_for, consultant, multilingual, theme):
    client = client_for(consultant)
    key = f"theme:{theme.pk}:name"
    response = client.post(f"/dialoge/{multilingual.pk}/uebersetzungen/ar/", {f"t-{key}": "السكن والبناء"})
    assert response.status_code == 302
    row = ContentTranslation.objects.get()
    assert (row.language, row.text, row.status, row.translated_by) == (
        "ar",
        "السكن والبناء",
        Status.CHECKED,
        consultant,
    )
    original = theme.name
    theme.refresh_from_db()
    assert theme.name == original
    page = _page(client, f"/dialoge/{multilingual.pk}/uebersetzungen/ar/")
    assert 'lang="ar" dir="auto" rows="1" maxlength="120">السكن والبناء</textarea>' in page


def test_a_participant_sees_the_dialogues_texts_in_their_language(client, consultant, moderator, multilingual, theme):
    session = live_services.session_create(actor=moderator, dialogue=multilingual, title="Abend im Rathaus")
    step = session.steps.first()
    services.translations_save(
        actor=consultant,
        dialogue=multilingual,
        language="ar",
        items=[
            (f"theme:{theme.pk}:name", "السكن والبناء"),
            (f"session:{session.pk}:title", "مساء في قاعة المدينة"),
            (f"step:{step.pk}:title", "الخطوة الأولى"),
        ],
    )
    participant, token = live_services.participant_join(session=session, display_name="", language="ar", consent=True)
    client.cookies[token_cookie(session)] = token
    client.cookies["dialogwerk_language"] = "ar"
    page = _page(client, f"/j/{session.code}/live/")
    assert '<span lang="ar" dir="auto">مساء في قاعة المدينة</span>' in page
    assert 'lang="ar">الخطوة الأولى</p>' in page
    assert "السكن والبناء</option>" in page
    # A theme nobody translated yet: the German original, marked German.
    other = multilingual.themes.order_by("position")[1]
    assert f"{escape(other.name)}</option>" in page


def test_a_german_participant_sees_the_originals(client, consultant, moderator, multilingual, theme):
    session = live_services.session_create(actor=moderator, dialogue=multilingual, title="Abend im Rathaus")
    services.translations_save(
        actor=consultant, dialogue=multilingual, language="ar", items=[(f"session:{session.pk}:title", "مساء")]
    )
    _participant, token = live_services.participant_join(session=session, display_name="", language="de", consent=True)
    client.cookies[token_cookie(session)] = token
    page = _page(client, f"/j/{session.code}/live/")
    assert '<span lang="de" dir="auto">Abend im Rathaus</span>' in page and "مساء" not in page


def test_a_changed_original_shows_its_translation_as_outdated_and_participants_get_the_german_again(
    client, client_for, consultant, moderator, multilingual
):
    session = live_services.session_create(actor=moderator, dialogue=multilingual, title="Abend im Rathaus")
    services.translations_save(
        actor=consultant, dialogue=multilingual, language="ar", items=[(f"session:{session.pk}:title", "مساء")]
    )
    live_services.session_update(actor=moderator, session=session, title="Zweiter Abend im Rathaus")
    overview = _page(client_for(consultant), f"/dialoge/{multilingual.pk}/uebersetzungen/")
    assert "Original geändert" in overview
    _participant, token = live_services.participant_join(session=session, display_name="", language="ar", consent=True)
    client.cookies[token_cookie(session)] = token
    client.cookies["dialogwerk_language"] = "ar"
    page = _page(client, f"/j/{session.code}/live/")
    assert '<span lang="de" dir="auto">Zweiter Abend im Rathaus</span>' in page


def test_a_machine_translation_confirmed_as_checked_becomes_checked(client_for, consultant, multilingual, theme):
    key = f"theme:{theme.pk}:name"
    services.translations_save(
        actor=None, dialogue=multilingual, language="uk", items=[(key, "Житло")], status=Status.MACHINE
    )
    client_for(consultant).post(
        f"/dialoge/{multilingual.pk}/uebersetzungen/uk/", {f"t-{key}": "Житло", f"ok-{key}": "1"}
    )
    assert ContentTranslation.objects.get().status == Status.CHECKED


def test_a_too_long_translation_stores_nothing_and_says_which(client_for, consultant, multilingual, theme):
    other = multilingual.themes.order_by("position")[1]
    response = client_for(consultant).post(
        f"/dialoge/{multilingual.pk}/uebersetzungen/ar/",
        {f"t-theme:{theme.pk}:name": "ب" * 121, f"t-theme:{other.pk}:name": "صحيح"},
    )
    assert response.status_code == 400
    assert "zu lang (121 Zeichen, höchstens 120)" in response.content.decode()
    assert not ContentTranslation.objects.exists()


def test_a_language_the_dialogue_does_not_have_is_not_found(client_for, consultant, multilingual):
    client = client_for(consultant)
    assert client.get(f"/dialoge/{multilingual.pk}/uebersetzungen/tr/").status_code == 404
    assert client.get(f"/dialoge/{multilingual.pk}/uebersetzungen/de/").status_code == 404


def test_the_service_refuses_unknown_texts_and_languages(consultant, multilingual, other_municipality, dialogue):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="keine Sprache dieses Dialogs"):
        services.translations_save(actor=consultant, dialogue=multilingual, language="tr", items=[])
    with pytest.raises(ValidationError):
        services.translations_save(
            actor=consultant, dialogue=multilingual, language="ar", items=[("theme:999999:name", "x")]
        )
    with pytest.raises(ValidationError):
        services.translations_save(
            actor=consultant, dialogue=multilingual, language="ar", items=[("theme:1:colour", "x")]
        )
    assert not ContentTranslation.objects.exists()


def test_who_may_translate_the_texts(client_for, multilingual, municipality, steering_member, moderator, outsider):
    interpreter = make_user("dolmetscherin@a.example", municipality, Role.INTERPRETER)
    url = f"/dialoge/{multilingual.pk}/uebersetzungen/"
    assert client_for(interpreter).get(url).status_code == 200
    assert client_for(steering_member).get(url).status_code == 403
    assert client_for(moderator).get(url).status_code == 403
    assert client_for(outsider).get(url).status_code == 404


def test_the_participant_page_reads_the_same_number_of_queries_in_every_language(
    client, consultant, moderator, multilingual, theme
):
    session = live_services.session_create(actor=moderator, dialogue=multilingual, title="Abend im Rathaus")
    _participant, token = live_services.participant_join(session=session, display_name="", language="ar", consent=True)
    client.cookies[token_cookie(session)] = token
    client.cookies["dialogwerk_language"] = "ar"
    services.translations_save(
        actor=consultant, dialogue=multilingual, language="ar", items=[(f"theme:{theme.pk}:name", "السكن")]
    )
    client.get(f"/j/{session.code}/live/")
    with CaptureQueriesContext(connection) as one:
        client.get(f"/j/{session.code}/live/")
    dialogue_set_languages(
        actor=consultant, dialogue=multilingual, languages=["de", "ar", "uk", "fa", "tr", "ru", "en"]
    )
    for code in ("uk", "fa", "tr", "ru", "en"):
        services.translations_save(
            actor=consultant, dialogue=multilingual, language=code, items=[(f"theme:{theme.pk}:name", code)]
        )
    with CaptureQueriesContext(connection) as seven:
        client.get(f"/j/{session.code}/live/")
    assert len(seven) == len(one)


def test_an_agencys_xlsx_comes_back_as_checked_translations(client_for, consultant, multilingual, theme):
    import io

    import openpyxl

    client = client_for(consultant)
    exported = client.get(f"/dialoge/{multilingual.pk}/uebersetzungen/ar/export.xlsx")
    assert exported.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(exported.content))
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    key_column, target_column = (
        headers.index("Schlüssel"),
        next(i for i, h in enumerate(headers) if str(h).startswith("Übersetzung")),
    )
    for row in sheet.iter_rows(min_row=2):
        if row[key_column].value == f"theme:{theme.pk}:name":
            row[target_column].value = "السكن والبناء"
    upload = io.BytesIO()
    book.save(upload)
    upload.name = "uebersetzung-ar.xlsx"
    upload.seek(0)
    response = upload_and_read(client, f"/dialoge/{multilingual.pk}/uebersetzungen-import/", {"file": upload})
    assert response.status_code == 302 and response.url == f"/dialoge/{multilingual.pk}/uebersetzungen/"
    assert "1 Übersetzung (العربية) importiert." in client.get(response.url).content.decode()
    row = ContentTranslation.objects.get()
    assert (row.object_id, row.language, row.text, row.status) == (theme.pk, "ar", "السكن والبناء", Status.CHECKED)


def test_an_xliff_with_an_unknown_text_changes_nothing_and_names_it(client_for, consultant, multilingual, theme):
    import io

    from dialogwerk.translations import exchange

    units = [
        exchange.Unit(
            key=f"theme:{theme.pk}:name", label="Themenfeld", source=theme.name, target="Житло", state="checked"
        ),
        exchange.Unit(key="theme:999999:name", label="?", source="?", target="Щось", state="checked"),
    ]
    upload = io.BytesIO(exchange.to_xliff(units, target_language="uk"))
    upload.name = "uk.xlf"
    response = upload_and_read(
        client_for(consultant), f"/dialoge/{multilingual.pk}/uebersetzungen-import/", {"file": upload}
    )
    assert response.status_code == 422
    assert "„theme:999999:name“ ist kein Text dieses Dialogs." in response.content.decode()
    assert not ContentTranslation.objects.exists()


def test_a_file_that_is_no_translation_is_refused(client_for, consultant, multilingual):
    import io

    upload = io.BytesIO(b"%PDF-1.4 not a translation")
    upload.name = "x.xlf"
    response = upload_and_read(
        client_for(consultant), f"/dialoge/{multilingual.pk}/uebersetzungen-import/", {"file": upload}
    )
    assert response.status_code == 422
    assert "nichts geändert" in response.content.decode()
    assert client_for(consultant).post(f"/dialoge/{multilingual.pk}/uebersetzungen-import/", {}).status_code == 400


def test_machine_translation_fills_what_is_missing_and_keeps_what_a_person_checked(
    client_for, consultant, multilingual, theme, serve, settings
):
    from .servers import libretranslate

    server = serve(libretranslate())
    settings.MACHINE_TRANSLATION, settings.LIBRETRANSLATE_URL = "libretranslate", server.url
    services.translations_save(
        actor=consultant, dialogue=multilingual, language="uk", items=[(f"theme:{theme.pk}:name", "Житло")]
    )
    response = client_for(consultant).post(f"/dialoge/{multilingual.pk}/uebersetzungen/uk/maschinell/")
    assert response.status_code == 302
    assert ContentTranslation.objects.get(object_id=theme.pk, field="name", language="uk").text == "Житло"
    machine = ContentTranslation.objects.filter(status=Status.MACHINE)
    assert machine.count() > 3 and all(row.text.startswith("[de→uk] ") for row in machine)


def test_the_page_shows_the_summary_of_results_per_language(client_for, consultant, multilingual):
    from dialogwerk.measures.services import summary_save

    url = f"/dialoge/{multilingual.pk}/uebersetzungen/"
    client = client_for(consultant)
    assert "Noch keine Zusammenfassung der Ergebnisse" in _page(client, url)
    summary_save(actor=consultant, dialogue=multilingual, language="de", text="Wir haben drei Maßnahmen beschlossen.")
    summary_save(actor=consultant, dialogue=multilingual, language="ar", text="قررنا ثلاثة إجراءات.")
    section = _page(client, url).split('id="summary-heading"')[1].split("</section>")[0]
    assert 'Arabisch: <span class="badge translation-checked">geprüft</span>' in section
    assert 'Ukrainisch: <span class="badge translation-missing">fehlt</span>' in section
    summary_save(actor=consultant, dialogue=multilingual, language="de", text="Wir haben vier Maßnahmen beschlossen.")
    section = _page(client, url).split('id="summary-heading"')[1].split("</section>")[0]
    assert 'Arabisch: <span class="badge translation-outdated">Original geändert</span>' in section


def test_the_dialogue_overview_links_to_the_translations_for_those_who_may_translate(
    client_for, consultant, moderator, multilingual
):
    interpreter = make_user("sprachmittlung@musterstadt.de", multilingual.municipality, Role.INTERPRETER)
    link = f'href="/dialoge/{multilingual.pk}/uebersetzungen/"'
    assert link in _page(client_for(consultant), f"/dialoge/{multilingual.pk}/")
    assert link in _page(client_for(interpreter), f"/dialoge/{multilingual.pk}/")
    assert link not in _page(client_for(moderator), f"/dialoge/{multilingual.pk}/")
