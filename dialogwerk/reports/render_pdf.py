"""Render a `blocks.Document` to PDF with WeasyPrint: cover, table of contents with page numbers,
page numbers "Seite n von m" in the footer, RTL blocks marked for Arabic script."""

import base64
import logging
import pathlib
from html import escape

from . import blocks

# WeasyPrint logs every layout step at INFO; keep its warnings only.
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

STYLESHEET = pathlib.Path(__file__).parent / "print" / "document.css"


FARSI_LETTERS = frozenset("پچژگکی")  # not in Arabic: a text with them is Persian


def _dir(text: str) -> str:
    """Arabic-script text runs right to left and is tagged with its language (a screen reader's voice)."""
    if not blocks.is_rtl(text):
        return ""
    return ' dir="rtl" lang="fa"' if FARSI_LETTERS.intersection(text) else ' dir="rtl" lang="ar"'


def _text(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _img(png: bytes, alt: str, css_class: str = "") -> str:
    data = base64.b64encode(png).decode()
    klass = f' class="{css_class}"' if css_class else ""
    return f'<img{klass} src="data:image/png;base64,{data}" alt="{escape(alt)}">'


def _block(block, *, keep_with_next: bool = False) -> str:
    if isinstance(block, blocks.Para):
        classes = " ".join(c for c in (block.style, "keep-with-next" if keep_with_next else "") if c)
        klass = f' class="{classes}"' if classes else ""
        return f"<p{klass}{_dir(block.text)}>{_text(block.text)}</p>"
    if isinstance(block, blocks.Bullets):
        items = "".join(f"<li{_dir(item)}>{_text(item)}</li>" for item in block.items)
        return f"<ul>{items}</ul>"
    if isinstance(block, blocks.KeyValues):
        rows = "".join(
            f'<tr><th scope="row">{_text(key)}</th><td{_dir(value)}>{_text(value)}</td></tr>'
            for key, value in block.rows
        )
        return f'<table class="kv"><tbody>{rows}</tbody></table>'
    if isinstance(block, blocks.Table):
        return _table(block)
    if isinstance(block, blocks.Figure):
        return f"<figure>{_img(block.png, block.alt)}<figcaption>{_text(block.caption)}</figcaption></figure>"
    raise TypeError(f"unknown block {block!r}")


def _introductions(section_blocks: list) -> set[int]:
    """The paragraphs that introduce a table, chart or list (up to three in a row before it): they stay on
    its page, as the heading does, so no page ends with "the cards by kind:" and its table on the next."""
    keep: set[int] = set()
    chain = 0
    for index in range(len(section_blocks) - 2, -1, -1):
        if not isinstance(section_blocks[index], blocks.Para):
            chain = 0
            continue
        follower = section_blocks[index + 1]
        if not isinstance(follower, blocks.Para) or (index + 1 in keep and chain < 3):
            keep.add(index)
            chain += 1
        else:
            chain = 0
    return keep


def _table(table: blocks.Table) -> str:
    def cell(tag: str, index: int, value: str) -> str:
        klass = ' class="num"' if index in table.numeric else ""
        return f"<{tag}{klass}{_dir(value)}>{_text(value)}</{tag}>"

    colgroup = ""
    if table.widths:
        total = sum(table.widths)
        colgroup = "<colgroup>" + "".join(f'<col width="{w * 100 / total:.1f}%">' for w in table.widths) + "</colgroup>"
    head = "".join(cell("th", i, h) for i, h in enumerate(table.headers))
    # Plain string building: the annex of a big dialogue has thousands of rows.
    body = "".join("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>" for row in table.rows)
    foot = ""
    if table.footer:
        foot = "<tfoot><tr>" + "".join(cell("td", i, v) for i, v in enumerate(table.footer)) + "</tr></tfoot>"
    klass = ' class="small"' if table.small else ""
    return f"<table{klass}>{colgroup}<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table>"


def to_html(document: blocks.Document) -> str:
    labels = {"contents": "Inhalt", "page": "Seite", "of": "von", **document.labels}
    # Inside the first box, so that it does not start a page of its own.
    strings = (
        f'<p class="strings" data-footer="{escape(document.footer or document.title)}" '
        f'data-page="{escape(labels["page"])}" data-of="{escape(labels["of"])}"></p>'
    )
    parts = []
    if document.cover:
        parts.append(f'<div class="cover">{strings}')
        if document.logo_png:
            parts.append(_img(document.logo_png, labels.get("logo", "Logo"), "logo"))
        parts.append(f"<h1>{_text(document.title)}</h1>")
        if document.subtitle:
            parts.append(f'<p class="subtitle">{_text(document.subtitle)}</p>')
        parts.extend(f'<p class="line">{_text(line)}</p>' for line in document.cover_lines)
        parts.append("</div>")
    else:
        logo = _img(document.logo_png, labels.get("logo", "Logo"), "logo") if document.logo_png else ""
        subtitle = f'<p class="subtitle">{_text(document.subtitle)}</p>' if document.subtitle else ""
        # The date line ("Stand: …") belongs on the first page, as in the Word file.
        subtitle += "".join(f'<p class="subtitle line">{_text(line)}</p>' for line in document.cover_lines)
        parts.append(
            f'{strings}<div class="titlebar"><div><h1>{_text(document.title)}</h1>{subtitle}</div>{logo}</div>'
        )
    if document.toc:
        entries = "".join(
            f'<li class="level-{s.level}"><a href="#s{i}">{_text(s.title)}</a></li>'
            for i, s in enumerate(document.sections)
        )
        parts.append(f'<nav class="toc"><h2>{escape(labels["contents"])}</h2><ol>{entries}</ol></nav>')
    for index, section in enumerate(document.sections):
        tag = "h2" if section.level == 1 else "h3"
        klass = ' class="page-break"' if section.page_break else ""
        parts.append(f'<section{klass}><{tag} id="s{index}">{_text(section.title)}</{tag}>')
        keep = _introductions(section.blocks)
        parts.extend(_block(block, keep_with_next=index in keep) for index, block in enumerate(section.blocks))
        parts.append("</section>")
    classes = " ".join(name for name, on in (("landscape", document.landscape), ("compact", document.compact)) if on)
    body_class = f' class="{classes}"' if classes else ""
    return (
        f'<!doctype html><html lang="{document.language}"><head><meta charset="utf-8">'
        f"<title>{escape(document.title)}</title></head><body{body_class}>{''.join(parts)}</body></html>"
    )


def render(document: blocks.Document) -> bytes:
    from dialogwerk.core.documents import html_to_pdf  # WeasyPrint is slow to import; only the worker needs it

    return html_to_pdf(to_html(document), stylesheets=[STYLESHEET])
