"""The results pages served by the real ASGI application (PageASGIHandler: middleware and view in one thread):
a logged-in consultant sees the board with its security headers, a form sent with the page's CSRF token is
checked and a bad one stores nothing, a form without the token is refused."""

import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from asgiref.sync import async_to_sync
from channels.testing import HttpCommunicator
from django.conf import settings
from django.test import Client

from dialogwerk.asgi import application
from dialogwerk.synthesis.models import Cluster

pytestmark = pytest.mark.django_db(transaction=True)


def request(method: str, path: str, cookies: dict, form: dict | None = None) -> dict:
    """One request through the ASGI application, in a thread of its own (as tests/live/test_lean_asgi.py)."""
    headers = [(b"host", b"127.0.0.1"), (b"cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()).encode())]
    body = b""
    if form is not None:
        headers += [(b"content-type", b"application/x-www-form-urlencoded"), (b"referer", b"http://127.0.0.1/")]
        body = urlencode(form).encode()

    async def scenario():
        communicator = HttpCommunicator(application, method, path, body=body, headers=headers)
        response = await communicator.get_response(timeout=10)
        await communicator.wait(timeout=10)  # the app closes the response and its database connection after sending
        return response

    with ThreadPoolExecutor(max_workers=1) as pool:
        response = pool.submit(async_to_sync(scenario)).result(timeout=30)
    response["body"] = response["body"].decode()
    response["cookies"] = dict(
        re.match(r"([^=]+)=([^;]*)", value.decode()).groups() for name, value in response["headers"] if name.lower() == b"set-cookie"
    )
    response["headers"] = {name.decode().lower(): value.decode() for name, value in response["headers"]}
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
