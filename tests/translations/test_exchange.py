"""The dialogue's texts as XLSX and XLIFF for a translation agency, and the agency's files read back
(dialogwerk/translations/exchange.py): round trips, what a CAT tool sends back, and every file it refuses."""

import io
import zipfile

import openpyxl
import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from dialogwerk.translations import exchange
from dialogwerk.translations.exchange import Unit, from_xliff, from_xlsx, to_xliff, to_xlsx

PASSWD = "root:x:0:0"  # what /etc/passwd starts with


@pytest.fixture(autouse=True)
def english():
    """Messages and headers in English (the msgids); the German ones have their own tests."""
    with translation.override("en"):
        yield


def units_for(language: str = "ar") -> list[Unit]:
    target = {"ar": "السكن والبناء\nفي المدينة", "uk": "Будівництво і житло\nу місті", "fa": "مسکن و ساخت‌وساز"}[
        language
    ]
    return [
        Unit(
            "theme:12:name", "Themenfeld „Bauen & Wohnen“ – Name", "Bauen & Wohnen\nin der Stadt", target, "machine", 80
        ),
        Unit("theme:12:purpose", "Themenfeld „Bauen & Wohnen“ – Ziel", "Wie finden alle eine Wohnung?", "", "missing"),
        Unit(
            "step:3:instructions",
            "Schritt 3 – Anleitung",
            "Erst Karten schreiben.\n\nDann vorlesen.",
            "Спочатку пишемо картки.\n\nПотім читаємо.",
            "checked",
        ),
        Unit("vote:7:question", "Abstimmung – Frage", "Was ist am wichtigsten?", "Що найважливіше?", "outdated", 200),
    ]


def workbook_bytes(rows: list[list], *, info: list[list] | None = None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if info is not None:
        info_sheet = workbook.create_sheet("Info")
        for row in info:
            info_sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xliff12(units: str, *, target_language: str = "uk", doctype: str = "") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>{doctype}
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="dialogwerk" source-language="de" target-language="{target_language}" datatype="plaintext">
    <body>{units}</body>
  </file>
</xliff>""".encode()


def one_error(imported) -> str:
    assert len(imported.errors) == 1, imported.errors
    return imported.errors[0]


# --- round trips ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ar", "uk", "fa"])
def test_an_xlsx_comes_back_with_its_translations_newlines_and_language(language):
    units = units_for(language)
    imported = from_xlsx(to_xlsx(units, target_language=language, title="Flüchtlingsdialog Musterstadt"))
    assert imported.errors == []
    assert imported.language == language
    assert imported.units == [(unit.key, unit.target, row) for row, unit in enumerate(units, start=2) if unit.target]


@pytest.mark.parametrize("language", ["ar", "uk", "fa"])
def test_an_xliff_comes_back_with_its_translations_newlines_and_language(language):
    units = units_for(language)
    imported = from_xliff(to_xliff(units, target_language=language))
    assert imported.errors == []
    assert imported.language == language
    assert imported.units == [
        (unit.key, unit.target, number) for number, unit in enumerate(units, start=1) if unit.target
    ]


def test_an_empty_translation_is_left_out_of_the_import():
    units = [Unit("a:1", "", "Eins", "", "missing"), Unit("a:2", "", "Zwei", "Two", "checked")]
    assert from_xlsx(to_xlsx(units, target_language="en")).units == [("a:2", "Two", 3)]
    assert from_xliff(to_xliff(units, target_language="en")).units == [("a:2", "Two", 2)]


def test_surrounding_whitespace_is_stripped_and_inner_newlines_are_kept():
    rows = [["Key", "Translation (uk)"], ["a:1", "  \n Перший рядок\nДругий рядок \n "]]
    assert from_xlsx(workbook_bytes(rows)).units == [("a:1", "Перший рядок\nДругий рядок", 2)]
    unit = (
        '<trans-unit id="a:1"><source>x</source><target state="translated">\n   Перший\nДругий  </target></trans-unit>'
    )
    assert from_xliff(xliff12(unit)).units == [("a:1", "Перший\nДругий", 1)]


# Text a person could type: letters of any script, digits, punctuation, spaces and newlines; not the control
# characters XML cannot hold. Surrounding whitespace is dropped on import by design.
TEXT = st.text(st.characters(categories=["L", "M", "N", "P", "S", "Zs"], include_characters="\n"), max_size=300).map(
    str.strip
)


@given(source=TEXT, target=TEXT)
def test_any_text_survives_both_formats(source, target):
    with translation.override("en"):
        units = [Unit("text:1:body", "Text", source, target, "machine")]
        expected = [("text:1:body", target)] if target else []
        assert [(key, text) for key, text, _n in from_xlsx(to_xlsx(units, target_language="tr")).units] == expected
        assert [(key, text) for key, text, _n in from_xliff(to_xliff(units, target_language="tr")).units] == expected


def test_control_characters_pasted_from_word_do_not_break_either_file():
    units = [Unit("a:1", "Kon\x00text", "Zeile\x0bZeile\x07", "Рядок\x0bрядок\x1b", "machine")]
    assert from_xlsx(to_xlsx(units, target_language="uk")).units == [("a:1", "Рядок\nрядок", 2)]
    assert from_xliff(to_xliff(units, target_language="uk")).units == [("a:1", "Рядок\nрядок", 1)]


def test_the_export_refuses_what_only_a_bug_could_pass():
    with pytest.raises(ValueError):
        to_xlsx(units_for(), target_language="de")
    with pytest.raises(ValueError):
        to_xliff([Unit("a b", "", "x", "", "missing")], target_language="en")
    with pytest.raises(ValueError):
        to_xliff([Unit("a:1", "", "x", "", "done")], target_language="en")
    with pytest.raises(ValueError):
        to_xlsx([Unit("a:1", "", "x", "", "missing")] * 2, target_language="en")


# --- XLSX ----------------------------------------------------------------------------------------------


def test_the_xlsx_opens_with_openpyxl_and_names_the_language():
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx(units_for(), target_language="ar", title="Musterstadt")))
    sheet, info = workbook.worksheets
    assert [cell.value for cell in sheet[1]] == [
        "Key",
        "Context",
        "German original",
        "Translation (ar)",
        "Status",
        "Max. characters",
    ]
    assert ["Target language", "ar", "Arabic"] in [[cell.value for cell in row] for row in info.iter_rows()]
    assert ["Title", "Musterstadt"] in [[cell.value for cell in row[:2]] for row in info.iter_rows()]
    assert workbook.active.title == sheet.title


def test_the_xlsx_has_one_row_per_text_with_its_status_and_length():
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(units_for(), target_language="ar"))).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert rows[0] == [
        "theme:12:name",
        "Themenfeld „Bauen & Wohnen“ – Name",
        "Bauen & Wohnen\nin der Stadt",
        "السكن والبناء\nفي المدينة",
        "machine translation, please check",
        80,
    ]
    assert rows[1][3:] == [None, "missing", None]
    assert [row[4] for row in rows[2:]] == ["checked", "outdated: the German original has changed"]


def test_the_xlsx_freezes_the_header_wraps_text_and_greys_what_is_not_to_be_edited():
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(units_for(), target_language="uk"))).worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert sheet["C2"].alignment.wrap_text and sheet["D2"].alignment.wrap_text
    assert sheet["A2"].fill.fgColor.rgb.endswith("F2F2F2") and sheet["C2"].fill.fgColor.rgb.endswith("F2F2F2")
    assert sheet["D2"].fill.fill_type is None
    assert sheet.column_dimensions["C"].width >= 40 and sheet.column_dimensions["D"].width >= 40


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_arabic_and_farsi_translations_are_written_right_to_left_in_their_column_only(language):
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(units_for(language), target_language=language))).worksheets[0]
    assert [sheet.cell(row, 4).alignment.readingOrder for row in range(2, 6)] == [2, 2, 2, 2]
    assert sheet["C2"].alignment.readingOrder != 2 and sheet["D1"].alignment.readingOrder != 2
    assert not sheet.sheet_view.rightToLeft


def test_ukrainian_translations_are_written_left_to_right():
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(units_for("uk"), target_language="uk"))).worksheets[0]
    assert sheet["D2"].alignment.readingOrder != 2


def test_the_xlsx_warns_the_translator_about_a_translation_over_the_length_the_field_takes():
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(units_for(), target_language="ar"))).worksheets[0]
    limits = {str(validation.sqref): validation.formula1 for validation in sheet.data_validations.dataValidation}
    assert limits == {"D2": "80", "D5": "200"}
    units = [Unit(f"a:{n}", "", "x", "", "missing", 120 if n != 3 else None) for n in range(6)]
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(units, target_language="en"))).worksheets[0]
    assert [str(validation.sqref) for validation in sheet.data_validations.dataValidation] == ["D2:D4 D6:D7"]


def test_a_text_that_starts_with_an_equals_sign_stays_text_and_is_never_a_formula():
    units = [Unit("a:1", '=HYPERLINK("http://x")', "=SUMME(A1:A9)", "=1+1", "machine")]
    content = to_xlsx(units, target_language="en")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    assert [sheet[cell].data_type for cell in ("B2", "C2", "D2")] == ["s", "s", "s"]
    assert from_xlsx(content).units == [("a:1", "=1+1", 2)]


def test_a_file_exported_in_german_is_read_back_in_any_language():
    with translation.override("de"):
        content = to_xlsx(units_for("uk"), target_language="uk")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    assert [cell.value for cell in sheet[1]][:4] == [
        "Schlüssel",
        "Kontext",
        "Deutscher Originaltext",
        "Übersetzung (uk)",
    ]
    assert sheet["E2"].value == "maschinell übersetzt, bitte prüfen"
    imported = from_xlsx(content)
    assert imported.errors == [] and imported.language == "uk" and len(imported.units) == 3


def test_columns_may_be_moved_and_extra_columns_added():
    rows = [["Notes", "Übersetzung [ru-RU]", "Schlüssel"], ["ok", "Привет", "a:1"], ["", "Мир", "a:2"]]
    imported = from_xlsx(workbook_bytes(rows))
    assert imported.errors == [] and imported.language == "ru"
    assert imported.units == [("a:1", "Привет", 2), ("a:2", "Мир", 3)]


def test_the_language_is_taken_from_the_info_sheet_when_the_header_lost_it():
    imported = from_xlsx(workbook_bytes([["Key", "Translation"], ["a:1", "Merhaba"]], info=[["Zielsprache", "tr-TR"]]))
    assert imported.errors == [] and imported.language == "tr"


def test_numbers_and_empty_cells_are_read_as_text():
    rows = [
        ["Key", "Translation (en)"],
        ["a:1", 42],
        ["a:2", 3.0],
        ["a:3", 2.5],
        ["a:4", None],
        [None, None],
        ["a:5", True],
    ]
    assert from_xlsx(workbook_bytes(rows)).units == [
        ("a:1", "42", 2),
        ("a:2", "3", 3),
        ("a:3", "2.5", 4),
        ("a:5", "TRUE", 7),
    ]


def test_a_carriage_return_that_excel_wrote_as_an_escape_becomes_a_plain_newline():
    rows = [["Key", "Translation (en)"], ["a:1", "first_x000D_\nsecond"]]
    assert from_xlsx(workbook_bytes(rows)).units == [("a:1", "first\nsecond", 2)]


def test_a_note_row_without_a_key_or_translation_is_ignored():
    rows = [["Key", "Translation (en)", "Context"], ["", "", "Bitte bis Freitag"], ["a:1", "Hello", ""]]
    imported = from_xlsx(workbook_bytes(rows))
    assert imported.errors == [] and imported.units == [("a:1", "Hello", 3)]


# --- XLIFF ---------------------------------------------------------------------------------------------


def test_the_xliff_is_version_1_2_and_names_both_languages():
    root = parse(to_xliff(units_for(), target_language="ar"))
    assert root.get("version") == "1.2" and root.tag == "{urn:oasis:names:tc:xliff:document:1.2}xliff"
    file = root.find(ns("file"))
    assert (file.get("source-language"), file.get("target-language")) == ("de", "ar")


def test_each_xliff_unit_has_its_key_as_id_the_original_the_translation_and_the_label_as_a_note():
    root = parse(to_xliff(units_for(), target_language="ar", title="Musterstadt"))
    unit = root.find(f".//{ns('trans-unit')}")
    assert unit.get("id") == "theme:12:name"
    assert unit.find(ns("source")).text == "Bauen & Wohnen\nin der Stadt"
    assert unit.find(ns("target")).text == "السكن والبناء\nفي المدينة"
    assert unit.find(ns("note")).text == "Themenfeld „Bauen & Wohnen“ – Name"
    assert (unit.get("maxwidth"), unit.get("size-unit")) == ("80", "char")
    assert root.find(f".//{ns('header')}/{ns('note')}").text == "Musterstadt"


def test_a_unit_without_a_known_length_has_no_maxwidth():
    units = parse(to_xliff(units_for(), target_language="ar")).findall(f".//{ns('trans-unit')}")
    assert units[1].get("maxwidth") is None and units[1].get("size-unit") is None


@pytest.mark.parametrize(
    "state, xliff_state, approved",
    [
        ("missing", "new", None),
        ("machine", "needs-review-translation", None),
        ("checked", "final", "yes"),
        ("outdated", "needs-review-translation", None),
    ],
)
def test_each_state_becomes_its_xliff_state(state, xliff_state, approved):
    root = parse(
        to_xliff([Unit("a:1", "", "Hallo", "" if state == "missing" else "Hello", state)], target_language="en")
    )
    unit = root.find(f".//{ns('trans-unit')}")
    assert unit.find(ns("target")).get("state") == xliff_state
    assert unit.get("approved") == approved


def test_a_machine_translation_is_marked_as_one_and_an_outdated_one_says_why():
    units = parse(to_xliff(units_for(), target_language="ar")).findall(f".//{ns('trans-unit')}")
    assert units[0].find(ns("target")).get("state-qualifier") == "mt-suggestion"
    assert "The German original has changed" in " ".join(note.text for note in units[3].findall(ns("note")))


CAT_TOOL_FILE = """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" version="1.2">
  <file original="dialogwerk" source-language="de-DE" target-language="uk-UA" datatype="plaintext" tool-id="cat">
    <header><tool tool-id="cat" tool-name="SomeCAT" tool-version="17.2"/></header>
    <body>
      <group id="themes" resname="Themen">
        <trans-unit id="theme:12:name" maxwidth="80" size-unit="char" approved="yes" xml:space="preserve">
          <source>Bauen &amp; <g id="1">Wohnen</g></source>
          <target state="translated" state-qualifier="exact-match">Будівництво і <g id="1">житло</g><x id="2"/></target>
          <alt-trans match-quality="100%"><target xml:lang="uk-UA">Старий переклад</target></alt-trans>
          <note from="developer">Themenfeld – Name</note>
        </trans-unit>
      </group>
      <trans-unit id="step:3:instructions">
        <source>Erst <bpt id="1">&lt;b&gt;</bpt>Karten<ept id="1">&lt;/b&gt;</ept> schreiben.
Dann vorlesen.</source>
        <target state="signed-off"><mrk mtype="seg" mid="1">Спочатку <bpt id="1">&lt;b&gt;</bpt>картки<ept id="1">&lt;/b&gt;</ept> пишемо.</mrk>
<mrk mtype="seg" mid="2">Потім <ph id="2">{name}</ph>читаємо.</mrk></target>
      </trans-unit>
      <trans-unit id="vote:7:question"><source>Was ist am wichtigsten?</source><target state="new"/></trans-unit>
      <trans-unit id="vote:8:question"><source>Warum?</source></trans-unit>
    </body>
  </file>
</xliff>""".encode()


def test_a_file_as_a_cat_tool_returns_it_is_read_as_plain_text():
    imported = from_xliff(CAT_TOOL_FILE)
    assert imported.errors == []
    assert imported.language == "uk"
    assert imported.units == [
        ("theme:12:name", "Будівництво і житло", 1),
        ("step:3:instructions", "Спочатку картки пишемо.\nПотім читаємо.", 2),
    ]


def test_an_xliff_1_1_file_with_its_document_type_is_read_without_fetching_it():
    content = CAT_TOOL_FILE.replace(
        b'<?xml version="1.0" encoding="utf-8"?>',
        b'<?xml version="1.0" encoding="utf-8"?>\n'
        b'<!DOCTYPE xliff PUBLIC "-//XLIFF//DTD XLIFF//EN" "http://127.0.0.1:9/xliff.dtd">',
    )
    content = content.replace(b"document:1.2", b"document:1.1").replace(b'version="1.2"', b'version="1.1"')
    imported = from_xliff(content)
    assert imported.errors == [] and len(imported.units) == 2


XLIFF_2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="fa-IR">
  <file id="f1">
    <unit id="theme:12:name">
      <notes><note category="developer">Themenfeld – Name</note></notes>
      <segment state="translated"><source>Bauen &amp; <pc id="1">Wohnen</pc></source><target>ساخت و <pc id="1">مسکن</pc></target></segment>
    </unit>
    <unit id="step:3:instructions">
      <segment state="final"><source>Erst schreiben.</source><target>اول بنویسید.</target></segment>
      <ignorable><source> </source></ignorable>
      <segment state="final"><source>Dann <ph id="1"/>lesen.</source><target>بعد <ph id="1"/>بخوانید.</target></segment>
    </unit>
    <unit id="vote:7:question"><segment><source>Warum?</source></segment></unit>
  </file>
</xliff>"""


def test_an_xliff_2_0_file_is_read_too_with_its_segments_joined():
    imported = from_xliff(XLIFF_2.encode())
    assert imported.errors == []
    assert imported.language == "fa"
    assert imported.units == [
        ("theme:12:name", "ساخت و مسکن", 1),
        ("step:3:instructions", "اول بنویسید. بعد بخوانید.", 2),
    ]


def test_an_xliff_2_0_unit_translated_only_in_part_is_an_error():
    content = XLIFF_2.replace('<target>بعد <ph id="1"/>بخوانید.</target>', "").encode()
    assert "Unit 2 (“step:3:instructions”) is only partly translated." in from_xliff(content).errors


# --- files the import refuses --------------------------------------------------------------------------


@pytest.mark.parametrize("read", [from_xlsx, from_xliff])
def test_an_empty_file_is_refused(read):
    assert one_error(read(b"")) == "The file is empty."


@pytest.mark.parametrize(
    "read, message",
    [
        (from_xlsx, "The file could not be read as an XLSX file."),
        (from_xliff, "The file could not be read as an XLIFF file."),
    ],
)
@pytest.mark.parametrize(
    "content",
    [
        bytes(range(256)) * 40,
        b"PK\x03\x04" + b"\x00" * 200,  # the start of a zip, then nothing
        b"<html><body>not a translation</body></html>",
        "<?xml version='1.0'?><xliff version='1.2'><file><body><trans-unit id='a:1'><source>".encode(),
        "Schlüssel;Übersetzung\na:1;Hallo\n".encode("cp1252"),
    ],
)
def test_a_file_that_is_not_of_the_format_is_refused(read, message, content):
    imported = read(content)
    assert one_error(imported) == message and imported.units == []


def test_an_xliff_given_as_xlsx_and_an_xlsx_given_as_xliff_are_refused():
    assert (
        one_error(from_xlsx(to_xliff(units_for(), target_language="ar")))
        == "The file could not be read as an XLSX file."
    )
    assert (
        one_error(from_xliff(to_xlsx(units_for(), target_language="ar")))
        == "The file could not be read as an XLIFF file."
    )


def test_a_zip_that_is_no_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert one_error(from_xlsx(out.getvalue())) == "The file could not be read as an XLSX file."


@pytest.mark.parametrize("read", [from_xlsx, from_xliff])
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(read):
    assert one_error(read(b"x" * (exchange.MAX_BYTES + 1))) == "The file is too large (at most 5 MB)."


def test_an_xlsx_that_would_unpack_to_far_more_than_it_weighs_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        with zipfile.ZipFile(io.BytesIO(to_xlsx(units_for(), target_language="ar"))) as original:
            for member in original.infolist():
                archive.writestr(member, original.read(member))
        archive.writestr("xl/media/bomb.bin", b"\x00" * (exchange.MAX_UNPACKED_BYTES + 1))
    assert len(out.getvalue()) < exchange.MAX_BYTES
    assert one_error(from_xlsx(out.getvalue())) == "The file could not be read as an XLSX file."


def test_an_xlsx_without_the_key_column_is_refused():
    imported = from_xlsx(workbook_bytes([["Context", "Translation (en)"], ["Name", "Hello"]]))
    assert one_error(imported) == "The column “Key” is missing in the first row."


def test_an_xlsx_without_the_translation_column_is_refused():
    imported = from_xlsx(workbook_bytes([["Key", "German original"], ["a:1", "Hallo"]]))
    assert one_error(imported) == "The column “Translation” is missing in the first row."


def test_an_xlsx_that_does_not_name_the_language_is_refused():
    imported = from_xlsx(workbook_bytes([["Key", "Translation"], ["a:1", "Hello"]]))
    assert one_error(imported) == "The file does not name the target language." and imported.language == ""


def test_an_xliff_that_does_not_name_the_language_is_refused():
    content = xliff12('<trans-unit id="a:1"><source>Hallo</source><target>Hi</target></trans-unit>').replace(
        b' target-language="uk"', b""
    )
    assert one_error(from_xliff(content)) == "The file does not name the target language."


@pytest.mark.parametrize("language", ["de", "fr", "de-DE"])
def test_a_language_the_texts_are_not_translated_into_is_refused(language):
    expected = f"“{language[:2]}” is not a language the texts are translated into (possible: en, ar, fa, uk, tr, ru)."
    assert one_error(from_xlsx(workbook_bytes([["Key", f"Translation ({language})"], ["a:1", "Salut"]]))) == expected
    content = xliff12(
        '<trans-unit id="a:1"><source>Hallo</source><target>Salut</target></trans-unit>', target_language=language
    )
    assert one_error(from_xliff(content)) == expected


def test_a_file_naming_two_languages_is_refused():
    xlsx = workbook_bytes([["Key", "Translation (ar)"], ["a:1", "x"]], info=[["Target language", "fa"]])
    assert one_error(from_xlsx(xlsx)) == "The file names more than one target language: ar, fa."
    second_file = (
        b'</file><file original="b" source-language="de" target-language="ru" datatype="plaintext"><body/></file>'
    )
    content = xliff12('<trans-unit id="a:1"><source>Hallo</source><target>x</target></trans-unit>').replace(
        b"</file>", second_file
    )
    assert one_error(from_xliff(content)) == "The file names more than one target language: ru, uk."


def test_a_key_that_appears_twice_is_refused_naming_both_places():
    xlsx = workbook_bytes([["Key", "Translation (en)"], ["a:1", "One"], ["a:2", "Two"], ["a:1", "Uno"]])
    assert one_error(from_xlsx(xlsx)) == "Row 4: the key “a:1” is already in row 2."
    units = "".join(
        f'<trans-unit id="{key}"><source>x</source><target>y</target></trans-unit>' for key in ("a:1", "a:1")
    )
    assert one_error(from_xliff(xliff12(units))) == "Unit 2: the id “a:1” is already used by unit 1."


def test_a_translation_without_a_key_is_refused():
    assert (
        one_error(from_xlsx(workbook_bytes([["Key", "Translation (en)"], ["", "Lost"]])))
        == "Row 2: the key is missing."
    )
    content = xliff12("<trans-unit><source>x</source><target>Lost</target></trans-unit>")
    assert one_error(from_xliff(content)) == "Unit 1: the id is missing."


def test_a_key_of_characters_no_key_has_is_refused():
    xlsx = workbook_bytes([["Key", "Translation (en)"], ["theme 12 name", "x"]])
    assert one_error(from_xlsx(xlsx)) == "Row 2: “theme 12 name” is not a valid key."
    content = xliff12('<trans-unit id="a/1"><source>x</source><target>y</target></trans-unit>')
    assert one_error(from_xliff(content)) == "Unit 1: “a/1” is not a valid id."


def test_a_file_without_texts_is_refused():
    assert one_error(from_xlsx(workbook_bytes([["Key", "Translation (en)"]]))) == "The file contains no texts."
    assert one_error(from_xliff(xliff12(""))) == "The file contains no texts."


def test_a_file_with_more_texts_than_a_dialogue_has_is_refused(monkeypatch):
    monkeypatch.setattr(exchange, "MAX_UNITS", 3)
    units = [Unit(f"a:{n}", "", "x", "y", "machine") for n in range(5)]
    assert one_error(from_xlsx(to_xlsx(units, target_language="en"))) == "The file contains more than 3 texts."
    assert one_error(from_xliff(to_xliff(units, target_language="en"))) == "The file contains more than 3 texts."


def test_a_long_list_of_problems_is_cut_short():
    rows = [["Key", "Translation (en)"]] + [["a:1", "x"]] * 80
    errors = from_xlsx(workbook_bytes(rows)).errors
    assert len(errors) == exchange.MAX_ERRORS + 1
    assert errors[-1] == "… and 29 more problems."


def test_the_errors_speak_german_to_a_german_user():
    with translation.override("de"):
        assert from_xlsx(workbook_bytes([["Key", "Translation (en)"], ["a:1", "x"], ["a:1", "y"]])).errors == [
            "Zeile 3: Der Schlüssel „a:1“ steht schon in Zeile 2."
        ]
        assert from_xliff(b"").errors == ["Die Datei ist leer."]


# --- XML attacks ---------------------------------------------------------------------------------------

XXE = '<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
XXE_PARAMETER = '<!DOCTYPE xliff [<!ENTITY % remote SYSTEM "file:///etc/passwd"> %remote;]>'
XXE_NETWORK = '<!DOCTYPE xliff SYSTEM "http://127.0.0.1:9/evil.dtd">'
LAUGHS = (
    '<!DOCTYPE xliff [<!ENTITY a "hahahahahahahaha">'
    + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(9))
    + "]>"
)


@pytest.mark.parametrize("doctype", [XXE, XXE_PARAMETER, XXE_NETWORK, LAUGHS])
def test_an_xliff_with_entities_never_reveals_a_file_nor_expands_them(doctype):
    reference = "&xxe;" if doctype == XXE else "&j;" if doctype == LAUGHS else ""
    content = xliff12(
        f'<trans-unit id="a:1"><source>x</source><target>Привіт {reference}!</target></trans-unit>', doctype=doctype
    )
    imported = from_xliff(content)
    shown = repr(imported)
    assert PASSWD not in shown and "hahaha" not in shown
    if reference:  # a text that needs an entity is refused rather than read with a piece missing
        assert one_error(imported) == "The file could not be read as an XLIFF file."
    else:
        assert imported.errors == [] and imported.units == [("a:1", "Привіт !", 1)]


def test_an_xlsx_with_an_entity_declaration_is_refused_and_reveals_nothing():
    source = io.BytesIO(workbook_bytes([["Key", "Translation (en)"], ["a:1", "marker"]]))
    out = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w") as archive:
        for member in original.infolist():
            data = original.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<worksheet", XXE.replace("xliff", "worksheet").encode() + b"<worksheet", 1)
                data = data.replace(b"marker", b"&xxe;")
            archive.writestr(member, data)
    imported = from_xlsx(out.getvalue())
    assert PASSWD not in repr(imported)
    assert one_error(imported) == "The file could not be read as an XLSX file."


# --- helpers -------------------------------------------------------------------------------------------


def parse(content: bytes):
    from lxml import etree

    return etree.fromstring(content, parser=etree.XMLParser(resolve_entities=False, no_network=True))


def ns(name: str) -> str:
    return "{urn:oasis:names:tc:xliff:document:1.2}" + name
