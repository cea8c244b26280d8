"""Read a list of people typed into a textarea: one per line, `Name; perspective; host table`. No Django import.

The perspective and the table are optional; a table ("3" or "Tisch 3") makes the person that table's host.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TABLE = re.compile(r"^\D*?(\d{1,3})\s*$")


@dataclass(frozen=True)
class PersonLine:
    name: str
    perspective: str = ""
    host_table: int | None = None  # 1-based


@dataclass(frozen=True)
class LineError:
    line: int  # 1-based
    problem: str  # "name_missing", "name_too_long", "perspective_too_long", "table_unreadable", "too_many_fields"


def parse_people(
    text: str, *, name_max: int = 120, perspective_max: int = 80
) -> tuple[list[PersonLine], list[LineError]]:
    """People and the problems found, in line order; blank lines are skipped."""
    people: list[PersonLine] = []
    errors: list[LineError] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        fields = [f.strip() for f in line.split(";")]
        if len(fields) > 3:
            errors.append(LineError(number, "too_many_fields"))
            continue
        name = fields[0]
        perspective = fields[1] if len(fields) > 1 else ""
        table_text = fields[2] if len(fields) > 2 else ""
        if not name:
            errors.append(LineError(number, "name_missing"))
            continue
        if len(name) > name_max:
            errors.append(LineError(number, "name_too_long"))
            continue
        if len(perspective) > perspective_max:
            errors.append(LineError(number, "perspective_too_long"))
            continue
        table = None
        if table_text:
            match = TABLE.match(table_text)
            if not match or int(match.group(1)) < 1:
                errors.append(LineError(number, "table_unreadable"))
                continue
            table = int(match.group(1))
        people.append(PersonLine(name, perspective, table))
    return people, errors
