"""Passages in another language tagged in the PDF structure (/Lang on their structure element, PDF/UA-1 7.2),
so that a screen reader reads an Arabic card in the German documentation with an Arabic voice.

WeasyPrint (70) writes the document's language only. `install()` wraps its private
`weasyprint.pdf.tags._build_box_tree`: an element whose HTML carries a `lang` of its own (render_pdf marks
Arabic-script text so) gets that language on its structure element. Private API: on a WeasyPrint upgrade
`tests/core/test_pdf_languages.py` fails if the wrap no longer takes effect (docs/architecture.md)."""

import pydyf
from weasyprint.pdf import tags

_MARK = "_dialogwerk_languages"


def install() -> None:
    if getattr(tags._build_box_tree, _MARK, False):
        return
    build = tags._build_box_tree

    def build_with_languages(box, parent, pdf, *args, **kwargs):
        source = getattr(box, "element", None)
        language = source.get("lang") if source is not None and getattr(box, "element_tag", None) not in ("html", "body") else None
        for element in build(box, parent, pdf, *args, **kwargs):
            if language and "Lang" not in element:
                element["Lang"] = pydyf.String(language)
            yield element

    setattr(build_with_languages, _MARK, True)
    tags._build_box_tree = build_with_languages
