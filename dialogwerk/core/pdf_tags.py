"""What WeasyPrint's PDF tags leave out, added to the structure of every PDF we write (PDF/UA-1, BITV 2.0):

- a passage in another language gets /Lang on its structure element (7.2), so that a screen reader reads an
  Arabic card in the German documentation with an Arabic voice — WeasyPrint (70) writes the document's
  language only;
- a table header cell gets /Scope (Column, or Row for `<th scope="row">`, 7.5), so that each cell is read
  with its headers.

`install()` wraps WeasyPrint's private `weasyprint.pdf.tags._build_box_tree`. Private API: on a WeasyPrint
upgrade `tests/core/test_pdf_tags.py` fails if the wrap no longer takes effect (docs/architecture.md)."""

import pydyf
from weasyprint.pdf import tags

_MARK = "_dialogwerk_tags"


def install() -> None:
    if getattr(tags._build_box_tree, _MARK, False):
        return
    build = tags._build_box_tree

    def build_with_languages_and_scopes(box, parent, pdf, *args, **kwargs):
        source = getattr(box, "element", None)
        own = source is not None and getattr(box, "element_tag", None) not in ("html", "body")
        language = source.get("lang") if own else None
        for element in build(box, parent, pdf, *args, **kwargs):
            if language and "Lang" not in element:
                element["Lang"] = pydyf.String(language)
            if element.get("S") == "/TH" and "A" in element and "Scope" not in element["A"]:
                element["A"]["Scope"] = "/Row" if own and source.get("scope") == "row" else "/Column"
            yield element

    setattr(build_with_languages_and_scopes, _MARK, True)
    tags._build_box_tree = build_with_languages_and_scopes
