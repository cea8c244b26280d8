"""The documentation built from a dialogue's data: every section, numbers that match, charts as images,
and plain words where a source is still empty."""

from dialogwerk.reports import render_docx, render_pdf
from dialogwerk.reports.documentation import build

from .conftest import SUFFIX_AR
from .readback import docx_headings, docx_text, pdf_images, pdf_text

SECTIONS = [
    "Zusammenfassung",
    "Die Bedarfsanalyse in Kürze",
    "Wer teilgenommen hat",
    "Ablauf und Methode",
    "Ergebnisse nach Themenfeldern",
    "Ergebnisse der Punktabfrage",
    "Entscheidungen und Delegationen",
    "Maßnahmenkatalog",
    "Nächste Schritte und Begleitkreis",
    "Anhang: alle Karten",
]


def german(dialogue, **kwargs):
    from django.utils import translation

    with translation.override("de"):
        return build(dialogue, **kwargs)


def test_an_empty_dialogue_still_gives_every_section_in_plain_words(dialogue):
    document = german(dialogue)
    titles = [s.title for s in document.sections]
    for title in SECTIONS:
        assert title in titles
    text = pdf_text(render_pdf.render(document))
    assert "Noch keine Karten erfasst." in text
    assert "Noch keine Punktabfrage durchgeführt." in text
    assert "Noch keine Teilnehmenden erfasst." in text


def test_the_pdf_counts_participants_cards_and_dots(dialogue, cards, voting):
    content = render_pdf.render(german(dialogue))
    text = pdf_text(content)
    assert "7 Personen haben teilgenommen" in text
    assert "Sie schrieben 9 Karten zu 2 Themenfeldern" in text
    assert "Geflüchtete 3" in text and "Verwaltung 2" in text  # counts by perspective, no names
    assert "Person 1" not in text
    assert "Was ist am wichtigsten?" in text and "5 Personen haben abgestimmt, je 3 Punkte." in text
    assert "1 Sprachförderung an der Grundschule ausbauen. 3" in text  # first place with three dots
    assert SUFFIX_AR in text  # Arabic card in the annex
    assert "Überfüllte Klassen an der Realschule." in text
    assert pdf_images(content) >= 3  # perspectives, cards per theme, votes
    assert "Inhalt" in text and "Seite 3 von" in text


def test_the_docx_has_the_same_sections_and_numbers(dialogue, cards, voting):
    content = render_docx.render(german(dialogue))
    headings = docx_headings(content)
    for title in SECTIONS:
        assert title in headings
    assert "Bauen & Wohnen" in headings  # one sub-section per theme
    text = docx_text(content)
    assert "Sie schrieben 9 Karten" in text and SUFFIX_AR in text and "Größere Wohnungen für Familien schaffen." in text


def test_without_bundles_the_cards_are_counted_per_kind(dialogue, cards):
    text = pdf_text(render_pdf.render(german(dialogue)))
    assert "Noch keine Bündel gebildet" in text


def test_bundles_show_how_many_cards_stand_behind_them(dialogue, cards):
    from django.apps import apps

    if not apps.is_installed("dialogwerk.synthesis"):
        return
    try:
        Cluster = apps.get_model("synthesis", "Cluster")
    except LookupError:
        return
    housing = dialogue.themes.order_by("position").first()
    Cluster.objects.create(dialogue=dialogue, theme=housing, kind="idea", title="Nachbarschaft stärken")
    text = pdf_text(render_pdf.render(german(dialogue)))
    assert "Nachbarschaft stärken" in text


def test_the_annex_is_optional(dialogue, cards):
    titles = [s.title for s in german(dialogue, include_annex=False).sections]
    assert "Anhang: alle Karten" not in titles


def test_the_edited_summary_replaces_the_written_one(dialogue, consultant, cards):
    from dialogwerk.reports.services import documentation_texts_save

    documentation_texts_save(
        actor=consultant, dialogue=dialogue, summary="Ein guter Tag für Musterstadt – شكرا", next_steps="Treffen im Mai"
    )
    text = pdf_text(render_pdf.render(german(dialogue)))
    assert "Ein guter Tag für Musterstadt" in text and "Treffen im Mai" in text
    assert "Sie schrieben 9 Karten" not in text
