"""Read generated documents back as text, the way a person (or a screen reader) would get them."""

import hashlib
import io
import re
import subprocess
import tempfile
import unicodedata

import docx
import openpyxl
from pypdf import PdfReader

_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def normal(text: str) -> str:
    """NFKC (Arabic presentation forms → letters), no bidi marks, all whitespace as single spaces
    (a phrase may wrap onto the next line of a page)."""
    text = _BIDI.sub("", unicodedata.normalize("NFKC", text))
    return " ".join(text.split())


def pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        result = subprocess.run(["pdftotext", "-enc", "UTF-8", handle.name, "-"], capture_output=True, check=True)
    return normal(result.stdout.decode())


def pdf_pages(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


def pdf_images(content: bytes) -> int:
    """Distinct images in the file (pages may share one resource dictionary)."""
    seen = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        for image in page.images:
            seen.add(hashlib.sha256(image.data).hexdigest())
    return len(seen)


def pdf_page_size(content: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(content)).pages[0].mediabox
    return float(box.width), float(box.height)


def docx_document(content: bytes):
    return docx.Document(io.BytesIO(content))


def docx_text(content: bytes) -> str:
    document = docx_document(content)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return normal("\n".join(parts))


def docx_headings(content: bytes) -> list[str]:
    return [p.text for p in docx_document(content).paragraphs if p.style.name.startswith("Heading")]


def xlsx_rows(content: bytes) -> list[tuple]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return list(workbook.active.iter_rows(values_only=True))
