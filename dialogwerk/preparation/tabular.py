"""Read a spreadsheet (CSV or XLSX) into rows of text, the same way whatever program wrote it.

No Django here: the import parsers build on it and are tested on their own.
"""

import csv
import datetime
import io
from decimal import Decimal

from dialogwerk.core import xlsx

MAX_ROWS = 2000


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


def _unprotect(cell: str) -> str:
    """Our CSV exports write `'+49 …` so that spreadsheet programs do not run it as a formula; read it back as typed."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@":
        return cell[1:]
    return cell


def read_csv(content: bytes) -> list[list[str]]:
    text = _decode(content)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
        dialect.delimiter = ";" if sample.count(";") >= sample.count(",") else ","  # type: ignore[misc]
    try:
        return [[_unprotect(cell.strip()) for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        raise TableError("unreadable") from error


def read_xlsx(content: bytes) -> list[list[str]]:
    try:
        rows = xlsx.first_sheet_rows(content, max_rows=MAX_ROWS + 1)  # the header, and the rows
    except xlsx.Unreadable as error:
        raise TableError("unreadable") from error
    except xlsx.TooManyRows as error:
        raise TableError("too_many_rows") from error
    return [[_cell_text(value) for value in row] for row in rows]


def read_table(filename: str, content: bytes) -> list[list[str]]:
    """Header and data rows, trailing empty rows dropped. Raises TableError."""
    name = filename.lower()
    if name.endswith(".csv") or name.endswith(".txt"):
        rows = read_csv(content)
    elif name.endswith(".xlsx"):
        rows = read_xlsx(content)
    else:
        raise TableError("unknown_format")
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if len(rows) < 2:
        raise TableError("empty")
    if len(rows) - 1 > MAX_ROWS:
        raise TableError("too_many_rows")
    return rows
