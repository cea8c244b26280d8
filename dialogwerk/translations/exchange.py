"""The dialogue's texts as files for a translation agency, and the agency's work read back: XLSX (openpyxl)
and XLIFF 1.2 (translate-toolkit; XLIFF 2.0 is read too).

No models here: the caller turns its texts into `Unit`s and checks what comes back (known keys, lengths)
against its own texts. This module only refuses files that are broken as files; every such problem is a
translated message in `Imported.errors`, never an exception. The only Django import is gettext.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import openpyxl
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from lxml import etree
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.escape import unescape
from openpyxl.worksheet.datavalidation import DataValidation
from translate.storage import xliff
from translate.storage.xliff2 import Xliff2File

LANGUAGES = ("en", "ar", "fa", "uk", "tr", "ru")  # the languages a dialogue's texts are translated into
RIGHT_TO_LEFT = ("ar", "fa")
STATES = ("missing", "machine", "checked", "outdated")
SOURCE_LANGUAGE = "de"

MAX_BYTES = 5 * 1024 * 1024  # the caller limits uploads too; this keeps the module safe on its own
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # an XLSX is a zip: a few MB can unpack to gigabytes
MAX_ZIP_MEMBERS = 500
MAX_UNITS = 10_000
MAX_ERRORS = 50  # a file with a wrong column produces one error per row; the first ones tell enough
KEY = re.compile(r"[A-Za-z0-9:_-]{1,200}")

# XLIFF 1.2's target states. An agency translates what is not final; CAT tools lock or skip final units.
XLIFF_STATE = {
    "missing": "new",
    "machine": "needs-review-translation",
    "checked": "final",
    "outdated": "needs-review-translation",
}
XLIFF_STATE_QUALIFIER = {"machine": "mt-suggestion"}
XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_FILE = "dialogwerk"  # the file element's original attribute
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

LANGUAGE_NAMES = {
    "en": gettext_noop("English"),
    "ar": gettext_noop("Arabic"),
    "fa": gettext_noop("Persian"),
    "uk": gettext_noop("Ukrainian"),
    "tr": gettext_noop("Turkish"),
    "ru": gettext_noop("Russian"),
}
STATE_LABELS = {
    "missing": gettext_noop("missing"),
    "machine": gettext_noop("machine translation, please check"),
    "checked": gettext_noop("checked"),
    "outdated": gettext_noop("outdated: the German original has changed"),
}


@dataclass(frozen=True)
class Unit:
    key: str  # stable id of one text, e.g. "theme:12:name" (letters, digits, ':', '_', '-')
    label: str  # context for the translator, e.g. "Themenfeld „Bauen & Wohnen“ – Name"
    source: str  # the German original (may contain newlines)
    target: str  # the translation, "" when missing
    state: str  # "missing" | "machine" | "checked" | "outdated"
    max_length: int | None = None  # the longest translation the field takes


@dataclass
class Imported:
    language: str  # the target language the file names: one of LANGUAGES, or "" (then errors say why)
    units: list[tuple[str, str, int]] = field(default_factory=list)  # (key, target, row or unit number), targets only
    errors: list[str] = field(default_factory=list)  # the caller stores nothing when not empty

    @property
    def ok(self) -> bool:
        return not self.errors


# --- text ------------------------------------------------------------------------------------------

# Characters XML 1.0 (and so XLSX and XLIFF) cannot hold. Word's manual line break (\x0b) becomes a newline.
_NOT_XML = re.compile("[\x00-\x08\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return _NOT_XML.sub("", text)


def _cell_text(value) -> str:
    """A cell or attribute as text, whatever a spreadsheet program made of it (numbers, dates, nothing)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return _clean(str(value)).strip()


def _language_code(value: str) -> str:
    """The primary language subtag in lower case: "uk-UA", "ar_SA" and " FA " become "uk", "ar" and "fa"."""
    return re.split(r"[-_]", value.strip().casefold(), maxsplit=1)[0]


def _check_units(units: Iterable[Unit], target_language: str) -> None:
    """Exports are built by our own code: a bad argument is a bug, not a user's mistake."""
    if target_language not in LANGUAGES:
        raise ValueError(f"not a translation language: {target_language!r}")
    seen = set()
    for unit in units:
        if not KEY.fullmatch(unit.key) or unit.key in seen:
            raise ValueError(f"bad or repeated key: {unit.key!r}")
        if unit.state not in STATES:
            raise ValueError(f"unknown state {unit.state!r} of {unit.key}")
        seen.add(unit.key)


# --- reading: what both formats share ----------------------------------------------------------------


class _Collector:
    """Targets and errors as they are found; the numbers are rows (XLSX) or units (XLIFF) as people count them."""

    def __init__(self, *, rows: bool):
        self.rows = rows
        self.units: list[tuple[str, str, int]] = []
        self.errors: list[str] = []
        self.first: dict[str, int] = {}
        self.count = 0

    def add(self, key: str, target: str, number: int) -> None:
        self.count += bool(key)
        if not key:
            if target:  # a note row (or an empty row) without a translation is harmless
                self.errors.append(
                    _("Row %(row)s: the key is missing.") % {"row": number}
                    if self.rows
                    else _("Unit %(unit)s: the id is missing.") % {"unit": number}
                )
            return
        if not KEY.fullmatch(key):
            shown = key[:60]
            self.errors.append(
                _("Row %(row)s: “%(key)s” is not a valid key.") % {"row": number, "key": shown}
                if self.rows
                else _("Unit %(unit)s: “%(key)s” is not a valid id.") % {"unit": number, "key": shown}
            )
            return
        if key in self.first:
            values = {"key": key, "first": self.first[key]}
            self.errors.append(
                _("Row %(row)s: the key “%(key)s” is already in row %(first)s.") % {"row": number, **values}
                if self.rows
                else _("Unit %(unit)s: the id “%(key)s” is already used by unit %(first)s.")
                % {"unit": number, **values}
            )
            return
        self.first[key] = number
        if target:
            self.units.append((key, target, number))

    def result(self, languages: Iterable[str]) -> Imported:
        errors = list(self.errors)
        found = sorted({code for code in (_language_code(value) for value in languages) if code})
        language = found[0] if len(found) == 1 and found[0] in LANGUAGES else ""
        if not found:
            errors.insert(0, _("The file does not name the target language."))
        elif len(found) > 1:
            errors.insert(
                0, _("The file names more than one target language: %(languages)s.") % {"languages": ", ".join(found)}
            )
        elif not language:
            errors.insert(
                0,
                _("“%(language)s” is not a language the texts are translated into (possible: %(languages)s).")
                % {"language": found[0][:20], "languages": ", ".join(LANGUAGES)},
            )
        if not self.count and not self.errors:
            errors.append(_("The file contains no texts."))
        return Imported(language=language, units=self.units, errors=_shorten(errors))


def _shorten(errors: list[str]) -> list[str]:
    if len(errors) <= MAX_ERRORS:
        return errors
    rest = len(errors) - MAX_ERRORS
    return errors[:MAX_ERRORS] + [
        ngettext("… and %(count)s more problem.", "… and %(count)s more problems.", rest) % {"count": rest}
    ]


def _refused(data: bytes) -> Imported | None:
    if not data:
        return Imported(language="", errors=[_("The file is empty.")])
    if len(data) > MAX_BYTES:
        return Imported(
            language="",
            errors=[_("The file is too large (at most %(size)s MB).") % {"size": MAX_BYTES // (1024 * 1024)}],
        )
    return None


def _too_many() -> Imported:
    return Imported(language="", errors=[_("The file contains more than %(count)s texts.") % {"count": MAX_UNITS}])


# --- XLSX --------------------------------------------------------------------------------------------

# (field, header in the file, other spellings accepted on import). German spellings are listed so that a
# file exported in German is read back whatever language the person uploading it uses.
COLUMNS = (
    ("key", gettext_noop("Key"), ("key", "schlüssel", "id")),
    ("label", gettext_noop("Context"), ("context", "kontext")),
    ("source", gettext_noop("German original"), ("german original", "deutscher originaltext", "source", "original")),
    ("target", gettext_noop("Translation"), ("translation", "übersetzung", "target")),
    ("state", gettext_noop("Status"), ("status", "state")),
    ("max_length", gettext_noop("Max. characters"), ("max. characters", "max. zeichen")),
)
WIDTHS = {"key": 16, "label": 32, "source": 55, "target": 55, "state": 18, "max_length": 10}
INFO_LABELS = {
    "title": (gettext_noop("Title"), ("title", "titel")),
    "source_language": (gettext_noop("Source language"), ("source language", "ausgangssprache")),
    "target_language": (gettext_noop("Target language"), ("target language", "zielsprache", "language", "sprache")),
    "note": (gettext_noop("Please note"), ("please note", "bitte beachten")),
}
# "Translation (ar)": the language in brackets after a header
_LANGUAGE_SUFFIX = re.compile(r"\s*[(\[]\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)\s*[)\]]\s*$")
_GREY = "F2F2F2"  # the columns a translator reads but does not edit


def _spellings(msgid: str, others: tuple[str, ...]) -> set[str]:
    return {msgid.casefold(), _(msgid).casefold(), *others}


def to_xlsx(units: list[Unit], *, target_language: str, title: str = "") -> bytes:
    """One sheet with a row per text (only the translation column is to be filled in), and an info sheet."""
    _check_units(units, target_language)
    workbook = openpyxl.Workbook()
    _table_sheet(workbook.active, units, target_language=target_language)
    _info_sheet(workbook.create_sheet(_sheet_title(_("Info"))), target_language=target_language, title=title)
    for sheet in workbook.worksheets:
        _store_as_text(sheet)
    workbook.properties.title = _clean(title)[:200] or None
    workbook.properties.language = target_language
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _table_sheet(sheet, units: list[Unit], *, target_language: str) -> None:
    sheet.title = _sheet_title(_("Translation"))
    sheet.append(
        [_(header) + (f" ({target_language})" if name == "target" else "") for name, header, _others in COLUMNS]
    )
    for unit in units:
        values = {
            "key": unit.key,
            "label": unit.label,
            "source": unit.source,
            "target": unit.target,
            "state": _(STATE_LABELS[unit.state]),
            "max_length": unit.max_length,
        }
        sheet.append([_cell_value(values[name]) for name, _header, _others in COLUMNS])

    header_font, grey = Font(bold=True), PatternFill("solid", fgColor=_GREY)
    read_only_font = Font(color="595959")
    wrap = Alignment(wrap_text=True, vertical="top")
    # Cell by cell: Excel and LibreOffice honour a cell's reading order, and the other columns stay left to
    # right (the sheet-wide rightToLeft would mirror the whole table).
    target_alignment = (
        Alignment(wrap_text=True, vertical="top", horizontal="right", readingOrder=2)
        if target_language in RIGHT_TO_LEFT
        else wrap
    )
    for index, (name, _header, _others) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = WIDTHS[name]
        for row, cell in enumerate(sheet[letter], start=1):
            if row == 1:
                cell.font, cell.fill, cell.alignment = header_font, grey, wrap
            elif name == "target":
                cell.alignment = target_alignment
            else:  # grey: not to be edited
                cell.font, cell.fill, cell.alignment = read_only_font, grey, wrap
    sheet.freeze_panes = "A2"
    _warn_over_length(sheet, units, column=get_column_letter(_column_number("target")))


def _column_number(name: str) -> int:
    return next(index for index, (column, _header, _others) in enumerate(COLUMNS, start=1) if column == name)


def _sheet_title(text: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "", text)[:31] or "Sheet"


def _cell_value(value):
    if not isinstance(value, str):
        return value
    return _clean(value) or None  # an empty cell, not an empty string


def _store_as_text(sheet) -> None:
    """openpyxl writes a string starting with "=" as a formula; our texts are never formulas."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def _warn_over_length(sheet, units: list[Unit], *, column: str) -> None:
    """Excel and LibreOffice warn the translator when a translation is longer than the field takes."""
    rows_by_length: dict[int, list[int]] = {}
    for row, unit in enumerate(units, start=2):
        if unit.max_length:
            rows_by_length.setdefault(unit.max_length, []).append(row)
    for length, rows in rows_by_length.items():
        validation = DataValidation(
            type="textLength",
            operator="lessThanOrEqual",
            formula1=str(length),
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=_("Too long")[:32],
            error=(
                ngettext("At most %(count)s character.", "At most %(count)s characters.", length) % {"count": length}
            )[:255],
            sqref=" ".join(
                f"{column}{first}" if first == last else f"{column}{first}:{column}{last}"
                for first, last in _runs(rows)
            ),
        )
        sheet.add_data_validation(validation)  # (one range string: DataValidation.add is quadratic in the cells)


def _runs(rows: list[int]) -> Iterator[tuple[int, int]]:
    """[2, 3, 4, 7] → (2, 4), (7, 7)"""
    first = last = rows[0]
    for row in rows[1:]:
        if row != last + 1:
            yield first, last
            first = row
        last = row
    yield first, last


def _info_sheet(sheet, *, target_language: str, title: str) -> None:
    rows = [
        (_(INFO_LABELS["title"][0]), _cell_value(title)),
        (_(INFO_LABELS["source_language"][0]), SOURCE_LANGUAGE),
        (_(INFO_LABELS["target_language"][0]), target_language, _(LANGUAGE_NAMES[target_language])),
        (
            _(INFO_LABELS["note"][0]),
            _(
                "Please fill in only the column “%(column)s”. Do not change the column “%(key)s”, and "
                "do not add or delete rows. Keep line breaks where the original has them."
            )
            % {"column": _("Translation"), "key": _("Key")},
        ),
    ]
    for row in rows:
        sheet.append(row)
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 70
    for cell in sheet["A"]:
        cell.font = Font(bold=True)
    for cell in sheet["B"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def from_xlsx(data: bytes) -> Imported:
    """The translations of a workbook: the sheet whose first row has the key column, in any column order."""
    refused = _refused(data)
    if refused:
        return refused
    unreadable = Imported(language="", errors=[_("The file could not be read as an XLSX file.")])
    if not _zip_is_safe(data):
        return unreadable
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises whatever its parsers meet (KeyError, ValueError, zipfile, XML errors)
        return unreadable
    try:
        sheets = [_rows(sheet) for sheet in workbook.worksheets]
    except _TooMany:
        return _too_many()
    except Exception:
        return unreadable
    finally:
        workbook.close()
    return _read_sheets(sheets)


class _TooMany(Exception):
    pass


def _zip_is_safe(data: bytes) -> bool:
    """A zip that unpacks to a sane size and whose XML declares no document type (so no entities at all)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS or sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
                return False
            for member in members:
                # zipfile stops at the declared size, so a member cannot unpack to more than the sum checked above
                with archive.open(member) as part:
                    content = part.read(MAX_UNPACKED_BYTES + 1)
                if any(marker in content for marker in _DOCTYPE_MARKERS):
                    return False
    except Exception:  # BadZipFile, unsupported compression, CRC errors, truncated files
        return False
    return True


_DOCTYPE_MARKERS = tuple("<!DOCTYPE".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be")) + tuple(
    "<!ENTITY".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


def _rows(sheet) -> list[list[str]]:
    sheet.reset_dimensions()  # some programs write a wrong size; read what is there
    rows, filled = [], 0
    for values in sheet.iter_rows(values_only=True):
        # Excel writes a carriage return as _x000D_, which openpyxl leaves as it is
        row = [_clean(unescape(text)).strip() if "_x" in text else text for text in map(_cell_text, values)]
        filled += any(row)
        if filled > MAX_UNITS + 1:
            raise _TooMany
        rows.append(row)
    return rows


def _read_sheets(sheets: list[list[list[str]]]) -> Imported:
    key_spellings = _spellings(COLUMNS[0][1], COLUMNS[0][2])
    table = next((rows for rows in sheets if rows and any(_header(cell)[0] in key_spellings for cell in rows[0])), None)
    if table is None:
        return Imported(
            language="", errors=[_("The column “%(column)s” is missing in the first row.") % {"column": _("Key")}]
        )
    columns, languages = {}, []
    for index, cell in enumerate(table[0]):
        name, language = _header(cell)
        for field_name, header, others in COLUMNS:
            if name in _spellings(header, others) and field_name not in columns:
                columns[field_name] = index
                if field_name == "target" and language:
                    languages.append(language)
    if "target" not in columns:
        return Imported(
            language="",
            errors=[_("The column “%(column)s” is missing in the first row.") % {"column": _("Translation")}],
        )
    languages += _info_languages([rows for rows in sheets if rows is not table])

    collector = _Collector(rows=True)
    for number, row in enumerate(table[1:], start=2):
        if not any(row):
            continue
        cell = lambda name: row[columns[name]] if columns[name] < len(row) else ""  # noqa: E731
        collector.add(cell("key"), cell("target"), number)
    return collector.result(languages)


def _header(cell: str) -> tuple[str, str]:
    """("translation", "ar") for "Übersetzung (ar)"; the name in lower case."""
    match = _LANGUAGE_SUFFIX.search(cell)
    if match:
        return cell[: match.start()].strip().casefold(), match.group(1)
    return cell.strip().casefold(), ""


def _info_languages(sheets: list[list[list[str]]]) -> list[str]:
    spellings = _spellings(*INFO_LABELS["target_language"])
    return [row[1] for rows in sheets for row in rows if len(row) > 1 and row[0].casefold() in spellings and row[1]]


# --- XLIFF -------------------------------------------------------------------------------------------


class _Xliff12Unit(xliff.xliffunit):
    namespace = XLIFF12


class _Xliff12File(xliff.xlifffile):
    """translate-toolkit writes XLIFF 1.1 unless told otherwise; this writes 1.2 (and reads 1.0 to 1.2)."""

    UnitClass = _Xliff12Unit
    namespace = XLIFF12
    XMLskeleton = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="{XLIFF12}">
<file original="{XLIFF_FILE}" source-language="{SOURCE_LANGUAGE}" datatype="plaintext">
<body>
</body>
</file>
</xliff>"""


def to_xliff(
    units: list[Unit], *, target_language: str, source_language: str = SOURCE_LANGUAGE, title: str = ""
) -> bytes:
    """XLIFF 1.2: a trans-unit per text with its key as id, the label as a note, and maxwidth when known."""
    _check_units(units, target_language)
    store = _Xliff12File(sourcelanguage=source_language, targetlanguage=target_language)
    store.setsourcelanguage(source_language)
    store.settargetlanguage(target_language)
    if title:  # a header comes before the body
        filenode = next(store.document.getroot().iterchildren(store.namespaced("file")))
        header = etree.Element(store.namespaced("header"))
        etree.SubElement(header, store.namespaced("note")).text = _clean(title)
        filenode.insert(0, header)
    for unit in units:
        xml_unit = store.addsourceunit(_clean(unit.source), filename=XLIFF_FILE)
        xml_unit.setid(unit.key)
        element = xml_unit.xmlelement
        element.set(XML_SPACE, "preserve")  # newlines and spaces of the texts are part of them
        if unit.max_length:
            element.set("maxwidth", str(unit.max_length))
            element.set("size-unit", "char")
        # Our own target element: translate-toolkit marks every unit with a target as approved.
        target = etree.Element(store.namespaced("target"))
        target.text = _clean(unit.target)
        target.set("state", XLIFF_STATE[unit.state])
        if unit.state in XLIFF_STATE_QUALIFIER:
            target.set("state-qualifier", XLIFF_STATE_QUALIFIER[unit.state])
        element.find(store.namespaced("source")).addnext(target)
        if unit.state == "checked":
            element.set("approved", "yes")
        if unit.label:
            xml_unit.addnote(_clean(unit.label), origin="developer")
        if unit.state == "outdated":
            xml_unit.addnote(_("The German original has changed since this translation was made."), origin="developer")
    return bytes(store)


def from_xliff(data: bytes) -> Imported:
    """The targets of an XLIFF 1.x or 2.0 file as plain text (inline markup dropped, its text kept)."""
    refused = _refused(data)
    if refused:
        return refused
    unreadable = Imported(language="", errors=[_("The file could not be read as an XLIFF file.")])
    root = _parse_xml(data)
    if root is None or not isinstance(root.tag, str) or _local(root) != "xliff":
        return unreadable
    if next(root.iter(etree.Entity), None) is not None:  # text we would not expand: refuse rather than lose it
        return unreadable
    version_2 = root.get("version", "").startswith("2") or ":2." in (root.nsmap.get(None) or "")
    try:
        if version_2:
            store = Xliff2File.parsestring(data)
            languages = [root.get("trgLang", "")]
            found = list(_xliff2_units(store.document.getroot()))
        else:
            store = _Xliff12File.parsestring(data)
            languages = [node.get("target-language", "") for node in root if _local(node) == "file"]
            found = [(unit.xmlelement.get("id", ""), _target_text(unit.xmlelement)) for unit in store.units]
    except _TooMany:
        return _too_many()
    except Exception:  # translate-toolkit raises what its checks and lxml raise (ValueError, AssertionError, ...)
        return unreadable
    if len(found) > MAX_UNITS:
        return _too_many()
    collector = _Collector(rows=False)
    for number, (key, target) in enumerate(found, start=1):
        if target is None:
            collector.errors.append(
                _("Unit %(unit)s (“%(key)s”) is only partly translated.") % {"unit": number, "key": key[:60]}
            )
            collector.count += 1  # a text all the same: the file is not one "without texts"
            continue
        collector.add(_cell_text(key), _clean(target).strip(), number)
    return collector.result(languages)


def _parse_xml(data: bytes):
    """lxml with no entities, no DTD, no network: an XXE or entity bomb stays an unexpanded reference."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _local(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# Inline elements whose content is the original's formatting code, not text (XLIFF 1.2: bpt, ept, ph, it;
# 2.0's are empty). <g>, <mrk> and 2.0's <pc> hold text and are read through.
_CODE_ELEMENTS = {"bpt", "ept", "ph", "it", "originalData"}


def _plain_text(element) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and _local(child) not in _CODE_ELEMENTS:
            if _local(child) == "cp" and child.get("hex"):  # XLIFF 2.0's escaped character
                parts.append(_code_point(child.get("hex")))
            else:
                parts.append(_plain_text(child))
        parts.append(child.tail or "")  # also after comments and unexpanded entity references
    return "".join(parts)


def _code_point(hex_value: str) -> str:
    try:
        return chr(int(hex_value, 16))
    except (ValueError, OverflowError):
        return ""


def _child_text(element, name: str) -> str:
    child = next((node for node in element if _local(node) == name), None)
    return "" if child is None else _plain_text(child)


def _target_text(unit_element) -> str:
    return _child_text(unit_element, "target")


def _xliff2_units(root) -> Iterator[tuple[str, str | None]]:
    """(id, target) per <unit>; the segments' targets joined. None when only some segments are translated."""
    for number, unit in enumerate(
        (node for node in root.iter() if isinstance(node.tag, str) and _local(node) == "unit"), start=1
    ):
        if number > MAX_UNITS:
            raise _TooMany
        parts, segments_translated = [], []
        for child in unit:
            if _local(child) == "segment":
                target = _target_text(child)
                segments_translated.append(bool(target.strip()))
                parts.append(target)
            elif _local(child) == "ignorable":  # the space between two sentences the tool split
                parts.append(_target_text(child) or _child_text(child, "source"))
        partly = any(segments_translated) and not all(segments_translated)
        yield unit.get("id", ""), None if partly else "".join(parts)
