"""Benchmark: how long a worker is busy before it refuses a workbook that is small to upload but long inside.

An outside probe uploaded a ~100 KB XLSX that unpacked to ~95 MB: openpyxl read it to the end (93 s)
before the row limit refused it. Now uploads.spreadsheet refuses what unpacks to more than 25 MB from the
ZIP's directory, and core/xlsx.py stops reading after the rows an import takes. Prints JSON with, for
sheets of several lengths: the compressed size, the unpacked size, and the seconds until the refusal —
by the upload check, by the streaming reader, and (for comparison) by reading every row as before.

Standalone: `.venv/bin/python bench/bench_xlsx_refusal.py [--quick]` (no database needed).
"""

import io
import json
import os
import pathlib
import sys
import time
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogwerk.settings")

import django  # noqa: E402

django.setup()

import openpyxl  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402

from dialogwerk.core import uploads, xlsx  # noqa: E402

ROWS = [int(n) for n in os.environ.get("BENCH_XLSX_ROWS", "10000,100000,300000,1300000").split(",")]
if "--quick" in sys.argv:
    ROWS = [10000, 300000]


def long_workbook(rows: int) -> bytes:
    template = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active.append(["Titel"])
    workbook.save(template)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(template.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info, source.read(info))
        cells = "".join(
            f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>Maßnahme {n}</t></is></c></row>' for n in range(2, rows + 2)
        )
        target.writestr(
            "xl/worksheets/sheet1.xml",
            '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{cells}</sheetData></worksheet>",
        )
    return out.getvalue()


def seconds(action) -> tuple[float, str]:
    started = time.perf_counter()
    try:
        action()
        outcome = "accepted"
    except (ValidationError, xlsx.TooManyRows) as error:
        outcome = type(error).__name__
    return round(time.perf_counter() - started, 3), outcome


def read_everything(content: bytes) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    rows = sum(1 for _row in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    if rows > 2001:
        raise xlsx.TooManyRows(rows)


def main() -> None:
    results = []
    for rows in ROWS:
        content = long_workbook(rows)
        upload_seconds, upload_outcome = seconds(lambda: uploads.spreadsheet(SimpleUploadedFile("k.xlsx", content)))
        stream_seconds, stream_outcome = seconds(lambda: xlsx.first_sheet_rows(content, max_rows=2001))
        results.append(
            {
                "rows": rows,
                "compressed_kb": round(len(content) / 1024),
                "unpacked_mb": round(uploads.unzipped_size(content) / 1_048_576, 1),
                "upload_check_s": upload_seconds,
                "upload_check": upload_outcome,
                "streaming_reader_s": stream_seconds,
                "streaming_reader": stream_outcome,
                "reading_every_row_s": seconds(lambda: read_everything(content))[0],
            }
        )
    print(json.dumps({"benchmark": "xlsx_refusal", "results": results}, indent=2))


if __name__ == "__main__":
    main()
