"""Machine translation of cards end to end: a new card is translated in the background by the configured
service (here a local server speaking LibreTranslate's API), marked as such, and never replaces a person's."""

import logging

import pytest
from django_tasks_db.models import DBTaskResult

from dialogwerk.live import services
from dialogwerk.live.models import ContributionTranslation, TranslationStatus
from dialogwerk.live.tasks import translate_card_by_machine

from .servers import Reply, always, libretranslate

CARD = "نحتاج إلى دورات لغة في المساء"


@pytest.fixture
def libre(serve, settings):
    server = serve(libretranslate())
    settings.MACHINE_TRANSLATION = "libretranslate"
    settings.LIBRETRANSLATE_URL = server.url
    return server


@pytest.fixture
def arabic(session):
    participant, _token = services.participant_join(session=session, display_name="", language="ar", consent=True)
    return participant


def _write(session, participant, text=CARD):
    theme = session.dialogue.themes.order_by("position").first()
    card, _created = services.contribution_submit(
        session=session, participant=participant, kind="idea", theme_id=theme.pk, text=text
    )
    return card


def test_a_new_arabic_card_is_translated_into_german_by_machine_and_marked(
    libre, session, arabic, client_for, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        card = _write(session, arabic)
    assert (
        DBTaskResult.objects.filter(task_path__endswith="translate_card_by_machine").count() == 1
    )  # queued, not done in the request
    assert translate_card_by_machine.call(card.pk) == 1
    translation = card.translations.get()
    assert (translation.language, translation.status) == ("de", TranslationStatus.MACHINE)
    assert translation.text == f"[ar→de] {CARD}"
    card.refresh_from_db()
    assert card.text == CARD  # the original stays
    wall = client_for(moderator).get(f"/veranstaltungen/{session.pk}/wand/").content.decode()
    assert f"[ar→de] {CARD}" in wall and "maschinell übersetzt" in wall


def test_a_checked_translation_is_never_replaced_by_the_machine(libre, session, arabic, moderator):
    card = _write(session, arabic)
    services.contribution_translate(actor=moderator, contribution=card, language="de", text="Sprachkurse am Abend")
    assert translate_card_by_machine.call(card.pk) == 0
    assert card.translations.get().text == "Sprachkurse am Abend"
    assert not libre.posts()


def test_the_dialogues_languages_are_the_targets(libre, session, dialogue, consultant, moderator):
    from dialogwerk.dialogues.services import dialogue_set_languages

    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["de", "ar", "uk"])
    german, _token = services.participant_join(session=session, display_name="", language="de", consent=True)
    card = _write(session, german, "Mehr Kitaplätze")
    card.session.refresh_from_db()
    assert translate_card_by_machine.call(card.pk) == 2
    assert set(card.translations.values_list("language", flat=True)) == {"ar", "uk"}


def test_nothing_is_sent_or_queued_when_machine_translation_is_off(
    serve, session, arabic, django_capture_on_commit_callbacks
):
    server = serve(libretranslate())
    with django_capture_on_commit_callbacks(execute=True):
        card = _write(session, arabic)
    assert not DBTaskResult.objects.filter(task_path__endswith="translate_card_by_machine").exists()
    assert translate_card_by_machine.call(card.pk) == 0
    assert not server.received and not ContributionTranslation.objects.exists()


def test_a_failing_service_leaves_the_card_to_the_interpreters_and_logs_no_words(
    serve, settings, session, arabic, caplog
):
    server = serve(always(Reply(500, {"error": "kaputt"})))
    settings.MACHINE_TRANSLATION = "libretranslate"
    settings.LIBRETRANSLATE_URL = server.url
    card = _write(session, arabic)
    with caplog.at_level(logging.WARNING):
        assert translate_card_by_machine.call(card.pk) == 0
    assert not ContributionTranslation.objects.exists()
    assert CARD not in caplog.text
