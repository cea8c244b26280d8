"""User text is escaped everywhere: plant script payloads in every text field of every model, open every page.

After the apps' factories (tests/<app>/tenant_kwargs.py) have made one of everything in Kommune B, every
free-text column of every Dialogwerk model is overwritten with `<script>…` and `<img onerror=…>`; then each
page of the URL walk is opened as Kommune B's administrator (the owner, who sees it all). No HTML page may
contain a payload unescaped, and none may fail with a server error. Non-HTML answers (CSV, XLSX, PDF,
JSON) are not HTML and are not parsed by a browser as such; their content type is checked instead.
"""

import pytest
from django.apps import apps
from django.db import DatabaseError, models, transaction

from dialogwerk.dialogues.services import dialogue_create
from tests.tenant_walk import FACTORIES, PUBLIC_URL_NAMES, load_factories, walk

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
PAYLOAD = f"{SCRIPT}{IMG}"
# Columns that are not free text a person types (codes, hashes, keys, languages, file paths).
NOT_TEXT = {
    "token",
    "token_hash",
    "idempotency_key",
    "withdraw_key",
    "code",
    "language",
    "prefix",
    "password",
    "ags",
    "notice_version",
    "kind",
    "state",
    "slug",
}
SKIP_PAGES = {"logout", "set_language"}


def text_fields(model) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
        and not isinstance(field, (models.EmailField, models.URLField, models.SlugField, models.FilePathField))
        and not field.choices
        and field.name not in NOT_TEXT
        and not field.name.endswith(("_key", "_hash", "_token", "_code"))
        and (field.max_length is None or field.max_length >= len(SCRIPT) + 8)
    ]


def plant(value_for_row) -> int:
    """Overwrite every free-text column of every Dialogwerk row; returns how many columns were planted."""
    planted = 0
    for model in apps.get_models():
        if not model.__module__.startswith("dialogwerk."):
            continue
        fields = text_fields(model)
        for row in model._base_manager.all():
            for field in fields:
                try:
                    with transaction.atomic():
                        model._base_manager.filter(pk=row.pk).update(**{field.attname: value_for_row(field, row)})
                    planted += 1
                except DatabaseError:
                    pass  # a unique or check constraint the payload cannot meet; the other columns still count
    return planted


def payload_for(field, row) -> str:
    text = f"{PAYLOAD} {row.pk}"
    if field.max_length is not None and len(text) > field.max_length:
        text = f"{SCRIPT} {row.pk}" if len(SCRIPT) + 8 <= field.max_length else text[: field.max_length]
    return text


@pytest.mark.django_db
def test_no_page_shows_a_planted_payload_unescaped(client, other_municipality, outsider, settings):
    settings.RATE_LIMITS_ENABLED = False
    load_factories()
    dialogue = dialogue_create(actor=outsider, municipality=other_municipality, title="Dialog B")
    context = {"municipality": other_municipality, "dialogue": dialogue, "user": outsider}
    values = {name: factory(context) for name, factory in FACTORIES.items()}
    assert plant(payload_for) >= 10
    client.force_login(outsider)
    problems, html_pages, escaped_pages = [], 0, 0
    for route in walk():
        if route.name in SKIP_PAGES or any(param not in values for param in route.params):
            continue
        url = route.fill(values)
        response = client.get(url)
        if response.status_code >= 500:
            problems.append(f"{url} ({route.name}) answered {response.status_code}")
            continue
        content_type = response.get("Content-Type", "")
        if "text/html" not in content_type:
            continue
        html_pages += 1
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = content.decode(errors="replace")
        escaped_pages += "&lt;script&gt;alert(1)&lt;/script&gt;" in text
        for raw in (SCRIPT, IMG, "onerror=alert(1)>"):
            if raw in text:
                problems.append(f"{url} ({route.name}) shows {raw!r} unescaped")
    assert html_pages >= 10
    assert escaped_pages >= 5, "the planted text should show (escaped) on the pages that list it"
    assert not problems, "\n".join(problems)


def test_public_pages_are_part_of_the_walk():
    load_factories()
    assert PUBLIC_URL_NAMES <= {route.name for route in walk()}
