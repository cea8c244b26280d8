"""Cards across languages: an interpreter translates a card, the original stays, and the wall, the phones,
the console, the board and the API show the translation beside it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dialogwerk.live import services
from dialogwerk.live.models import ContributionTranslation, LiveEvent, TranslationStatus
from dialogwerk.live.views import token_cookie
from dialogwerk.tenancy.models import Role
from tests.conftest import make_user

ARABIC = "نحتاج إلى دروس لغة في المساء"
GERMAN = "Wir brauchen Sprachkurse am Abend"


@pytest.fixture
def interpreter(municipality):
    return make_user("sprachmittlung@a.example", municipality, Role.INTERPRETER)


@pytest.fixture
def arabic_card(session, participant, card_of):
    return card_of(session, participant, ARABIC)  # the participant joined in Arabic


def _interpret_url(session, language="ar"):
    return f"/veranstaltungen/{session.pk}/sprachmittlung/?sprache={language}"


def test_the_interpreter_sees_the_arabic_card_and_saves_its_german_translation(
    client_for, interpreter, session, arabic_card
):
    client = client_for(interpreter)
    page = client.get(_interpret_url(session)).content.decode()
    assert ARABIC in page and f'data-card="{arabic_card.pk}"' in page
    response = client.post(
        _interpret_url(session), {"card": arabic_card.pk, "language": "de", "text": GERMAN, "source": "ar"}
    )
    assert response.status_code == 302
    arabic_card.refresh_from_db()
    assert arabic_card.text == ARABIC and arabic_card.language == "ar"  # the original is never overwritten
    translation = arabic_card.translations.get()
    assert (translation.language, translation.text, translation.status) == ("de", GERMAN, TranslationStatus.CHECKED)
    assert translation.translated_by == interpreter
    # Done cards leave the queue.
    after = client.get(_interpret_url(session)).content.decode()
    assert f'data-card="{arabic_card.pk}"' not in after
    assert "Nichts zu übersetzen" in after


def test_a_saved_translation_goes_to_every_screen_as_an_event(client_for, interpreter, session, arabic_card):
    client_for(interpreter).post(_interpret_url(session), {"card": arabic_card.pk, "language": "de", "text": GERMAN})
    event = LiveEvent.objects.filter(session=session, kind="card").order_by("-seq").first()
    assert event.payload["id"] == arabic_card.pk
    assert event.payload["text"] == ARABIC
    assert event.payload["translations"] == {"de": {"text": GERMAN, "status": "checked"}}


def test_the_wall_prints_the_german_translation_under_the_arabic_card(
    client_for, moderator, interpreter, session, arabic_card
):
    services.contribution_translate(actor=interpreter, contribution=arabic_card, language="de", text=GERMAN)
    page = client_for(moderator).get(f"/veranstaltungen/{session.pk}/wand/").content.decode()
    card = page.split(f'data-card="{arabic_card.pk}"')[1].split("</li>")[0]
    assert f'lang="ar">{ARABIC}</span>' in card
    assert f'class="wall-card-translation" dir="auto" lang="de">{GERMAN}</span>' in card


def test_a_machine_translation_is_marked_as_such_on_the_wall(client_for, moderator, session, arabic_card):
    services.contribution_translate(
        actor=None, contribution=arabic_card, language="de", text=GERMAN, status=TranslationStatus.MACHINE
    )
    page = client_for(moderator).get(f"/veranstaltungen/{session.pk}/wand/").content.decode()
    card = page.split(f'data-card="{arabic_card.pk}"')[1].split("</li>")[0]
    assert GERMAN in card and "maschinell übersetzt" in card


def test_the_wall_shows_the_languages_the_moderator_chose(
    client_for, moderator, interpreter, session, participant, card_of, join
):
    german_participant, _token = join(session, "Karin", "de")
    german_card = card_of(session, german_participant, "Mehr Kitaplätze")
    services.contribution_translate(
        actor=interpreter, contribution=german_card, language="ar", text="المزيد من أماكن الحضانة"
    )
    client = client_for(moderator)
    wall = client.get(f"/veranstaltungen/{session.pk}/wand/").content.decode()
    assert "المزيد من أماكن الحضانة" not in wall  # by default only German translations are on the wall
    response = client.post(f"/veranstaltungen/{session.pk}/wand/sprachen/", {"languages": ["de", "ar"]})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.wall_language_codes == ["de", "ar"]
    assert (
        'lang="ar">المزيد من أماكن الحضانة</span>'
        in client.get(f"/veranstaltungen/{session.pk}/wand/").content.decode()
    )
    assert LiveEvent.objects.filter(session=session, kind="wall").exists()


def test_an_unknown_wall_language_changes_nothing(client_for, moderator, session):
    client = client_for(moderator)
    response = client.post(f"/veranstaltungen/{session.pk}/wand/sprachen/", {"languages": ["xx"]}, follow=True)
    assert "Bitte wählen Sie eine der angebotenen Sprachen." in response.content.decode()
    session.refresh_from_db()
    assert session.wall_languages == "de"


def test_a_german_participant_votes_on_the_arabic_card_in_german(
    client, moderator, interpreter, session, arabic_card, join
):
    services.contribution_translate(actor=interpreter, contribution=arabic_card, language="de", text=GERMAN)
    services.voting_open(actor=moderator, session=session, title="Was ist am wichtigsten?", all_cards=True, budget=3)
    _german, token = join(session, "Karin", "de")
    client.cookies[token_cookie(session)] = token
    page = client.get(f"/j/{session.code}/live/").content.decode()
    option = page.split(f'class="live-option" data-card="{arabic_card.pk}"')[1].split("</li>")[0]
    assert f'<p class="live-option-text" dir="auto" lang="de">{GERMAN}</p>' in option
    assert "Original anzeigen" in option and f'lang="ar">{ARABIC}</p>' in option


def test_the_arabic_writer_sees_their_card_as_written(
    client, moderator, interpreter, session, arabic_card, participant_and_token
):
    services.contribution_translate(actor=interpreter, contribution=arabic_card, language="de", text=GERMAN)
    services.voting_open(actor=moderator, session=session, title="Was ist am wichtigsten?", all_cards=True, budget=3)
    client.cookies[token_cookie(session)] = participant_and_token[1]
    client.cookies["dialogwerk_language"] = "ar"
    page = client.get(f"/j/{session.code}/live/").content.decode()
    option = page.split(f'class="live-option" data-card="{arabic_card.pk}"')[1].split("</li>")[0]
    assert f'lang="ar">{ARABIC}</p>' in option and GERMAN not in option


@pytest.mark.parametrize(
    ("post", "error"),
    [
        ({"language": "de", "text": "   "}, "Bitte schreiben Sie die Übersetzung."),
        ({"language": "de", "text": "x" * 501}, "höchstens 500 Zeichen"),
        ({"language": "ar", "text": "نفس اللغة"}, "bereits in dieser Sprache"),
        ({"language": "xx", "text": GERMAN}, "xx"),
    ],
)
def test_a_bad_translation_is_refused_with_a_message_and_stores_nothing(
    client_for, interpreter, session, arabic_card, post, error
):
    response = client_for(interpreter).post(_interpret_url(session), {"card": arabic_card.pk, **post})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not ContributionTranslation.objects.exists()
    arabic_card.refresh_from_db()
    assert arabic_card.text == ARABIC


def test_a_card_of_another_session_cannot_be_translated(client_for, interpreter, moderator, session, dialogue, card_of):
    other = services.session_create(actor=moderator, dialogue=dialogue, title="Zweiter Abend")
    card = card_of(other, None, "Andere Veranstaltung")
    response = client_for(interpreter).post(_interpret_url(session), {"card": card.pk, "language": "ar", "text": "…"})
    assert response.status_code == 404
    assert not ContributionTranslation.objects.exists()


def test_who_may_translate(client_for, session, arabic_card, interpreter, moderator, steering_member, outsider):
    assert client_for(moderator).get(_interpret_url(session)).status_code == 200
    assert client_for(steering_member).get(_interpret_url(session)).status_code == 403
    assert client_for(outsider).get(_interpret_url(session)).status_code == 404


def test_an_interpreter_translates_but_does_not_run_the_session(client_for, interpreter, session):
    client = client_for(interpreter)
    assert client.post(f"/veranstaltungen/{session.pk}/steuern/", {"action": "start"}).status_code == 403
    assert client.post(f"/veranstaltungen/{session.pk}/wand/sprachen/", {"languages": ["de"]}).status_code == 403
    console = client.get(f"/veranstaltungen/{session.pk}/").content.decode()
    assert f"/veranstaltungen/{session.pk}/sprachmittlung/" in console


def test_editing_the_original_with_its_wording_kept_sends_its_translation_back_to_the_queue(
    client_for, interpreter, moderator, session, arabic_card, theme
):
    services.contribution_translate(actor=interpreter, contribution=arabic_card, language="de", text=GERMAN)
    services.contribution_edit(
        actor=moderator, contribution=arabic_card, kind="idea", theme_id=theme.pk, text=ARABIC + "!", keep_previous=True
    )
    assert arabic_card.translations.get().status == TranslationStatus.OUTDATED
    page = client_for(interpreter).get(_interpret_url(session)).content.decode()
    assert f'data-card="{arabic_card.pk}"' in page
    assert GERMAN in page  # the old translation is offered for checking, not thrown away


def test_the_way_back_translates_german_cards_into_arabic_when_asked(client_for, interpreter, session, join, card_of):
    german, _token = join(session, "Karin", "de")
    card = card_of(session, german, "Mehr Kitaplätze")
    client = client_for(interpreter)
    assert f'data-card="{card.pk}"' not in client.get(_interpret_url(session)).content.decode()
    assert f'data-card="{card.pk}"' in client.get(_interpret_url(session) + "&zurueck=1").content.decode()


def test_the_api_lists_a_card_with_its_translations(client, interpreter, session, arabic_card):
    services.contribution_translate(actor=interpreter, contribution=arabic_card, language="de", text=GERMAN)
    cards = client.get(f"/api/v1/live/{session.code}/contributions").json()
    (card,) = [c for c in cards if c["id"] == arabic_card.pk]
    assert card["text"] == ARABIC
    assert card["translations"] == {"de": {"text": GERMAN, "status": "checked"}}


def test_the_board_shows_the_translation_beside_the_original(
    client_for, consultant, interpreter, dialogue, session, arabic_card
):
    services.contribution_translate(actor=interpreter, contribution=arabic_card, language="de", text=GERMAN)
    page = client_for(consultant).get(f"/dialoge/{dialogue.pk}/buendeln/").content.decode()
    card = page.split(f'id="karte-{arabic_card.pk}"')[1].split("</li>")[0]
    assert f'lang="ar">{ARABIC}</p>' in card
    assert f'<p class="card-translation" dir="auto" lang="de">{GERMAN}</p>' in card


def test_the_wall_reads_the_same_number_of_queries_whatever_the_number_of_languages(
    client_for, moderator, interpreter, session, arabic_card
):
    client = client_for(moderator)
    services.contribution_translate(actor=interpreter, contribution=arabic_card, language="de", text=GERMAN)
    client.get(f"/veranstaltungen/{session.pk}/wand/")  # warm the session and user caches

    with CaptureQueriesContext(connection) as one_language:
        client.get(f"/veranstaltungen/{session.pk}/wand/")
    for code in ("en", "uk", "fa", "tr", "ru"):
        services.contribution_translate(actor=interpreter, contribution=arabic_card, language=code, text=f"{code}: …")
    with CaptureQueriesContext(connection) as six_languages:
        client.get(f"/veranstaltungen/{session.pk}/wand/")
    assert len(six_languages) == len(one_language)


def _paragraphs(document) -> list[str]:
    from dialogwerk.reports import blocks

    texts = []
    for section in document.sections:
        for block in section.blocks:
            if isinstance(block, blocks.Para):
                texts.append(block.text)
            elif isinstance(block, blocks.Bullets):
                texts.extend(block.items)
    return texts


def test_the_documentation_prints_the_original_with_its_german_translation(
    interpreter, moderator, dialogue, session, arabic_card, participant
):
    from django.utils import translation

    from dialogwerk.reports.documentation import build

    services.contribution_translate(actor=interpreter, contribution=arabic_card, language="de", text=GERMAN)
    services.voting_open(actor=moderator, session=session, title="Was ist wichtig?", all_cards=True, budget=1)
    services.vote_place(participant=participant, contribution_id=arabic_card.pk, idempotency_key="dot-1")
    with translation.override("de"):
        document = build(dialogue, include_annex=True)
    texts = _paragraphs(document)
    annex = texts.index(next(t for t in texts if t.endswith(ARABIC)))
    assert texts[annex + 1] == f"Deutsch: {GERMAN}"  # the original first, its translation under it
    ranking = [row for section in document.sections for block in section.blocks for row in getattr(block, "rows", [])]
    assert any(f"{ARABIC} (Deutsch: {GERMAN})" in row for row in ranking)


def test_a_participants_data_export_holds_the_translations_of_their_cards(interpreter, participant, arabic_card):
    from dialogwerk.privacy.services import participant_export

    services.contribution_translate(actor=interpreter, contribution=arabic_card, language="de", text=GERMAN)
    (card,) = participant_export(participant)["cards"]
    assert card["text"] == ARABIC and card["translations"] == {"de": GERMAN}
