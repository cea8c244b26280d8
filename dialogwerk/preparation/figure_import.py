"""Check rows of a key-figure spreadsheet (key figure, value, as of, source). No Django here."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .actor_import import RowError, _fold

COLUMNS = {
    "indicator": ("kennzahl", "key figure", "indicator", "bezeichnung"),
    "value": ("wert", "value", "anzahl"),
    "as_of": ("stichtag", "datum", "as of", "date"),
    "source": ("quelle", "source"),
}
HEADERS_DE = {"indicator": "Kennzahl", "value": "Wert", "as_of": "Stichtag", "source": "Quelle"}
REQUIRED = ("indicator", "value", "as_of")


@dataclass
class FigureRow:
    row: int
    indicator: str
    value: Decimal
    as_of: datetime.date
    source: str = ""


@dataclass
class FigureResult:
    rows: list[FigureRow]
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_number(text: str) -> Decimal | None:
    """German or English notation: 1.234,5 and 1,234.5 and 1234 are all understood."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif "," in cleaned:
        cleaned = cleaned.replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")  # 1.234 is a German thousand separator
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not number.is_finite() or number.copy_abs() >= Decimal("1e10"):  # abs() would round (Overflow on 1e999999999)
        return None
    return number.quantize(Decimal("0.01"))


def parse_date(text: str) -> datetime.date | None:
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def parse_figures(rows: list[list[str]]) -> FigureResult:
    header = [str(cell) for cell in rows[0]] if rows else []
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        for key, spellings in COLUMNS.items():
            if _fold(title) in spellings and key not in columns:
                columns[key] = index
    missing = [RowError(1, HEADERS_DE[key], "missing_column") for key in REQUIRED if key not in columns]
    if missing:
        return FigureResult([], missing)
    parsed: list[FigureRow] = []
    errors: list[RowError] = []
    seen: dict[tuple[str, datetime.date], int] = {}
    for number, raw in enumerate(rows[1:], start=2):
        if not any(str(cell).strip() for cell in raw):
            continue

        def cell(key: str) -> str:
            index = columns.get(key)
            return str(raw[index]).strip() if index is not None and index < len(raw) else ""

        row_errors = []
        indicator = cell("indicator")
        if not indicator:
            row_errors.append(RowError(number, header[columns["indicator"]], "required"))
        elif len(indicator) > 120:
            row_errors.append(RowError(number, header[columns["indicator"]], "too_long", indicator[:40]))
        value = parse_number(cell("value"))
        if value is None:
            code = "required" if not cell("value") else "bad_number"
            row_errors.append(RowError(number, header[columns["value"]], code, cell("value")))
        as_of = parse_date(cell("as_of"))
        if as_of is None:
            code = "required" if not cell("as_of") else "bad_date"
            row_errors.append(RowError(number, header[columns["as_of"]], code, cell("as_of")))
        if len(cell("source")) > 200:
            row_errors.append(RowError(number, header[columns["source"]], "too_long", cell("source")[:40]))
        if indicator and as_of:
            seen_key = (_fold(indicator), as_of)
            if seen_key in seen:
                row_errors.append(RowError(number, header[columns["indicator"]], "duplicate", str(seen[seen_key])))
            seen[seen_key] = number
        if row_errors:
            errors.extend(row_errors)
            continue
        assert value is not None and as_of is not None
        parsed.append(FigureRow(number, indicator, value, as_of, cell("source")))
    return FigureResult(parsed, errors)


def compare(figures: list[tuple[str, datetime.date, Decimal]], first: datetime.date, second: datetime.date):
    """Per indicator: its value on (or last before) each date and the change. Rows sorted by indicator."""
    by_indicator: dict[str, list[tuple[datetime.date, Decimal]]] = {}
    for indicator, as_of, value in figures:
        by_indicator.setdefault(indicator, []).append((as_of, value))

    def at(values, day):
        earlier = [(d, v) for d, v in values if d <= day]
        return max(earlier)[1] if earlier else None

    result = []
    for indicator in sorted(by_indicator, key=str.casefold):
        a, b = at(by_indicator[indicator], first), at(by_indicator[indicator], second)
        change = b - a if a is not None and b is not None else None
        result.append((indicator, a, b, change))
    return result
