"""Reading the first sheet of an uploaded workbook without letting a small file keep a worker busy.

An XLSX is a ZIP: 100 KB can unpack to a sheet of a million rows, which openpyxl would read to the end
before any row limit was checked (an outside probe: ~95 MB unpacked, 93 s of a worker). uploads.spreadsheet
refuses workbooks that unpack to too much; here rows are read one by one (openpyxl's read-only mode) and
reading stops as soon as there are more than the caller takes. Empty rows (a sheet formatted far down) count
too, with a higher ceiling, so a sheet of empty rows stops as early.
"""

import io
import zipfile
from typing import Any

MAX_COLUMNS = 100  # cells right of this are not read: no import of ours has more columns
EMPTY_ROWS_PER_ROW = 10  # how many empty rows may come along per row a caller takes


class Unreadable(ValueError):
    """Not a workbook openpyxl can read."""


class TooManyRows(ValueError):
    """More rows with values than the caller takes (reading stopped there)."""


def first_sheet_rows(content: bytes, *, max_rows: int) -> list[list[Any]]:
    """The values of the first sheet's rows (at most MAX_COLUMNS each), trailing empty rows dropped.

    Raises TooManyRows once more than `max_rows` rows hold a value, or the sheet goes on with empty rows
    far beyond that; Unreadable when it is no workbook."""
    import openpyxl  # heavy: loaded only when a spreadsheet is read, not when an app process starts

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError) as error:
        raise Unreadable(str(error)) from error
    try:
        if not workbook.worksheets:
            raise Unreadable("no sheet")
        rows: list[list[Any]] = []
        filled = 0
        for row in workbook.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS):
            values = list(row)
            rows.append(values)
            if any(value not in (None, "") for value in values):
                filled += 1
            if filled > max_rows or len(rows) > max_rows * EMPTY_ROWS_PER_ROW:
                raise TooManyRows(f"more than {max_rows} rows")
    finally:
        workbook.close()
    while rows and not any(value not in (None, "") for value in rows[-1]):
        rows.pop()
    return rows
