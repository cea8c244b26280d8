"""Small builders shared by the preparation tests."""

import io

import openpyxl

from dialogwerk.preparation.actor_import import HEADERS_DE
from dialogwerk.preparation.services import perspectives_ensure_defaults

HEADER = [
    HEADERS_DE[key]
    for key in (
        "name",
        "kind",
        "perspective",
        "contact_name",
        "email",
        "phone",
        "consent",
        "themes",
        "influence",
        "interest",
        "notes",
    )
]


def xlsx(rows: list[list], header: list[str] = HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def actor_rows(count: int = 20) -> list[list]:
    perspectives = ["Verwaltung", "Ehrenamt", "Geflüchtete", "Wirtschaft & Arbeitgeber", "Schulen & Kitas"]
    themes = ["Bauen & Wohnen", "Kindergarten & Schule", "Ausbildung & Arbeit", "Gemeinschaft & Nachbarschaft"]
    return [
        [
            f"Akteur {n}",
            "Organisation",
            perspectives[n % len(perspectives)],
            f"Person {n}",
            f"akteur{n}@example.org",
            "",
            "ja",
            themes[n % len(themes)],
            (n % 5) + 1,
            ((n + 2) % 5) + 1,
            "",
        ]
        for n in range(count)
    ]


def ready(dialogue):
    perspectives_ensure_defaults(dialogue=dialogue)
    return dialogue
