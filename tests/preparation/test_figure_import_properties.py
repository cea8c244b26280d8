"""Properties of the key-figure import (preparation/figure_import.py, pure): any cell text is a number within
bounds or nothing, and any sheet is read into figures and row errors without crashing."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from dialogwerk.preparation import figure_import

text = st.text(max_size=30) | st.sampled_from(
    ["NaN", "sNaN", "Infinity", "1e999999999", "-1e999999999", "1.234,5", "1,234.5", "31.12.2026"]
)


@given(text)
def test_a_number_cell_is_a_bounded_number_or_nothing(cell):
    value = figure_import.parse_number(cell)
    assert value is None or (value.is_finite() and abs(value) < Decimal("1e10"))


@given(st.lists(st.lists(text, max_size=6), min_size=0, max_size=8))
def test_any_sheet_is_read_into_figures_and_errors(rows):
    sheet = [["Kennzahl", "Wert", "Stichtag", "Quelle"], *rows]
    result = figure_import.parse_figures(sheet)
    non_empty = {n for n, row in enumerate(rows, start=2) if any(cell.strip() for cell in row)}
    accepted = {figure.row for figure in result.rows}
    refused = {error.row for error in result.errors}
    assert accepted | refused == non_empty and not accepted & refused
