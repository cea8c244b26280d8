"""The LibreTranslate backend against a local server that speaks LibreTranslate's API."""

import logging
import socket

import pytest

from dialogwerk.translations.machine import Failure, LibreTranslateBackend, TranslationUnavailable

from .servers import LIBRETRANSLATE_LANGUAGES, Reply, always, libretranslate

CARD = "نحتاج إلى دورات لغة في المساء"  # "We need language courses in the evening"


def test_it_translates_a_card_and_sends_what_the_api_expects(serve):
    server = serve(libretranslate())
    backend = LibreTranslateBackend(server.url)
    assert backend.translate(CARD, source="ar", target="de") == f"[ar→de] {CARD}"
    [post] = server.posts()
    assert post.path == "/translate"
    assert post.headers["content-type"] == "application/json"
    assert post.json() == {"q": CARD, "source": "ar", "target": "de", "format": "text"}


def test_it_sends_the_api_key_when_the_server_needs_one(serve):
    server = serve(libretranslate(api_key="geheim"))
    backend = LibreTranslateBackend(server.url, api_key="geheim")
    assert backend.translate("Mehr Kitaplätze", source="de", target="uk") == "[de→uk] Mehr Kitaplätze"
    assert server.posts()[0].json()["api_key"] == "geheim"


def test_it_reaches_a_server_under_a_path(serve):
    def answer(request):
        return (
            Reply(body=LIBRETRANSLATE_LANGUAGES)
            if request.method == "GET"
            else Reply(body={"translatedText": request.path})
        )

    server = serve(answer)
    backend = LibreTranslateBackend(server.url + "/libretranslate/")
    assert backend.translate("Hallo", source="de", target="en") == "/libretranslate/translate"


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_an_empty_card_comes_back_empty_without_a_request(serve, text):
    server = serve(libretranslate())
    assert LibreTranslateBackend(server.url).translate(text, source="ar", target="de") == ""
    assert server.received == []


def test_a_card_already_in_the_target_language_comes_back_unchanged_without_a_request(serve):
    server = serve(libretranslate())
    assert (
        LibreTranslateBackend(server.url).translate("Mehr Kitaplätze", source="de", target="DE-de") == "Mehr Kitaplätze"
    )
    assert server.received == []


def test_a_text_over_the_limit_is_refused_without_sending_it(serve):
    server = serve(libretranslate())
    with pytest.raises(TranslationUnavailable) as error:
        LibreTranslateBackend(server.url, max_chars=100).translate("x" * 101, source="de", target="ar")
    assert error.value.kind == Failure.TOO_LONG and "100" in str(error.value)
    assert server.received == []


def test_it_asks_the_server_once_which_languages_it_offers(serve):
    only_german_english = [
        {"code": "de", "name": "German", "targets": ["en"]},
        {"code": "en", "name": "English", "targets": ["de"]},
    ]
    server = serve(libretranslate(languages=only_german_english))
    backend = LibreTranslateBackend(server.url)
    assert backend.supports("de", "en")
    assert not backend.supports("fa", "de")
    assert not backend.supports("de", "fa")
    assert [request.path for request in server.received] == ["/languages"]


def test_a_language_the_server_does_not_offer_is_refused_without_sending_the_card(serve):
    server = serve(libretranslate(languages=[{"code": "de", "name": "German", "targets": ["en"]}]))
    with pytest.raises(TranslationUnavailable) as error:
        LibreTranslateBackend(server.url).translate(CARD, source="ar", target="de")
    assert error.value.kind == Failure.UNSUPPORTED
    assert server.posts() == []


def test_when_the_server_cannot_list_its_languages_translating_is_still_tried(serve):
    def answer(request):
        return Reply(500, {"error": "oops"}) if request.path == "/languages" else libretranslate()(request)

    server = serve(answer)
    backend = LibreTranslateBackend(server.url)
    assert backend.translate("Hallo", source="de", target="fa") == "[de→fa] Hallo"
    assert backend.supports("de", "fa")
    assert [request.path for request in server.received].count("/languages") == 1  # not asked again at once


def test_a_rate_limit_is_reported_with_the_wait_the_server_asks_for(serve):
    server = serve(always(Reply(429, {"error": "Slowdown: 10 per 1 minute"}, headers={"Retry-After": "30"})))
    with pytest.raises(TranslationUnavailable) as error:
        LibreTranslateBackend(server.url).translate("Hallo", source="de", target="en")
    assert error.value.kind == Failure.RATE_LIMITED
    assert error.value.status == 429 and error.value.retry_after == 30


def test_a_server_error_is_reported(serve):
    server = serve(always(Reply(500, {"error": "Cannot translate"})))
    with pytest.raises(TranslationUnavailable) as error:
        LibreTranslateBackend(server.url).translate("Hallo", source="de", target="en")
    assert error.value.kind == Failure.SERVER_ERROR and "500" in str(error.value)


def test_a_refused_key_is_reported_naming_the_setting_to_check(serve):
    server = serve(libretranslate(api_key="richtig"))
    with pytest.raises(TranslationUnavailable) as error:
        LibreTranslateBackend(server.url, api_key="falsch").translate("Hallo", source="de", target="en")
    assert error.value.kind == Failure.BAD_KEY and "LIBRETRANSLATE_API_KEY" in str(error.value)


def test_a_bad_request_is_reported_as_rejected(serve):
    server = serve(always(Reply(400, {"error": "Invalid request"})))
    with pytest.raises(TranslationUnavailable) as error:
        LibreTranslateBackend(server.url).translate("Hallo", source="de", target="en")
    assert error.value.kind == Failure.REJECTED


@pytest.mark.parametrize(
    "body", [b"<html>Bad Gateway</html>", b'{"translatedText": ', b'{"error": "no text"}', b"[]", b"\xff\xfe"]
)
def test_an_answer_that_is_not_the_apis_json_is_reported(serve, body):
    def answer(request):
        return libretranslate()(request) if request.method == "GET" else Reply(200, body)

    server = serve(answer)
    with pytest.raises(TranslationUnavailable) as error:
        LibreTranslateBackend(server.url).translate("Hallo", source="de", target="en")
    assert error.value.kind == Failure.BAD_RESPONSE


def test_a_slow_server_times_out(serve):
    def answer(request):
        return (
            Reply(body=LIBRETRANSLATE_LANGUAGES)
            if request.method == "GET"
            else Reply(body={"translatedText": "x"}, delay=2.0)
        )

    server = serve(answer)
    backend = LibreTranslateBackend(server.url, timeout=0.3)
    with pytest.raises(TranslationUnavailable) as error:
        backend.translate("Hallo", source="de", target="en")
    assert error.value.kind == Failure.TIMEOUT and "0.3 seconds" in str(error.value)


def test_a_server_that_is_not_there_is_reported_as_unreachable():
    with socket.socket() as probe:  # a port that was free a moment ago: nobody listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(TranslationUnavailable) as error:
        LibreTranslateBackend(f"http://127.0.0.1:{port}").translate("Hallo", source="de", target="en")
    assert error.value.kind == Failure.UNREACHABLE and f"127.0.0.1:{port}" in str(error.value)


def test_a_redirect_is_not_followed_so_the_card_and_key_go_only_to_the_configured_server(serve):
    elsewhere = serve(libretranslate())
    server = serve(lambda request: Reply(307, {}, headers={"Location": f"{elsewhere.url}{request.path}"}))
    with pytest.raises(TranslationUnavailable) as error:
        LibreTranslateBackend(server.url, api_key="geheim").translate("Hallo", source="de", target="en")
    assert error.value.kind == Failure.REJECTED
    assert elsewhere.received == []


def test_a_failure_is_logged_by_kind_without_the_card_or_the_key(serve, caplog):
    server = serve(always(Reply(500, {"error": "oops"})))
    with caplog.at_level(logging.DEBUG), pytest.raises(TranslationUnavailable):
        LibreTranslateBackend(server.url, api_key="geheim").translate(CARD, source="ar", target="de")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "server_error" in logged and "LibreTranslate" in logged
    assert CARD not in logged and "geheim" not in logged
    assert "geheim" not in repr(LibreTranslateBackend(server.url, api_key="geheim"))
