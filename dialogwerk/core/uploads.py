"""One check for every upload: the type is read from the content (never the file name or the browser's
claim), the size is limited per kind (`settings.UPLOAD_MAX_BYTES`), and images are re-encoded with Pillow,
which drops EXIF (a phone photo's GPS position), comments and anything hidden behind the picture.

Every function raises `django.forms.ValidationError` with a message in the user's language; forms call
them from `clean_<field>`, so nothing is stored when a check fails. Stored files live under MEDIA_ROOT
(never the static root, never served by URL) and are handed out only by views that check permissions.
"""

import io
import re
import unicodedata
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.forms import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MB = 1024 * 1024
DEFAULT_MAX_BYTES = {
    "spreadsheet": 5 * MB,  # actor lists, key figures, the measures catalogue
    "image": 15 * MB,  # flipchart photos from a phone
    "logo": 2 * MB,
    "attachment": 10 * MB,  # attachments of progress reports
    "video": 200 * MB,  # the sign-language video
}
MAX_PIXELS = 40_000_000  # about 7,300 × 5,500: every phone camera; more is a decompression bomb
MAX_UNZIPPED_BYTES = 100 * MB  # an XLSX/DOCX is a ZIP: refuse one that would unpack to more
# Our imports take at most 2,000 rows: some 5 MB of sheet XML. More is a sheet that would keep a worker
# busy for a minute (core/xlsx.py stops reading early as well).
MAX_UNZIPPED_SPREADSHEET_BYTES = 25 * MB
IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
HTML_STARTS = (b"<!doctype", b"<html", b"<?xml", b"<svg", b"<script", b"<head", b"<body", b"<iframe", b"<meta")


def max_bytes(kind: str) -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", {}).get(kind, DEFAULT_MAX_BYTES[kind]))


def check_size(upload, kind: str) -> None:
    limit = max_bytes(kind)
    size = upload.size if hasattr(upload, "size") else len(upload)
    if size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s. Please make it smaller or split it.")
            % {"limit": filesizeformat(limit)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")


def _read(upload) -> bytes:
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    return content


def safe_name(name: str, extension: str) -> str:
    """A plain ASCII file name with the extension that matches the content (not the one it came with)."""
    stem = unicodedata.normalize("NFKD", PurePath(name or "").stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-._")[:60] or "datei"
    return f"{stem}.{extension}"


# --- What the bytes are -------------------------------------------------------------------------------


def _zip_names(content: bytes) -> set[str] | None:
    """The member names of a ZIP archive, or None if it is not one we can safely open."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
            if sum(info.file_size for info in infos) > MAX_UNZIPPED_BYTES:
                return None
            return {info.filename for info in infos}
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return None


def unzipped_size(content: bytes) -> int:
    """What a ZIP's members add up to once unpacked, as its directory says (zipfile refuses members that
    unpack to more than they declare)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return sum(info.file_size for info in archive.infolist())


def looks_like_html(content: bytes) -> bool:
    head = content[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(HTML_STARTS) or b"<html" in head or b"<script" in head


def sniff(content: bytes) -> str | None:
    """The kind of file by its first bytes: xlsx, docx, pptx, odf, zip, pdf, png, jpeg, gif, webp, mp4, webm,
    ole (old Office), html, text, or None (some other binary)."""
    if content.startswith(b"PK\x03\x04"):
        names = _zip_names(content)
        if names is None:
            return "zip"
        if "[Content_Types].xml" in names:
            for marker, kind in (
                ("xl/workbook.xml", "xlsx"),
                ("word/document.xml", "docx"),
                ("ppt/presentation.xml", "pptx"),
            ):
                if marker in names:
                    return kind
        if "mimetype" in names and "content.xml" in names:
            return "odf"
        return "zip"
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if content.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "webp"
    if len(content) >= 12 and content[4:8] == b"ftyp":
        return "mp4"
    if content.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if content.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if looks_like_html(content):
        return "html"
    if b"\x00" not in content[:8192]:
        return "text"
    return None


# --- Per kind -----------------------------------------------------------------------------------------


def spreadsheet(upload, *, kind: str = "spreadsheet") -> tuple[str, bytes]:
    """("xlsx" | "csv", content) of an uploaded spreadsheet, decided by its content; refuses the rest."""
    check_size(upload, kind)
    content = _read(upload)
    found = sniff(content)
    if found == "xlsx":
        if unzipped_size(content) > MAX_UNZIPPED_SPREADSHEET_BYTES:
            raise ValidationError(
                _("The workbook unpacks to more than %(mb)d MB. Please upload only the table (at most 2,000 rows).")
                % {"mb": MAX_UNZIPPED_SPREADSHEET_BYTES // MB},
                code="too_large_unpacked",
            )
        return "xlsx", content
    if found == "text":
        return "csv", content
    if found == "ole":
        raise ValidationError(
            _("This is an old Excel file (.xls). Please save it as “Excel workbook (.xlsx)” or as CSV."),
            code="old_excel",
        )
    if found == "html":
        raise ValidationError(
            _("This file is a web page (HTML), not a spreadsheet. Please upload a CSV or XLSX file."), code="html"
        )
    if found in {"zip", "docx", "pptx", "odf"}:
        raise ValidationError(
            _("This is a ZIP archive or another document, not an Excel workbook (.xlsx)."), code="not_xlsx"
        )
    raise ValidationError(_("The file could not be read. Is it really a CSV or XLSX file?"), code="not_spreadsheet")


def image(upload, *, kind: str = "image", max_side: int | None = None, as_png: bool = False) -> ContentFile:
    """A re-encoded copy of an uploaded image: turned upright, no EXIF/GPS, no comments, no trailing data.
    JPEG stays JPEG (photos), everything else becomes PNG."""
    from PIL import Image, ImageOps, UnidentifiedImageError  # loaded when a picture is uploaded, not at start-up

    check_size(upload, kind)
    content = _read(upload)
    try:
        with Image.open(io.BytesIO(content)) as probe:
            fmt = probe.format
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(
                    _("The picture has too many pixels. Please make it smaller."), code="too_many_pixels"
                )
            probe.verify()
        if fmt not in IMAGE_FORMATS:
            raise ValidationError(_("Please upload a picture as JPEG, PNG, GIF or WebP."), code="image_type")
        with Image.open(io.BytesIO(content)) as picture:
            picture.load()
            picture = ImageOps.exif_transpose(picture)
            if max_side:
                picture.thumbnail((max_side, max_side))
            out = io.BytesIO()
            as_jpeg = fmt == "JPEG" and not as_png
            clean = picture.convert("RGB" if as_jpeg or picture.mode not in {"RGBA", "LA", "P", "PA"} else "RGBA")
            # Pillow writes what it read back out (a JPEG's comment, a PNG's text chunks): nothing read goes out.
            clean.info = {}
            if as_jpeg:
                clean.save(out, format="JPEG", quality=88, optimize=True)
                extension = "jpg"
            else:
                clean.save(out, format="PNG", optimize=True)
                extension = "png"
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        raise ValidationError(
            _("This file is not a picture we can read. Please upload a JPEG, PNG, GIF or WebP."), code="not_image"
        ) from None
    return ContentFile(out.getvalue(), name=safe_name(getattr(upload, "name", ""), extension))


ATTACHMENT_EXTENSIONS = {"pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "pptx": "pptx", "text": "txt"}


def attachment(upload, *, kind: str = "attachment"):
    """A document attached to a progress report: PDF, Word/Excel/PowerPoint (.docx/.xlsx/.pptx), OpenDocument,
    plain text or CSV, or a picture (re-encoded). Anything else — HTML, programs, archives — is refused."""
    check_size(upload, kind)
    content = _read(upload)
    found = sniff(content)
    if found in {"png", "jpeg", "gif", "webp"}:
        return image(upload, kind=kind)
    if found == "odf":
        names_extension = PurePath(getattr(upload, "name", "")).suffix.lower().lstrip(".")
        extension = names_extension if names_extension in {"odt", "ods", "odp"} else "odt"
    elif found in ATTACHMENT_EXTENSIONS:
        extension = ATTACHMENT_EXTENSIONS[found]
        if found == "text" and PurePath(getattr(upload, "name", "")).suffix.lower() == ".csv":
            extension = "csv"
    elif found == "html":
        raise ValidationError(_("Web pages (HTML) cannot be attached. Please save the page as PDF."), code="html")
    else:
        raise ValidationError(
            _("Please attach a PDF, a Word, Excel or OpenDocument file, a text file or a picture."),
            code="attachment_type",
        )
    return ContentFile(content, name=safe_name(getattr(upload, "name", ""), extension))


VIDEO_TYPES = {"mp4": "video/mp4", "webm": "video/webm"}


def video(upload, *, kind: str = "video") -> str:
    """The real content type of an uploaded video (MP4 or WebM), read from its first bytes."""
    check_size(upload, kind)
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    found = sniff(head) if not head.startswith(b"PK") else None
    if found not in VIDEO_TYPES:
        raise ValidationError(_("This is not an MP4 or WebM video."), code="video_type")
    return VIDEO_TYPES[found]
