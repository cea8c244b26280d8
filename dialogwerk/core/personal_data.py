"""Small helpers for the apps' privacy parts (core/registry.py): dates in an export, and rewriting text that
names an erased person. No model import."""

import json


def iso(value) -> str | None:
    return value.isoformat() if value else None


def scrub(text: str, needles: list[str], label: str) -> str:
    for needle in needles:
        if needle:
            text = text.replace(needle, label)
    return text


def scrub_rows(rows, fields: tuple[str, ...], needles: list[str], label: str) -> None:
    """Replace the needles (a name, an address) in the rows' text and JSON fields by `label`."""
    json_needles = [json.dumps(n)[1:-1] for n in needles]
    for pk, *values in rows.values_list("pk", *fields).iterator():
        scrubbed = [
            scrub(value, needles, label)
            if isinstance(value, str)
            else json.loads(scrub(json.dumps(value, ensure_ascii=False), json_needles, label))
            for value in values
        ]
        if scrubbed != values:
            rows.model.objects.filter(pk=pk).update(**dict(zip(fields, scrubbed)))
