"""Times and warnings of an agenda (Ablaufplan). No Django here.

Items follow each other without gaps from the agenda's start; warnings are codes with values.
"""

from dataclasses import dataclass

BREAK_EVERY_MINUTES = 90
MIN_WORLD_CAFE_ROUND = 15


@dataclass(frozen=True)
class Item:
    title: str
    minutes: int
    kind: str = "step"  # step, round, break
    method_key: str = ""


@dataclass(frozen=True)
class Warning:
    code: str  # over_time, no_break, short_round, more_rounds_than_tables_hint
    values: dict


def schedule(items: list[Item], start_minute: int) -> list[tuple[int, int]]:
    """(start, end) in minutes after midnight for each item."""
    times, cursor = [], start_minute
    for item in items:
        times.append((cursor, cursor + item.minutes))
        cursor += item.minutes
    return times


def total_minutes(items: list[Item]) -> int:
    return sum(item.minutes for item in items)


def warnings(items: list[Item], available_minutes: int | None) -> list[Warning]:
    found: list[Warning] = []
    total = total_minutes(items)
    if available_minutes is not None and total > available_minutes:
        found.append(
            Warning("over_time", {"over": total - available_minutes, "total": total, "available": available_minutes})
        )
    stretch, stretch_start = 0, None
    for index, item in enumerate(items):
        if item.kind == "break":
            stretch, stretch_start = 0, None
            continue
        if stretch_start is None:
            stretch_start = index
        stretch += item.minutes
        if stretch > BREAK_EVERY_MINUTES:
            found.append(
                Warning("no_break", {"from": items[stretch_start].title, "until": item.title, "minutes": stretch})
            )
            stretch, stretch_start = 0, None  # one warning per stretch
    for item in items:
        if item.kind == "round" and item.method_key == "world_cafe" and item.minutes < MIN_WORLD_CAFE_ROUND:
            found.append(
                Warning("short_round", {"title": item.title, "minutes": item.minutes, "min": MIN_WORLD_CAFE_ROUND})
            )
    return found


def world_cafe_evening(start_minute: int = 16 * 60) -> list[Item]:
    """A starting agenda for a World Café evening (e.g. 16:00–21:00, as in the programme's dialogues)."""
    return [
        Item("Ankommen, Namensschilder, Getränke", 20, "step", ""),
        Item("Begrüßung durch die Bürgermeisterin / den Bürgermeister", 10, "step", "plenary_forum"),
        Item("Ziel des Abends, was mit den Ergebnissen geschieht, Café-Etikette", 10, "step", "world_cafe"),
        Item("World-Café-Runde 1: Wie ist die Lage heute?", 25, "round", "world_cafe"),
        Item("Kurze Pause, Tischwechsel", 15, "break", ""),
        Item("World-Café-Runde 2: Wo gibt es Handlungsbedarf und Konflikte?", 25, "round", "world_cafe"),
        Item("World-Café-Runde 3: Was können wir konkret tun?", 25, "round", "world_cafe"),
        Item("Pause mit Imbiss", 30, "break", ""),
        Item("Ernte im Plenum und Galerie", 35, "step", "world_cafe"),
        Item("Punktabfrage: Welche Ideen sind am wichtigsten?", 15, "step", ""),
        Item("Ausblick: Begleitkreis, nächste Schritte, Dank", 15, "step", "plenary_forum"),
    ]
