"""The user guide under /hilfe/: public, rendered from docs/guide/, raw HTML escaped."""

import pytest

from dialogwerk.guide import chapters

pytestmark = pytest.mark.django_db


def test_the_index_lists_every_chapter(client):
    html = client.get("/hilfe/").content.decode()
    assert "<h1" in html and "Handbuch" in html
    for chapter in chapters.CHAPTERS:
        assert chapter.title in html


@pytest.mark.parametrize(
    "slug", ["erster-dialog", "vorbereitung", "veranstaltung", "ergebnisse", "umsetzung", "foerderung", "rollen"]
)
def test_each_chapter_is_served_without_login(client, slug):
    response = client.get(f"/hilfe/{slug}/")
    assert response.status_code == 200
    assert '<article class="guide-article" lang="de">' in response.content.decode()


def test_headings_get_readable_ids_and_links_between_chapters_work(client):
    html = client.get("/hilfe/vorbereitung/").content.decode()
    assert '<h2 id="kennzahlen-und-bestehende-massnahmen">' in html
    html = client.get("/hilfe/erster-dialog/").content.decode()
    assert 'href="/hilfe/vorbereitung/#bedarfsanalyse"' in html
    assert 'src="/hilfe/bilder/erster-dialog-1.png"' in html


def test_an_unknown_chapter_is_404(client):
    assert client.get("/hilfe/gibt-es-nicht/").status_code == 404


def test_raw_html_in_a_chapter_is_escaped(monkeypatch):
    monkeypatch.setattr(chapters, "source", lambda slug: "# T\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))")
    html = str(chapters.render("vorbereitung"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript:' not in html


def test_images_are_served_by_name_only(client, tmp_path, monkeypatch):
    (tmp_path / "bild.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    monkeypatch.setattr(chapters, "IMAGE_DIR", tmp_path)
    response = client.get("/hilfe/bilder/bild.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert client.get("/hilfe/bilder/..%2Fsecret.png").status_code == 404
    assert client.get("/hilfe/bilder/fehlt.png").status_code == 404


def test_the_moderation_card_is_printable(client):
    html = client.get("/hilfe/moderationskarte/").content.decode()
    assert "moderation-card" in html and "guide/guide.css" in html
    for heading in ("Sitzung starten", "Wand zeigen", "Runden führen", "Punktabfrage öffnen", "Verbindung verloren"):
        assert heading in html
    assert client.get("/hilfe/moderationskarte/", follow=False).status_code == 200
    assert client.get("/hilfe/moderationskarte/").status_code == 200


def test_the_plain_language_page_has_a_place_for_the_sign_language_video(client):
    html = client.get("/hilfe/leichte-sprache/").content.decode()
    assert "Was ist Dialogwerk?" in html and "Gebärden-Sprache" in html
    assert "Hier kommt bald ein Video" in html
