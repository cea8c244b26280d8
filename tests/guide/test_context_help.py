"""Every staff page has context help, and every help link points at a heading that exists."""

import pytest

from dialogwerk.guide import chapters
from dialogwerk.guide.help import PAGES, TOPICS, help_for
from tests.tenant_walk import PUBLIC_URL_NAMES, load_factories, walk
from tests.test_tenant_isolation import PUBLIC


def staff_url_names() -> set[str]:
    load_factories()
    public = PUBLIC | PUBLIC_URL_NAMES
    return {route.name for route in walk() if not route.name.startswith("api:") and route.name not in public}


def test_every_staff_page_has_a_help_entry():
    missing = sorted(staff_url_names() - set(PAGES))
    assert not missing, f"add these URL names to dialogwerk/guide/help.py PAGES: {missing}"


def test_every_page_points_at_a_topic_that_exists():
    assert set(PAGES.values()) <= set(TOPICS)


def test_every_help_link_points_at_an_existing_chapter_and_heading():
    for key, entry in TOPICS.items():
        if entry.chapter == "index":
            continue
        assert entry.chapter in chapters.BY_SLUG, key
        if entry.anchor:
            ids = {anchor for _level, _text, anchor in chapters.headings(entry.chapter)}
            assert entry.anchor in ids, f"{key}: #{entry.anchor} not in {entry.chapter}.md ({sorted(ids)})"


def test_help_is_at_most_two_sentences():
    for key, entry in TOPICS.items():
        text = str(entry.text)
        assert text.count(". ") + text.count("? ") <= 1, key


def test_unknown_pages_have_no_help():
    assert help_for(None) is None and help_for("nothing:here") is None


@pytest.mark.django_db
def test_the_help_box_is_on_a_dialogue_page(client_for, consultant, dialogue):
    html = client_for(consultant).get(f"/dialoge/{dialogue.pk}/akteure/").content.decode()
    assert '<aside class="guide-help" aria-labelledby="guide-help-heading">' in html
    assert "Hilfe zu dieser Seite" in html
    assert 'href="/hilfe/vorbereitung/#akteure"' in html


@pytest.mark.django_db
def test_the_dashboard_help_offers_the_wizard_to_planners_only(client_for, consultant, moderator, municipality):
    html = client_for(consultant).get("/").content.decode()
    assert f'href="/kommunen/{municipality.pk}/dialoge/assistent/"' in html
    assert "Neuen Flüchtlingsdialog für Kommune A anlegen" in html
    html = client_for(moderator).get("/").content.decode()
    assert "/dialoge/assistent/" not in html


@pytest.mark.django_db
def test_the_login_page_links_plain_language_and_the_accessibility_statement(client):
    html = client.get("/konto/anmelden/").content.decode()
    assert 'href="/hilfe/leichte-sprache/"' in html and 'href="/barrierefreiheit/"' in html
