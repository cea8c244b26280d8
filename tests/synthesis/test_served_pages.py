"""The results pages served by the real ASGI application (PageASGIHandler: middleware and view in one thread):
a logged-in consultant sees the board with its security headers, a form sent with the page's CSRF token is
checked and a bad one stores nothing, a form without the token is refused."""

import re
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client

from dialogwerk.synthesis.models import Cluster
from tests.asgi_app import asgi_request

pytestmark = pytest.mark.django_db(transaction=True)


def request(method: str, path: str, cookies: dict, form: dict | None = None) -> dict:
    """One request through the ASGI application, its body as text."""
    headers = [(b"cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()).encode())]
    body = b""
    if form is not None:
        headers += [(b"content-type", b"application/x-www-form-urlencoded"), (b"referer", b"http://127.0.0.1/")]
        body = urlencode(form).encode()
    response = asgi_request(method, path, body=body, headers=headers)
    response["body"] = response["body"].decode()
    return response


@pytest.fixture
def consultant_cookies(consultant):
    client = Client()
    client.force_login(consultant)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


def test_the_board_is_served_with_its_cards_and_security_headers(consultant_cookies, dialogue, make_card):
    make_card("Mehr Sprachkurse am Abend anbieten")
    page = request("GET", f"/dialoge/{dialogue.pk}/buendeln/", consultant_cookies)
    assert page["status"] == 200
    assert "Mehr Sprachkurse am Abend anbieten" in page["body"] and '<html lang="de"' in page["body"]
    assert page["headers"]["x-frame-options"] == "DENY" and "content-security-policy" in page["headers"]
    assert page["headers"]["x-request-id"]


def test_a_form_with_the_pages_token_is_checked_and_a_bad_one_stores_nothing(consultant_cookies, dialogue, make_card):
    make_card("Mehr Sprachkurse am Abend anbieten")
    page = request("GET", f"/dialoge/{dialogue.pk}/buendeln/", consultant_cookies)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page["body"]).group(1)
    cookies = {**consultant_cookies, **page["cookies"]}
    url = f"/dialoge/{dialogue.pk}/buendeln/buendel/"

    refused = request("POST", url, cookies, {"title": "Sprache"})  # no token
    empty = request("POST", url, cookies, {"csrfmiddlewaretoken": token, "title": ""})
    assert refused["status"] == 403
    assert empty["status"] == 422 and "Bitte geben Sie dem Bündel einen Titel." in empty["body"]
    assert not Cluster.objects.exists()

    created = request("POST", url, cookies, {"csrfmiddlewaretoken": token, "title": "Sprache"})
    assert created["status"] == 302
    assert list(Cluster.objects.values_list("title", flat=True)) == ["Sprache"]
