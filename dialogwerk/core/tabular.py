"""Read a spreadsheet (CSV or XLSX) into rows, the same way whatever program wrote it: every import (actors,
key figures, the catalogue of measures) reads its file here.

A CSV may be UTF-8 (with or without the BOM Excel writes) or Windows-1252, which German Excel writes when
told "CSV (Trennzeichen-getrennt)" — read as Latin-1 instead, „Sprachcafé“ and € would come out as control
characters. The delimiter (; , or tab) is sniffed. An XLSX is read row by row (core/xlsx.py).

No Django here: the import parsers build on it and are tested on their own.
"""

import csv
import datetime
import io
from decimal import Decimal

from dialogwerk.core import xlsx

MAX_ROWS = 2000
# What a spreadsheet program would run as a formula at the start of a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class TableError(Exception):
    """The file as a whole cannot be read. `code` says why: unknown_format, unreadable, empty, too_many_rows."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (float, Decimal)):
        return str(value)
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return str(value).strip()


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError("unreadable")


def unprotect(cell: str) -> str:
    """Our CSV exports write `'+49 …` so that spreadsheet programs do not run it as a formula
    (core/documents.py `safe_cell`); read it back as typed."""
    if len(cell) > 1 and cell[0] == "'" and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def read_csv(content: bytes) -> list[list[str]]:
    text = _decode(content)
    sample = text[:4096]
    dialect: type[csv.Dialect]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        # A subclass: setting the delimiter on csv.excel itself would change every writer.
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
        dialect = type("GuessedDialect", (csv.excel,), {"delimiter": delimiter})
    try:
        return [[unprotect(cell.strip()) for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        raise TableError("unreadable") from error


def read_xlsx(content: bytes, *, max_rows: int = MAX_ROWS) -> list[list]:
    """The first sheet's cells as openpyxl gives them (dates, numbers, text): the header and `max_rows` rows."""
    try:
        return xlsx.first_sheet_rows(content, max_rows=max_rows + 1)
    except xlsx.Unreadable as error:
        raise TableError("unreadable") from error
    except xlsx.TooManyRows as error:
        raise TableError("too_many_rows") from error


def is_xlsx(filename: str, content: bytes) -> bool:
    return filename.lower().endswith(".xlsx") or content[:2] == b"PK"


def read_rows(filename: str, content: bytes, *, max_rows: int = MAX_ROWS) -> list[list]:
    """The header and rows of an XLSX (cells as they are) or a CSV (text). Raises TableError."""
    if is_xlsx(filename, content):
        return read_xlsx(content, max_rows=max_rows)
    return read_csv(content)


def read_table(filename: str, content: bytes) -> list[list[str]]:
    """Header and data rows as text, trailing empty rows dropped. Raises TableError."""
    name = filename.lower()
    if not name.endswith((".csv", ".txt", ".xlsx")):
        raise TableError("unknown_format")
    rows = [[_cell_text(value) for value in row] for row in read_rows(filename, content)]
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if len(rows) < 2:
        raise TableError("empty")
    if len(rows) - 1 > MAX_ROWS:
        raise TableError("too_many_rows")
    return rows
