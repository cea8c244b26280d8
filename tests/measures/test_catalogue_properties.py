"""Properties of the catalogue import (measures/catalogue.py, pure): whatever a spreadsheet holds, reading and
checking it never crashes, and every cell ends as a typed value or as a row error the preview can show."""

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from dialogwerk.measures import catalogue

THEMES = {"bauen & wohnen": 7}
text = st.text(max_size=30) | st.sampled_from(
    [
        "NaN",
        "sNaN",
        "Infinity",
        "-1",
        "1e999999999",
        "1.234,50 €",
        "31.02.2027",
        "2027-13-01",
        "140",
        "nan%",
        "ja",
        "hoch",
        "erledigt",
        "",
    ]
)
cells = st.none() | st.integers() | st.floats() | st.dates() | st.datetimes() | st.decimals() | text


@given(st.lists(st.lists(cells, max_size=12), max_size=10))
def test_reading_any_table_never_crashes_and_yields_text(table):
    fmt, rows, unknown = catalogue.rows_from_table(table)
    assert fmt in {catalogue.OURS, catalogue.DECIDIM}
    assert all(isinstance(value, str) for row in rows for value in row.values()) and all(
        isinstance(h, str) for h in unknown
    )


@given(st.dictionaries(st.sampled_from([column.key for column in catalogue.COLUMNS]), text, min_size=1))
def test_every_cell_is_either_a_typed_value_or_a_row_error(raw):
    row = catalogue.parse_row(raw, number=2, fmt=catalogue.OURS, theme_names=THEMES)
    errors = {error.column for error in row.errors}
    for key in raw:
        if key == "id":
            continue
        assert key in row.values or key in errors, key
    for key, value in row.values.items():
        kind = catalogue.COLUMN_BY_KEY[key].kind
        if kind == "decimal" and value is not None:
            assert isinstance(value, Decimal) and value.is_finite() and 0 <= value < Decimal("1e10")
        if kind == "percent":
            assert isinstance(value, int) and 0 <= value <= 100
        if kind == "date" and value is not None:
            assert isinstance(value, datetime.date)


@given(text)
def test_amounts_are_parsed_or_refused_with_value_error(cell):
    try:
        value = catalogue.parse_decimal(cell)
    except ValueError:
        return
    assert value is None or (value.is_finite() and 0 <= value < Decimal("1e10"))
