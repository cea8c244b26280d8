"""The catalogue as a table: columns, reading cells, checking rows, and what an import would change.
Our own format (XLSX/CSV) and Decidim's accountability results CSV. Pure Python (no Django)."""

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

OURS = "dialogwerk"
DECIDIM = "decidim"


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # German header in the file; the key is accepted as a header too
    kind: str  # id, text, date, decimal, percent, status, priority, bool, theme


COLUMNS: tuple[Column, ...] = (
    Column("id", "Nr.", "id"),
    Column("title", "Titel", "text"),
    Column("description", "Beschreibung", "text"),
    Column("theme", "Themenfeld", "theme"),
    Column("goal", "Ziel", "text"),
    Column("indicator", "Indikator", "text"),
    Column("responsible_person", "Verantwortlich (Person)", "text"),
    Column("responsible_email", "E-Mail der verantwortlichen Person", "text"),
    Column("responsible_organisation", "Verantwortlich (Organisation)", "text"),
    Column("starts_on", "Beginn", "date"),
    Column("due_on", "Fällig am", "date"),
    Column("cost_estimate", "Kostenschätzung (EUR)", "decimal"),
    Column("funding_source", "Finanzierung", "text"),
    Column("priority", "Priorität", "priority"),
    Column("status", "Status", "status"),
    Column("progress", "Fortschritt (%)", "percent"),
    Column("public", "Öffentlich", "bool"),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
EDITABLE_KEYS = tuple(column.key for column in COLUMNS if column.key != "id")

STATUS_DE = {
    "planned": "geplant",
    "in_progress": "in Umsetzung",
    "done": "erledigt",
    "paused": "pausiert",
    "dropped": "verworfen",
}
PRIORITY_DE = {"high": "hoch", "medium": "mittel", "low": "niedrig"}
# Decidim's default result statuses; its keys are set per component, these are the common ones.
STATUS_TO_DECIDIM = {
    "planned": "not_started",
    "in_progress": "in_progress",
    "done": "completed",
    "paused": "paused",
    "dropped": "discarded",
}
_STATUS_ALIASES = {
    **{key: key for key in STATUS_DE},
    **{label.casefold(): key for key, label in STATUS_DE.items()},
    **{value: key for key, value in STATUS_TO_DECIDIM.items()},
    "planned": "planned",
    "in progress": "in_progress",
    "done": "done",
    "paused": "paused",
    "dropped": "dropped",
    "not started": "planned",
    "nicht begonnen": "planned",
    "started": "in_progress",
    "ongoing": "in_progress",
    "finished": "done",
    "completed": "done",
    "abgeschlossen": "done",
    "umgesetzt": "done",
    "running": "in_progress",
    "laufend": "in_progress",
    "in arbeit": "in_progress",
    "cancelled": "dropped",
    "canceled": "dropped",
    "discarded": "dropped",
    "abgebrochen": "dropped",
    "gestoppt": "dropped",
}
_PRIORITY_ALIASES = {
    **{key: key for key in PRIORITY_DE},
    **{label: key for key, label in PRIORITY_DE.items()},
}
_TRUE = {"ja", "yes", "true", "wahr", "1", "x", "öffentlich"}
_FALSE = {"nein", "no", "false", "falsch", "0", ""}

# Decidim accountability results: the columns its CSV export writes and its CSV import reads.
DECIDIM_HEADERS = (
    "id",
    "parent/id",
    "title/de",
    "description/de",
    "start_date",
    "end_date",
    "status/key",
    "status/name/de",
    "progress",
    "proposals_ids",
    "external_id",
)
DECIDIM_EXTERNAL_PREFIX = "dialogwerk-"


# --- reading cells -------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """One spreadsheet cell as text: dates as ISO dates, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header_key(header: str) -> str:
    return header.strip().casefold()


_OUR_HEADERS = {
    **{_header_key(c.header): c.key for c in COLUMNS},
    **{_header_key(c.key): c.key for c in COLUMNS},
}


def _decidim_key(header: str) -> str | None:
    h = _header_key(header)
    if h == "id":
        return "decidim_id"
    if h in {"parent/id", "parent_id", "parent"}:
        return "parent"
    if h.startswith("title/") or h == "title":
        return "title"
    if h.startswith("description/") or h == "description":
        return "description"
    if h == "start_date":
        return "starts_on"
    if h == "end_date":
        return "due_on"
    if h in {"status/key", "status", "status/id", "decidim_accountability_status_id"}:
        return "status"
    if h == "progress":
        return "progress"
    if h in {"proposals_ids", "proposal_ids", "related_proposals", "proposals"}:
        return "proposals"
    if h == "external_id":
        return "external_id"
    return None


def detect_format(headers: Sequence[str]) -> str:
    keys = {_header_key(h) for h in headers}
    if any(k.startswith("title/") for k in keys) or {"start_date", "end_date"} & keys:
        return DECIDIM
    return OURS


def rows_from_table(table: Sequence[Sequence[Any]]) -> tuple[str, list[dict[str, str]], list[str]]:
    """(format, rows keyed by our column names, unknown headers) from a header row and data rows.

    Empty rows are dropped; every value is text (see `cell_text`)."""
    if not table:
        return OURS, [], []
    headers = [cell_text(h) for h in table[0]]
    fmt = detect_format(headers)
    mapping: dict[int, str] = {}
    unknown: list[str] = []
    for index, header in enumerate(headers):
        key = _decidim_key(header) if fmt == DECIDIM else _OUR_HEADERS.get(_header_key(header))
        if key is not None and key not in mapping.values():
            mapping[index] = key
        elif header and key is None:
            unknown.append(header)
    if fmt == DECIDIM:
        # In Decidim's status/name column the label only helps when there is no key column.
        for index, header in enumerate(headers):
            if _header_key(header).startswith("status/name") and "status" not in mapping.values():
                mapping[index] = "status"
                unknown = [u for u in unknown if u != header]
    rows = []
    for raw in table[1:]:
        cells = [cell_text(v) for v in raw]
        if not any(cells):
            continue
        rows.append({key: cells[index] if index < len(cells) else "" for index, key in mapping.items()})
    return fmt, rows, unknown


# --- checking rows -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    column: str
    code: str  # required, date, number, percent, status, priority, bool, theme, unknown_id, duplicate_id, order, email
    value: str = ""


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def parse_date(text: str) -> datetime.date | None:
    """ISO (2027-03-31) or German (31.03.2027, 31.3.27). Raises ValueError on anything else."""
    text = text.strip()
    if not text:
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?", text):
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})", text):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return datetime.date(year, int(m[2]), int(m[1]))
    raise ValueError(text)


def parse_decimal(text: str) -> Decimal | None:
    text = text.strip().replace("€", "").replace("EUR", "").replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") else text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite() or value < 0 or value >= Decimal("1e10"):  # NaN first: comparing it raises
        raise ValueError(text)
    return value.quantize(Decimal("0.01"))


def parse_percent(text: str) -> int:
    text = text.strip().rstrip("%").strip().replace(",", ".")
    if not text:
        return 0
    try:
        value = float(text)
    except ValueError:
        raise ValueError(text) from None
    if not 0 <= value <= 100 or value != int(value):
        raise ValueError(text)
    return int(value)


@dataclass
class ParsedRow:
    number: int  # the row's line in the file (the header is line 1)
    measure_id: int | None
    values: dict[str, Any]  # typed values of the columns the file has
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    measure_number: int | None = None  # M-07 in the file: the caller resolves it to measure_id
    measure_label: str = ""  # how the file names the measure, for messages


_MEASURE_CODE = re.compile(r"^\s*M\s*-?\s*0*(\d{1,6})\s*$", re.IGNORECASE)


def parse_measure_code(text: str) -> int | None:
    """The number of a measure cited as "M-07" (also "M7", "m-007"); None for anything else."""
    match = _MEASURE_CODE.match(text)
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


def parse_row(raw: Mapping[str, str], *, number: int, fmt: str, theme_names: Mapping[str, int]) -> ParsedRow:
    """Check one row. `theme_names` maps a theme's casefolded name to its id."""
    row = ParsedRow(number=number, measure_id=None, values={})
    if fmt == DECIDIM:
        external = raw.get("external_id", "").strip()
        if external.startswith(DECIDIM_EXTERNAL_PREFIX) and external[len(DECIDIM_EXTERNAL_PREFIX) :].isdigit():
            row.measure_id = int(external[len(DECIDIM_EXTERNAL_PREFIX) :])
        if raw.get("parent", "").strip():
            row.notes.append("parent")
        if raw.get("proposals", "").strip():
            row.notes.append("proposals")
    elif raw.get("id", "").strip():
        text = raw["id"].strip()
        row.measure_label = text
        number = parse_measure_code(text)
        if number is not None:
            row.measure_number = number  # resolved to the measure by the caller, who knows the catalogue
        elif text.isdigit():
            row.measure_id = int(text)  # a file written before the numbers: the database id
        else:
            row.errors.append(RowError("id", "unknown_id", text))
    for key, text in raw.items():
        column = COLUMN_BY_KEY.get(key)
        if column is None or column.kind == "id":
            continue
        text = text.strip()
        try:
            row.values[key] = _parse_cell(column, text, theme_names)
        except ValueError:
            row.errors.append(RowError(key, column.kind, text))
    if "title" in raw and not row.values.get("title"):
        row.errors.append(RowError("title", "required"))
    elif "title" not in raw and row.measure_id is None:
        row.errors.append(RowError("title", "required"))
    email = row.values.get("responsible_email")
    if email and not _EMAIL.match(email):
        row.errors.append(RowError("responsible_email", "email", email))
        row.values.pop("responsible_email")
    starts, due = row.values.get("starts_on"), row.values.get("due_on")
    if starts and due and due < starts:
        row.errors.append(RowError("due_on", "order", due.isoformat()))
    return row


def _parse_cell(column: Column, text: str, theme_names: Mapping[str, int]) -> Any:
    if column.kind == "text":
        return text
    if column.kind == "date":
        return parse_date(text)
    if column.kind == "decimal":
        return parse_decimal(text)
    if column.kind == "percent":
        return parse_percent(text)
    if column.kind == "status":
        if not text:
            return "planned"
        if text.casefold() not in _STATUS_ALIASES:
            raise ValueError(text)
        return _STATUS_ALIASES[text.casefold()]
    if column.kind == "priority":
        if not text:
            return "medium"
        if text.casefold() not in _PRIORITY_ALIASES:
            raise ValueError(text)
        return _PRIORITY_ALIASES[text.casefold()]
    if column.kind == "bool":
        if text.casefold() in _TRUE:
            return True
        if text.casefold() in _FALSE:
            return False
        raise ValueError(text)
    if column.kind == "theme":
        if not text:
            return None
        if text.casefold() not in theme_names:
            raise ValueError(text)
        return theme_names[text.casefold()]
    raise AssertionError(column.kind)


# --- what an import would change -----------------------------------------------------------------


@dataclass
class RowChange:
    row: ParsedRow
    action: str  # create, update, unchanged, error
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)


@dataclass
class ImportPlan:
    rows: list[RowChange]

    @property
    def errors(self) -> list[tuple[int, RowError]]:
        return [(change.row.number, error) for change in self.rows for error in change.row.errors]

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(1 for change in self.rows if change.action == action)


def plan_import(rows: Sequence[ParsedRow], current: Mapping[int, Mapping[str, Any]]) -> ImportPlan:
    """Compare checked rows with the stored measures (`current`: id → typed values, as in the file).

    A row whose id is not one of this catalogue's measures is an error (we never guess); a row without
    an id creates a measure. A measure may appear in one row only."""
    seen: set[int] = set()
    result = []
    for row in rows:
        if row.measure_id is not None:
            label = row.measure_label or str(row.measure_id)
            if row.measure_id in seen:
                row.errors.append(RowError("id", "duplicate_id", label))
            elif row.measure_id not in current:
                row.errors.append(RowError("id", "unknown_id", label))
            seen.add(row.measure_id)
        if row.errors:
            result.append(RowChange(row=row, action="error"))
            continue
        if row.measure_id is None:
            changes = {key: (None, value) for key, value in row.values.items() if value not in (None, "", False)}
            result.append(RowChange(row=row, action="create", changes=changes))
            continue
        stored = current[row.measure_id]
        changes = {
            key: (stored.get(key), value)
            for key, value in row.values.items()
            if _normal(stored.get(key)) != _normal(value)
        }
        result.append(RowChange(row=row, action="update" if changes else "unchanged", changes=changes))
    return ImportPlan(rows=result)


def _normal(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.01"))
    if isinstance(value, str):
        return value.strip().replace("\r\n", "\n")
    return value


# --- writing -------------------------------------------------------------------------------------


def our_row(values: Mapping[str, Any], theme_name: str) -> list[Any]:
    """A measure's row in our format (typed cells: dates stay dates, so a spreadsheet shows them as dates)."""
    out: list[Any] = []
    for column in COLUMNS:
        value = values.get(column.key)
        if column.kind == "id":
            value = values.get("code") or value  # M-07, as the council cites it
        elif column.kind == "theme":
            value = theme_name
        elif column.kind == "status":
            value = STATUS_DE.get(value, value)
        elif column.kind == "priority":
            value = PRIORITY_DE.get(value, value)
        elif column.kind == "bool":
            value = "ja" if value else "nein"
        elif column.kind == "decimal" and value is not None:
            value = float(value)
        out.append("" if value is None else value)
    return out


def decidim_row(values: Mapping[str, Any], *, status_label: str) -> list[str]:
    def iso(d: datetime.date | None) -> str:
        return d.isoformat() if d else ""

    return [
        str(values["id"]),
        "",
        values.get("title", ""),
        values.get("description", ""),
        iso(values.get("starts_on")),
        iso(values.get("due_on")),
        STATUS_TO_DECIDIM.get(values.get("status", ""), ""),
        status_label,
        str(values.get("progress", 0)),
        "",
        f"{DECIDIM_EXTERNAL_PREFIX}{values['id']}",
    ]
