"""The DeepL backend against a local server that speaks DeepL's API (POST /v2/translate)."""

import logging

import pytest

from dialogwerk.translations.machine import DeepLBackend, Failure, TranslationUnavailable, deepl_url_for_key

from .servers import Reply, always, deepl

KEY = "0123abcd-0000-4000-8000-000000000000:fx"
CARD = "Нам потрібні вечірні мовні курси"  # "We need evening language courses"


def test_it_translates_a_card_and_sends_what_the_api_expects(serve):
    server = serve(deepl(api_key=KEY))
    backend = DeepLBackend(KEY, url=server.url)
    assert backend.translate(CARD, source="uk", target="de") == f"[DE] {CARD}"
    [post] = server.posts()
    assert post.path == "/v2/translate"
    assert post.headers["authorization"] == f"DeepL-Auth-Key {KEY}"
    assert post.json() == {"text": [CARD], "source_lang": "UK", "target_lang": "DE"}


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang"),
    [("de", "en", "DE", "EN-GB"), ("en", "ar", "EN", "AR"), ("tr", "ru", "TR", "RU"), ("ar", "uk", "AR", "UK")],
)
def test_it_speaks_deepls_language_codes(serve, source, target, source_lang, target_lang):
    server = serve(deepl(api_key=KEY))
    DeepLBackend(KEY, url=server.url).translate("Hallo", source=source, target=target)
    assert server.posts()[0].json() | {"text": None} == {
        "text": None,
        "source_lang": source_lang,
        "target_lang": target_lang,
    }


@pytest.mark.parametrize(("source", "target"), [("fa", "de"), ("de", "fa")])
def test_persian_is_refused_without_sending_the_card(serve, source, target):
    server = serve(deepl(api_key=KEY))
    backend = DeepLBackend(KEY, url=server.url)
    assert not backend.supports(source, target)
    with pytest.raises(TranslationUnavailable) as error:
        backend.translate("متن کارت", source=source, target=target)
    assert error.value.kind == Failure.UNSUPPORTED and "DeepL" in str(error.value)
    assert server.received == []


def test_every_other_language_of_dialogwerk_is_offered_in_both_directions():
    backend = DeepLBackend(KEY, url="http://127.0.0.1:9")
    languages = ["ar", "de", "en", "ru", "tr", "uk"]
    assert all(backend.supports(a, b) for a in languages for b in languages if a != b)


def test_free_keys_go_to_api_free_and_paid_keys_to_api():
    assert deepl_url_for_key(KEY) == "https://api-free.deepl.com"
    assert deepl_url_for_key("0123abcd-0000-4000-8000-000000000000") == "https://api.deepl.com"
    assert DeepLBackend(KEY).host == "api-free.deepl.com"
    assert DeepLBackend("paid-key").host == "api.deepl.com"


def test_an_address_with_the_api_version_still_reaches_the_translate_endpoint(serve):
    server = serve(deepl(api_key=KEY))
    DeepLBackend(KEY, url=server.url + "/v2/").translate("Hallo", source="de", target="en")
    assert server.posts()[0].path == "/v2/translate"


def test_an_empty_card_comes_back_empty_without_a_request(serve):
    server = serve(deepl(api_key=KEY))
    assert DeepLBackend(KEY, url=server.url).translate("  ", source="ar", target="de") == ""
    assert server.received == []


def test_a_text_over_the_limit_is_refused_without_sending_it(serve):
    server = serve(deepl(api_key=KEY))
    with pytest.raises(TranslationUnavailable) as error:
        DeepLBackend(KEY, url=server.url, max_chars=10).translate("x" * 11, source="de", target="en")
    assert error.value.kind == Failure.TOO_LONG
    assert server.received == []


def test_a_wrong_key_is_reported_naming_the_setting_to_check(serve):
    server = serve(deepl(api_key=KEY))
    with pytest.raises(TranslationUnavailable) as error:
        DeepLBackend("wrong:fx", url=server.url).translate("Hallo", source="de", target="en")
    assert error.value.kind == Failure.BAD_KEY and "DEEPL_API_KEY" in str(error.value)


def test_a_used_up_quota_is_reported(serve):
    server = serve(always(Reply(456, {"message": "Quota exceeded"})))
    with pytest.raises(TranslationUnavailable) as error:
        DeepLBackend(KEY, url=server.url).translate("Hallo", source="de", target="en")
    assert error.value.kind == Failure.QUOTA and error.value.status == 456


@pytest.mark.parametrize("status", [429, 529])
def test_too_many_requests_are_reported_as_a_rate_limit(serve, status):
    server = serve(always(Reply(status, {"message": "Too many requests"}, headers={"Retry-After": "5"})))
    with pytest.raises(TranslationUnavailable) as error:
        DeepLBackend(KEY, url=server.url).translate("Hallo", source="de", target="en")
    assert error.value.kind == Failure.RATE_LIMITED and error.value.retry_after == 5


def test_a_server_error_is_reported(serve):
    server = serve(always(Reply(503, {"message": "Service unavailable"})))
    with pytest.raises(TranslationUnavailable) as error:
        DeepLBackend(KEY, url=server.url).translate("Hallo", source="de", target="en")
    assert error.value.kind == Failure.SERVER_ERROR


@pytest.mark.parametrize(
    "body", [b"not json", b'{"translations": []}', b'{"translations": [{"text": 3}]}', b'{"message": "ok"}']
)
def test_an_answer_that_is_not_the_apis_json_is_reported(serve, body):
    server = serve(always(Reply(200, body)))
    with pytest.raises(TranslationUnavailable) as error:
        DeepLBackend(KEY, url=server.url).translate("Hallo", source="de", target="en")
    assert error.value.kind == Failure.BAD_RESPONSE


def test_a_slow_answer_times_out(serve):
    server = serve(always(Reply(body={"translations": [{"text": "x"}]}, delay=2.0)))
    with pytest.raises(TranslationUnavailable) as error:
        DeepLBackend(KEY, url=server.url, timeout=0.3).translate("Hallo", source="de", target="en")
    assert error.value.kind == Failure.TIMEOUT


def test_a_failure_is_logged_by_kind_without_the_card_or_the_key(serve, caplog):
    server = serve(always(Reply(456, {"message": "Quota exceeded"})))
    with caplog.at_level(logging.DEBUG), pytest.raises(TranslationUnavailable):
        DeepLBackend(KEY, url=server.url).translate(CARD, source="uk", target="de")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "quota" in logged and "DeepL" in logged
    assert CARD not in logged and KEY not in logged
    assert KEY not in repr(DeepLBackend(KEY, url=server.url))
