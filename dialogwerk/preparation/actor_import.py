"""Check rows of an actor spreadsheet before anything is saved. No Django here.

Each problem is reported with its spreadsheet row number (the header is row 1) and column, as a code
that the app turns into a German message. A file is imported only when no row has a problem.
"""

import re
from dataclasses import dataclass, field

# Column key -> accepted header spellings (lower case). German first: that is what our template uses.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "organisation / person", "organisation/person", "akteur"),
    "kind": ("art", "kind", "typ"),
    "perspective": ("blickwinkel", "perspektive", "perspective", "akteursgruppe"),
    "contact_name": ("ansprechperson", "kontakt", "contact", "contact person"),
    "email": ("e-mail", "email", "e-mail-adresse", "mail"),
    "phone": ("telefon", "phone", "tel"),
    "consent": ("einwilligung", "consent"),
    "themes": ("themen", "themes", "themenfelder"),
    "influence": ("einfluss", "influence"),
    "interest": ("interesse", "interest"),
    "notes": ("notizen", "notes", "bemerkungen"),
}
REQUIRED = ("name", "perspective")
HEADERS_DE = {
    "name": "Name",
    "kind": "Art",
    "perspective": "Blickwinkel",
    "contact_name": "Ansprechperson",
    "email": "E-Mail",
    "phone": "Telefon",
    "consent": "Einwilligung",
    "themes": "Themen",
    "influence": "Einfluss",
    "interest": "Interesse",
    "notes": "Notizen",
}
KINDS = {"organisation": "organisation", "org": "organisation", "person": "person", "": "organisation"}
YES = {"ja", "j", "yes", "y", "x", "1", "true", "wahr"}
NO = {"nein", "n", "no", "0", "false", "falsch", ""}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_LENGTH = {"name": 200, "contact_name": 200, "phone": 50, "email": 254}


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet shows it: header is 1
    column: str  # the header text as found in the file (or our German name if the column is missing)
    code: str  # missing_column, required, unknown_perspective, unknown_theme, bad_email, bad_number, out_of_range,
    #            bad_consent, contact_without_consent, bad_kind, too_long, duplicate
    value: str = ""


@dataclass
class ActorRow:
    row: int
    name: str
    kind: str
    perspective: str
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    consent: bool = False
    themes: list[str] = field(default_factory=list)
    influence: int = 3
    interest: int = 3
    notes: str = ""


@dataclass
class ImportResult:
    rows: list[ActorRow]
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _map_header(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        key = _fold(title)
        for column, spellings in COLUMNS.items():
            if key in spellings and column not in found:
                found[column] = index
    return found


def _one_to_five(text: str, default: int = 3) -> int | None:
    if not text.strip():
        return default
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def parse_actors(rows: list[list[str]], perspectives: list[str], themes: list[str]) -> ImportResult:
    """Check every data row against the dialogue's perspectives and themes (matched ignoring case)."""
    if not rows:
        return ImportResult([], [RowError(1, HEADERS_DE["name"], "missing_column")])
    header = [str(cell) for cell in rows[0]]
    columns = _map_header(header)
    missing = [RowError(1, HEADERS_DE[key], "missing_column") for key in REQUIRED if key not in columns]
    if missing:
        return ImportResult([], missing)
    perspective_by_key = {_fold(name): name for name in perspectives}
    theme_by_key = {_fold(name): name for name in themes}
    parsed: list[ActorRow] = []
    errors: list[RowError] = []
    seen: dict[tuple[str, str], int] = {}

    def col(key: str) -> str:
        return header[columns[key]] if key in columns else HEADERS_DE[key]

    for number, raw in enumerate(rows[1:], start=2):
        if not any(str(cell).strip() for cell in raw):
            continue

        def cell(key: str, raw=raw) -> str:
            index = columns.get(key)
            return str(raw[index]).strip() if index is not None and index < len(raw) else ""

        row, row_errors = _parse_row(number, cell, col, perspective_by_key, theme_by_key, seen)
        if row is None:
            errors.extend(row_errors)
        else:
            parsed.append(row)
    return ImportResult(parsed, errors)


def _parse_row(
    number: int, cell, col, perspective_by_key: dict, theme_by_key: dict, seen: dict[tuple[str, str], int]
) -> tuple[ActorRow | None, list[RowError]]:
    """One data row as an actor, or its errors; `seen` remembers names per perspective to find duplicates."""
    row_errors: list[RowError] = []
    name = cell("name")
    if not name:
        row_errors.append(RowError(number, col("name"), "required"))
    for key, limit in MAX_LENGTH.items():
        if len(cell(key)) > limit:
            row_errors.append(RowError(number, col(key), "too_long", cell(key)[:40]))
    perspective_text = cell("perspective")
    perspective = perspective_by_key.get(_fold(perspective_text))
    if not perspective_text:
        row_errors.append(RowError(number, col("perspective"), "required"))
    elif perspective is None:
        row_errors.append(RowError(number, col("perspective"), "unknown_perspective", perspective_text))
    kind = KINDS.get(_fold(cell("kind")))
    if kind is None:
        row_errors.append(RowError(number, col("kind"), "bad_kind", cell("kind")))
    email = cell("email")
    if email and not EMAIL.match(email):
        row_errors.append(RowError(number, col("email"), "bad_email", email))
    consent_text = _fold(cell("consent"))
    if consent_text not in YES | NO:
        row_errors.append(RowError(number, col("consent"), "bad_consent", cell("consent")))
    elif consent_text in NO and (email or cell("phone")):
        # Contact data of actors only with consent (issue #7).
        row_errors.append(RowError(number, col("consent"), "contact_without_consent", cell("consent")))
    theme_names = _themes(number, cell, col, theme_by_key, row_errors)
    scores = _scores(number, cell, col, row_errors)
    if name and perspective:
        name_key = (_fold(name), perspective)
        if name_key in seen:
            row_errors.append(RowError(number, col("name"), "duplicate", str(seen[name_key])))
        else:
            seen[name_key] = number
    if row_errors:
        return None, row_errors
    return ActorRow(
        row=number,
        name=name,
        kind=kind or "organisation",
        perspective=perspective or "",
        contact_name=cell("contact_name"),
        email=email,
        phone=cell("phone"),
        consent=consent_text in YES,
        themes=theme_names,
        influence=scores["influence"],
        interest=scores["interest"],
        notes=cell("notes"),
    ), []


def _themes(number: int, cell, col, theme_by_key: dict, row_errors: list[RowError]) -> list[str]:
    theme_names: list[str] = []
    for part in re.split(r"[;,|\n]", cell("themes")):
        if not part.strip():
            continue
        theme = theme_by_key.get(_fold(part))
        if theme is None:
            row_errors.append(RowError(number, col("themes"), "unknown_theme", part.strip()))
        elif theme not in theme_names:
            theme_names.append(theme)
    return theme_names


def _scores(number: int, cell, col, row_errors: list[RowError]) -> dict[str, int]:
    scores: dict[str, int] = {}
    for key in ("influence", "interest"):
        score = _one_to_five(cell(key))
        if score is None:
            row_errors.append(RowError(number, col(key), "bad_number", cell(key)))
        elif not 1 <= score <= 5:
            row_errors.append(RowError(number, col(key), "out_of_range", cell(key)))
        else:
            scores[key] = score
    return scores
