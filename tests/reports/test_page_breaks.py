"""Headings and the sentences that lead into a table, chart or list stay on the page of what they introduce:
read page by page, as a mayor turning the printed documentation would."""

import subprocess
import tempfile

import pytest
from django.core.management import call_command

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.funding import documents as funding_documents
from dialogwerk.reports import blocks, documentation, render_pdf

from .readback import normal


def pages_of(content: bytes) -> list[str]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", handle.name, "-"], capture_output=True, check=True).stdout
    return [normal(page) for page in text.decode().split("\f")]


def first_text(block) -> str:
    """What a reader sees first of a block: a table's first row (its header repeats on every page)."""
    if isinstance(block, blocks.Para):
        return block.text
    if isinstance(block, blocks.Table):
        return (block.rows[0][0] if block.rows else block.headers[0]) or ""
    if isinstance(block, blocks.Bullets):
        return block.items[0] if block.items else ""
    if isinstance(block, blocks.KeyValues):
        return block.rows[0][0] if block.rows else ""
    if isinstance(block, blocks.Figure):
        return block.caption
    return ""


def introductions(document: blocks.Document):
    """(the heading or introducing sentence, the first words of the block it leads to) for every section."""
    for section in document.sections:
        chain = [section.title]
        for block in section.blocks:
            if isinstance(block, blocks.Para) and len(chain) < 4:
                chain.append(block.text)
                continue
            yield chain, first_text(block)
            break


def prefix(text: str) -> str:
    return normal(text)[:18]


def pages_with(pages: list[str], text: str) -> set[int]:
    return {number for number, page in enumerate(pages) if prefix(text) in page}


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    return Dialogue.objects.filter(municipality__name="Musterstadt").order_by("pk").first()


def test_no_page_ends_with_a_heading_or_a_sentence_whose_table_or_chart_is_on_the_next(demo):
    documents = {
        "documentation": documentation.build(demo),
        "report": funding_documents.build("report", demo),
        "steckbrief": funding_documents.build("steckbrief", demo),
    }
    checked = 0
    for name, document in documents.items():
        pages = pages_of(render_pdf.render(document))
        for chain, target in introductions(document):
            if len(normal(target)) < 8 or any(len(normal(text)) < 8 for text in chain):
                continue  # too short to find on one page only
            target_pages = pages_with(pages, target)
            assert target_pages, (name, target)
            for text in chain:
                assert pages_with(pages, text) & target_pages, f"{name}: “{text}” is not on the page of “{target}”"
            checked += 1
    assert checked >= 10  # the demo's documents have many sections that lead into a table or chart
