"""CSRF on every form and a Content-Security-Policy every page can live with.

Every page of the URL walk is opened as the owning municipality's administrator (as in test_escaping.py):
each HTML page carries a CSP whose script-src has no 'unsafe-inline', contains no inline script (JSON data
for scripts is fine) and no inline event handler (the CSP would block both, so they would silently not
work), and every POST form carries the CSRF token. A browser-like client that checks CSRF is refused
without the token and let through with it.
"""

import datetime
import re

import pytest
from django.test import Client

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.dialogues.services import dialogue_create
from tests.tenant_walk import FACTORIES, load_factories, walk

SKIP_PAGES = {"logout", "set_language"}
INLINE_SCRIPT = re.compile(r'<script(?![^>]*\b(?:src=|type="application/(?:ld\+)?json"))[^>]*>\s*\S', re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
POST_FORM = re.compile(r"<form\b[^>]*method=[\"']?post[\"']?[^>]*>(.*?)</form>", re.IGNORECASE | re.DOTALL)


def script_src(policy: str) -> str:
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if " " in part.strip())
    return directives.get("script-src", directives.get("default-src", ""))


@pytest.mark.django_db
def test_every_page_has_a_strict_csp_and_every_post_form_a_csrf_token(client, other_municipality, outsider, settings):
    settings.RATE_LIMITS_ENABLED = False
    load_factories()
    # With a date, as every dialogue that sends invitations has one (the RSVP page needs it).
    dialogue = dialogue_create(
        actor=outsider, municipality=other_municipality, title="Dialog B", starts_on=datetime.date(2027, 5, 8)
    )
    context = {"municipality": other_municipality, "dialogue": dialogue, "user": outsider}
    values = {name: factory(context) for name, factory in FACTORIES.items()}
    client.force_login(outsider)
    problems, pages, forms = [], 0, 0
    for route in walk():
        if route.name in SKIP_PAGES or any(param not in values for param in route.params):
            continue
        url = route.fill(values)
        response = client.get(url)
        if "text/html" not in response.get("Content-Type", "") or response.status_code >= 300:
            continue
        pages += 1
        html = (b"".join(response.streaming_content) if response.streaming else response.content).decode(
            errors="replace"
        )
        policy = response.get("Content-Security-Policy", "")
        if not policy or "'unsafe-inline'" in script_src(policy) or "'unsafe-eval'" in script_src(policy):
            problems.append(f"{url} ({route.name}): CSP {policy!r}")
        if INLINE_SCRIPT.search(html):
            problems.append(f"{url} ({route.name}): inline script {INLINE_SCRIPT.search(html).group(0)[:80]!r}")
        if handler := EVENT_HANDLER.search(html):
            problems.append(f"{url} ({route.name}): inline event handler {handler.group(0)[-60:]!r}")
        for form in POST_FORM.findall(html):
            forms += 1
            if 'name="csrfmiddlewaretoken"' not in form:
                problems.append(f"{url} ({route.name}): a POST form without the CSRF token")
    assert pages >= 30 and forms >= 20
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(municipality, consultant):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(consultant)
    url = f"/kommunen/{municipality.pk}/dialoge/neu/"
    form = {"title": "Ohne Token", "purpose": ""}
    assert browser.post(url, form).status_code == 403
    assert not Dialogue.objects.exists()
    browser.get(url)  # sets the csrftoken cookie, as opening the form does
    token = browser.cookies["csrftoken"].value
    response = browser.post(url, {**form, "csrfmiddlewaretoken": token})
    assert response.status_code in {302, 422}, response.status_code  # past the CSRF check: the form decides
