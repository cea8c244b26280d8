"""The pure catalogue table logic: reading rows, checking cells, planning an import, Decidim's columns."""

import datetime
from decimal import Decimal

from dialogwerk.measures import catalogue

THEMES = {"bauen & wohnen": 7}


def parse(raw, fmt=catalogue.OURS):
    return catalogue.parse_row(raw, number=2, fmt=fmt, theme_names=THEMES)


def test_german_headers_and_typed_cells_are_read():
    fmt, rows, unknown = catalogue.rows_from_table(
        [
            ["Nr.", "Titel", "Fällig am", "Fortschritt (%)", "Notiz"],
            [3, "Sprachcafé", datetime.datetime(2027, 3, 31), 40.0, "x"],
            [None, None, None, None, None],
        ]
    )
    assert fmt == catalogue.OURS and unknown == ["Notiz"]
    assert rows == [{"id": "3", "title": "Sprachcafé", "due_on": "2027-03-31", "progress": "40"}]


def test_cells_are_parsed_in_german_and_iso_forms():
    row = parse(
        {
            "title": "X",
            "due_on": "31.3.27",
            "starts_on": "2027-01-01",
            "cost_estimate": "1.234,50 €",
            "status": "in Umsetzung",
            "public": "ja",
            "theme": "Bauen & Wohnen",
            "priority": "hoch",
        }
    )
    assert not row.errors
    assert row.values["due_on"] == datetime.date(2027, 3, 31) and row.values["cost_estimate"] == Decimal("1234.50")
    assert row.values["status"] == "in_progress" and row.values["public"] is True and row.values["theme"] == 7


def test_bad_cells_become_row_errors():
    row = parse({"title": "", "due_on": "31.02.2027", "progress": "140", "status": "irgendwie", "theme": "Mond"})
    assert {(e.column, e.code) for e in row.errors} == {
        ("title", "required"),
        ("due_on", "date"),
        ("progress", "percent"),
        ("status", "status"),
        ("theme", "theme"),
    }


def test_an_import_plan_lists_changes_and_refuses_unknown_ids():
    current = {1: {"title": "Alt", "progress": 10, "due_on": None}}
    rows = [
        catalogue.ParsedRow(2, 1, {"title": "Alt", "progress": 30}),
        catalogue.ParsedRow(3, None, {"title": "Neu"}),
        catalogue.ParsedRow(4, 99, {"title": "Fremd"}),
    ]
    plan = catalogue.plan_import(rows, current)
    assert [c.action for c in plan.rows] == ["update", "create", "error"]
    assert plan.rows[0].changes == {"progress": (10, 30)}
    assert not plan.ok and plan.errors[0][1].code == "unknown_id"


def test_a_measure_in_two_rows_is_an_error():
    rows = [catalogue.ParsedRow(2, 1, {"title": "A"}), catalogue.ParsedRow(3, 1, {"title": "B"})]
    plan = catalogue.plan_import(rows, {1: {"title": "A"}})
    assert plan.rows[1].row.errors[0].code == "duplicate_id"


def test_decidim_columns_map_to_ours_and_find_our_measure_by_external_id():
    fmt, rows, _ = catalogue.rows_from_table(
        [
            list(catalogue.DECIDIM_HEADERS),
            [
                "17",
                "",
                "Sprachcafé",
                "Jeden Mittwoch",
                "2027-01-01",
                "2027-06-30",
                "completed",
                "Abgeschlossen",
                "100",
                "4 5",
                "dialogwerk-3",
            ],
        ]
    )
    assert fmt == catalogue.DECIDIM
    row = parse(rows[0], fmt=fmt)
    assert row.measure_id == 3 and row.values["status"] == "done" and row.values["progress"] == 100
    assert row.values["due_on"] == datetime.date(2027, 6, 30) and row.notes == ["proposals"]


def test_every_status_maps_to_decidim_and_back():
    for status, decidim in catalogue.STATUS_TO_DECIDIM.items():
        assert parse({"title": "X", "status": decidim}).values["status"] == status
