"""Chart labels never overlap, however many themes or how long the cards' texts (a documentation with eight
themes of three words each, a vote's top ten cards of two lines)."""

import pytest

from dialogwerk.reports import charts

THEMES = [
    "Gemeinschaft, Nachbarschaft und Zusammenleben",
    "Kindergarten, Schule und Ausbildung",
    "Bauen, Wohnen und Unterbringung",
    "Arbeit, Ausbildung und Anerkennung",
    "Infrastruktur, Mobilität und Sicherheit",
    "Gesundheit und Pflege",
    "Sprache und Dolmetschen",
    "Freizeit, Sport und Kultur",
    "Religion und Werte",
    "Verwaltung und Behörden",
]
CARD = "Mehr Sprachkurse mit Kinderbetreuung am Abend, damit auch Mütter teilnehmen können, im Stadtteil"


def overlapping(figure, axis: str) -> list[tuple[str, str]]:
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    ticks = figure.axes[0].get_xticklabels() if axis == "x" else figure.axes[0].get_yticklabels()
    boxes = [(tick.get_text(), tick.get_window_extent(renderer)) for tick in ticks if tick.get_text()]
    return [(a, b) for i, (a, box_a) in enumerate(boxes) for b, box_b in boxes[i + 1 :] if box_a.overlaps(box_b)]


@pytest.mark.parametrize("count", [3, 5, 8, 10])
def test_theme_names_under_grouped_bars_never_overlap(count):
    figure = charts.grouped_bars_figure(
        THEMES[:count], {"Situation": [3] * count, "Idee": [5] * count}, ylabel="Karten"
    )
    assert overlapping(figure, "x") == []


@pytest.mark.parametrize("count", [1, 5, 10])
def test_long_card_texts_beside_horizontal_bars_never_overlap(count):
    figure = charts.horizontal_bars_figure(
        [f"{i}. {CARD}" for i in range(count)], list(range(count, 0, -1)), xlabel="Punkte"
    )
    assert overlapping(figure, "y") == []
