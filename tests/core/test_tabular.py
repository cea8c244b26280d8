"""The one reader of spreadsheets behind every import (core/tabular.py)."""

import csv
import io

from dialogwerk.core import tabular


def test_a_csv_whose_delimiter_cannot_be_sniffed_leaves_other_csv_writers_alone():
    """Reading a one-column file used to set the fallback delimiter on csv.excel itself, and every CSV
    written afterwards in that process came out with semicolons."""
    assert tabular.read_csv("Titel\nSprachcafé\n".encode()) == [["Titel"], ["Sprachcafé"]]
    out = io.StringIO()
    csv.writer(out).writerow(["a", "b"])
    assert out.getvalue() == "a,b\r\n"


def test_windows_1252_utf8_and_the_bom_read_alike():
    row = ["„Sprachcafé“", "50 €"]
    for content in (
        "Titel;Kosten\n„Sprachcafé“;50 €\n".encode(encoding) for encoding in ("cp1252", "utf-8", "utf-8-sig")
    ):
        assert tabular.read_csv(content)[1] == row
