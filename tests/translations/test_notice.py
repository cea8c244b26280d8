"""The participants' notice names the machine translation service when (and only when) one is configured,
and the consent keeps the hash of exactly that notice."""

import pytest
from django.test import override_settings

from dialogwerk.live.models import Participant
from dialogwerk.live.notice import notice_text
from dialogwerk.privacy.models import ConsentRecord
from dialogwerk.privacy.services import notice_sha256

pytestmark = pytest.mark.django_db

DEEPL = {"MACHINE_TRANSLATION": "deepl", "DEEPL_API_KEY": "k:fx", "DEEPL_API_URL": ""}
LIBRETRANSLATE = {"MACHINE_TRANSLATION": "libretranslate", "LIBRETRANSLATE_URL": "https://translate.example.org"}
SERVICE_WORDS = ("DeepL", "LibreTranslate", "Karten können maschinell übersetzt werden")


def test_the_join_page_and_the_notice_say_nothing_of_machine_translation_when_it_is_off(client, session):
    page = client.get(f"/j/{session.code}/").content.decode()
    text = notice_text(session=session, language="de")
    assert not [word for word in SERVICE_WORDS if word in page or word in text]


@override_settings(**DEEPL)
def test_the_join_page_names_deepl_when_it_is_configured(client, session):
    page = client.get(f"/j/{session.code}/").content.decode()
    assert "an die DeepL SE in Köln (Deutschland) gesendet" in page
    assert "DeepL SE in Köln" in notice_text(session=session, language="de")


@override_settings(**LIBRETRANSLATE)
def test_the_join_page_names_the_libretranslate_server_when_it_is_configured(client, session):
    page = client.get(f"/j/{session.code}/").content.decode()
    assert "an einen LibreTranslate-Server unter translate.example.org gesendet" in page
    assert "DeepL" not in page


@pytest.mark.parametrize("language", ["en", "ar", "fa", "uk", "tr", "ru"])
def test_every_participant_language_names_the_service_in_its_own_words(session, language):
    with override_settings(**DEEPL):
        deepl = notice_text(session=session, language=language)
    with override_settings(**LIBRETRANSLATE):
        libretranslate = notice_text(session=session, language=language)
    assert "DeepL SE" in deepl and "translate.example.org" in libretranslate
    if language != "en":
        assert "Cards may be translated by machine" not in deepl + libretranslate


def test_joining_keeps_the_hash_of_the_notice_that_named_the_service(client, session):
    without = notice_sha256(notice_text(session=session, language="tr"))
    with override_settings(**DEEPL):
        client.post(f"/j/{session.code}/", {"display_name": "Elif", "language": "tr", "consent": "on"})
        shown = notice_text(session=session, language="tr")
    record = ConsentRecord.objects.get(participant=Participant.objects.get())
    assert "DeepL SE" in shown
    assert record.notice_sha256 == notice_sha256(shown) != without


def test_the_privacy_notice_names_the_service_only_when_it_is_configured(client, municipality):
    url = f"/datenschutz/{municipality.pk}/"
    assert not [word for word in SERVICE_WORDS if word in client.get(url).content.decode()]
    with override_settings(**DEEPL):
        assert (
            "an die DeepL SE in Köln (Deutschland) als Auftragsverarbeiter gesendet" in client.get(url).content.decode()
        )
    with override_settings(**LIBRETRANSLATE):
        assert "LibreTranslate-Server unter translate.example.org" in client.get(url).content.decode()
