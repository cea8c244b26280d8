"""What a reader sees on a chart's value axis: whole numbers for counts, no negative ticks on an empty chart,
decimal commas."""

import matplotlib.pyplot as plt

from dialogwerk.reports import charts


def _ticks(figure, axis):
    try:
        return charts.tick_labels(figure, axis)
    finally:
        plt.close(figure)


def test_a_count_of_one_has_no_fractional_ticks():
    ticks = _ticks(
        charts.horizontal_bars_figure(["Vorbereitung", "Dialog", "Umsetzung"], [1, 0, 0], xlabel="Dialoge"), "x"
    )
    assert ticks and all("," not in t and "." not in t for t in ticks), ticks
    assert "1" in ticks


def test_an_all_zero_chart_has_no_negative_ticks():
    ticks = _ticks(charts.grouped_bars_figure(["2026-Q4"], {"Teilnehmende": [0]}, ylabel="Personen"), "y")
    assert ticks and not any(t.startswith(("-", "−")) for t in ticks), ticks
    assert all("," not in t and "." not in t for t in ticks), ticks


def test_fractional_ticks_are_written_with_a_decimal_comma():
    ticks = _ticks(charts.horizontal_bars_figure(["Prozess", "Ergebnisse"], [0.6, 0.4], xlabel="Anteil"), "x")
    assert "0,2" in ticks and not any("." in t for t in ticks), ticks


def test_arabic_labels_are_drawn_without_missing_glyphs(recwarn):
    """matplotlib warns 'Glyph … missing from font' when a label cannot be drawn: that would be broken text."""
    charts.horizontal_bars(["مقهى لغة للنساء مع رعاية الأطفال", "Übergänge für Familien"], [7, 5], xlabel="Punkte")
    assert not [w for w in recwarn if "missing from" in str(w.message)]
