"""The user guide: Markdown chapters in docs/guide/, rendered to HTML for /hilfe/ (raw HTML is escaped)."""

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

GUIDE_DIR = Path(settings.BASE_DIR) / "docs" / "guide"
IMAGE_DIR = GUIDE_DIR / "bilder"
IMAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.png$")


@dataclass(frozen=True)
class Chapter:
    slug: str
    title: str  # German, like the guide itself
    group: str  # "start", "step", "role"


CHAPTERS = [
    Chapter("erster-dialog", "Ihr erster Dialog", "start"),
    Chapter("vorbereitung", "Schritt 1: Vorbereitung", "step"),
    Chapter("veranstaltung", "Schritt 2: Die Veranstaltung", "step"),
    Chapter("ergebnisse", "Schritt 3: Ergebnisse", "step"),
    Chapter("umsetzung", "Schritt 4: Umsetzung", "step"),
    Chapter("foerderung", "Förderung", "step"),
    Chapter("rollen", "Rollen: wer was tut", "role"),
    Chapter("moderationskarte", "Moderationskarte für den Abend", "start"),
    Chapter("leichte-sprache", "Dialogwerk in Leichter Sprache", "start"),
]
BY_SLUG = {chapter.slug: chapter for chapter in CHAPTERS}
INDEX = Chapter("index", "Handbuch", "start")


def anchor(text: str) -> str:
    """A heading's id: German umlauts spelled out, so that links stay readable (#massnahmenkatalog)."""
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")):
        text = text.replace(umlaut, spelled)
    return slugify(text)


def source(slug: str) -> str:
    return (GUIDE_DIR / f"{slug}.md").read_text(encoding="utf-8")


def headings(slug: str) -> list[tuple[int, str, str]]:
    """(level, text, id) of every heading of a chapter."""
    tokens = _parser().parse(source(slug))
    return [
        (int(token.tag[1]), tokens[index + 1].content, anchor(tokens[index + 1].content))
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


@functools.cache
def _parser() -> "MarkdownIt":
    from markdown_it import MarkdownIt  # loaded when the guide is first read, not when an app process starts

    # "commonmark" with html=False: raw HTML in a chapter is shown as text, never passed through.
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def _rewrite(url: str) -> str:
    """Links between chapters (vorbereitung.md#akteure) and images (bilder/x.png) point into /hilfe/."""
    if url.startswith("bilder/"):
        return reverse("guide:image", args=[url.removeprefix("bilder/")])
    match = re.fullmatch(r"([a-z-]+)\.md(#[a-z0-9-]+)?", url)
    if match:
        slug = match.group(1)
        base = reverse("guide:index") if slug == "index" else reverse("guide:chapter", args=[slug])
        return base + (match.group(2) or "")
    return url


def render(slug: str) -> SafeString:
    parser = _parser()
    tokens = parser.parse(source(slug))
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            token.attrSet("id", anchor(tokens[index + 1].content))
        for child in token.children or []:
            if child.type == "link_open":
                child.attrSet("href", _rewrite(str(child.attrGet("href") or "")))
            elif child.type == "image":
                child.attrSet("src", _rewrite(str(child.attrGet("src") or "")))
                child.attrSet("loading", "lazy")
    return mark_safe(parser.renderer.render(tokens, parser.options, {}))  # noqa: S308 - html=False escapes raw HTML


def image_path(name: str) -> Path | None:
    if not IMAGE_NAME.match(name):
        return None
    path = IMAGE_DIR / name
    return path if path.is_file() else None
