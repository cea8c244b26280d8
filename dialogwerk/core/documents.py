"""Safety of generated documents, shared by every app that writes PDF, CSV or XLSX.

- PDF (WeasyPrint): `url_fetcher()` loads nothing from the network. It serves our own static files (also
  when a template names them by an absolute URL), `data:` URIs and files inside the code and static
  folders; every other URL is refused and logged. So even text that slipped into the HTML unescaped
  (`<img src=http://intranet/...>`) cannot make the server fetch anything.
- CSV and XLSX: a cell that starts with `=`, `+`, `-`, `@` (or a tab/carriage return) is a formula to a
  spreadsheet program (CSV/formula injection: `=HYPERLINK(...)` in a card text). CSV cells get a leading
  apostrophe; XLSX cells are stored as text, so the value stays as typed and is never evaluated.
"""

import csv
import logging
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders

from .tabular import FORMULA_STARTS

logger = logging.getLogger("dialogwerk.documents")


def _allowed_roots() -> list[Path]:
    roots = [Path(settings.BASE_DIR) / "dialogwerk", Path(settings.STATIC_ROOT), Path("/usr/share/fonts")]
    roots += [Path(str(d[1] if isinstance(d, (list, tuple)) else d)) for d in getattr(settings, "STATICFILES_DIRS", [])]
    return [root.resolve() for root in roots]


def _static_file(path: str) -> Path | None:
    static_prefix = "/" + settings.STATIC_URL.lstrip("/")
    if not path.startswith(static_prefix):
        return None
    relative = path[len(static_prefix) :]
    found = finders.find(relative)
    if found:
        return Path(found)
    candidate = (Path(settings.STATIC_ROOT) / relative).resolve()
    if candidate.is_file() and candidate.is_relative_to(Path(settings.STATIC_ROOT).resolve()):
        return candidate
    return None


class RefusedURL(ValueError):
    pass


def url_fetcher():
    """A WeasyPrint URL fetcher that never touches the network (see the module's docstring)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if path.is_file() and any(path.is_relative_to(root) for root in _allowed_roots()):
                    return super().fetch(url, headers)
            elif scheme in {"http", "https"}:
                path = _static_file(urlsplit(url).path)
                if path is not None:
                    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
            logger.warning("PDF: refused to fetch %s", url[:200])
            raise RefusedURL(f"refused: {url[:200]}")

    return LocalOnlyFetcher()


# Every PDF is tagged PDF/UA-1 (accessible documents, BITV 2.0): structure, reading order, language and title
# from the HTML (`<html lang>`, `<title>`, headings, table headers, `alt` of pictures). tests/core/test_pdf_ua.py
# checks every kind of document with the `pdfua` checker.
PDF_VARIANT = "pdf/ua-1"


def html_to_pdf(html: str, *, base_url: str | None = None, stylesheets: list | None = None) -> bytes:
    """WeasyPrint with the local-only fetcher, tagged PDF/UA-1 with the language of each passage that has
    its own (`lang`); `stylesheets` are file paths."""
    from weasyprint import CSS, HTML

    from . import pdf_tags

    pdf_tags.install()
    fetcher = url_fetcher()
    sheets = [CSS(filename=str(path), url_fetcher=fetcher) for path in stylesheets or []]
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf(
        stylesheets=sheets, pdf_variant=PDF_VARIANT
    )


# --- Spreadsheets ---------------------------------------------------------------------------------------


def safe_cell(value):
    """A CSV cell that no spreadsheet program runs as a formula: text starting with = + - @ gets a `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """`csv.writer` whose rows pass through `safe_cell`."""

    def __init__(self, out, **kwargs):
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def safe_csv_writer(out, **kwargs) -> SafeWriter:
    return SafeWriter(out, **kwargs)


def protect_workbook(workbook) -> None:
    """Store every formula-looking cell of an openpyxl workbook as plain text (call before `save`)."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)):
                    cell.data_type = "s"
