"""The printed route cards and table lists keep their text readable (issue 20, item 3): with a long event title,
theme names of 80 characters, long names, five rounds, hosts, Arabic and Farsi cards, no word runs under a QR
code, over another word, or out of its card or page. Read from the PDF as printed: the words' boxes from
pdftotext (as tests/reports/readback.py does), the QR codes and the cards' dashed borders from the page's
drawing operations (pypdf)."""

import io
import re
import subprocess
import tempfile
from dataclasses import dataclass

import pytest
from django.urls import reverse
from pypdf import PdfReader
from pypdf.generic import ContentStream

from dialogwerk.dialogues.services import dialogue_set_languages
from dialogwerk.live import services as live_services
from dialogwerk.live.models import Method
from dialogwerk.seating import services
from dialogwerk.translations.services import translations_save
from tests.reports.readback import pdf_text

pytestmark = pytest.mark.django_db

TITLE = "Welt-Café zum Zusammenleben in der Gemeinde: Wohnen, Schule, Arbeit und Nachbarschaft im Gespräch mit allen Generationen"
THEMES = [
    "Bezahlbarer Wohnraum für Familien, Alleinerziehende und Neuankommende in allen Ortsteilen",
    "Kindergarten, Grundschule und Ganztagsbetreuung: genug Plätze und gemeinsames Lernen",
    "Ausbildung, Anerkennung ausländischer Abschlüsse und der Weg in sozialversicherte Arbeit",
    "Begegnung zwischen alten und neuen Nachbarinnen und Nachbarn in Vereinen und Festen",
    "Busverbindungen, Radwege, Beleuchtung und das Gefühl von Sicherheit am Abend",
]
ARABIC_TITLE = "المقهى العالمي للعيش المشترك في البلدية: السكن والمدرسة والعمل والجوار في حوار مع جميع الأجيال"
ARABIC_THEMES = [
    "سكن بأسعار معقولة للعائلات والوالدين الوحيدين والقادمين الجدد في جميع أحياء البلدة",
    "رياض الأطفال والمدرسة الابتدائية والرعاية طوال اليوم: أماكن كافية وتعلم مشترك",
    "التدريب المهني والاعتراف بالشهادات الأجنبية والطريق إلى العمل المؤمن اجتماعيا",
    "اللقاء بين الجيران القدامى والجدد في الجمعيات والاحتفالات",
    "خطوط الحافلات وممرات الدراجات والإنارة والشعور بالأمان في المساء",
]
GERMAN_HOST = "Maximiliane Friederike von Hohenzollern-Sigmaringen-Oberndorf"
ARABIC_HOST = "سامي الحداد"
PEOPLE = "\n".join(
    [
        f"{GERMAN_HOST}; Verwaltung; Tisch 4",
        f"{ARABIC_HOST}; Nachbarschaft; Tisch 2",  # the same name as the participant below: their card is Arabic
        "Samira Abdelrahman Al-Haddad",
        "Hubertus Wolfeschlegelsteinhausenbergerdorffwelchevoralternwaren",
        "Anna Weber",
        "Jürgen Öztürk",
        "Petra Schäfer",
        "Tobias Kern",
        "Ute Brandt",
    ]
)
CARDS = 10  # the typed lines and Reza, who joined in Farsi


@pytest.fixture
def long_evening(consultant, dialogue):
    """Ten people at five tables over five rounds; every text as long as people type them."""
    dialogue_set_languages(actor=consultant, dialogue=dialogue, languages=["de", "ar", "fa"])
    themes = list(dialogue.themes.order_by("position", "id"))
    for theme, name in zip(themes, THEMES):
        theme.name = name
        theme.save(update_fields=["name"])
    cafe = live_services.session_create(
        actor=consultant, dialogue=dialogue, title=TITLE, method=Method.WORLD_CAFE, rounds=5
    )
    translations_save(
        actor=consultant,
        dialogue=dialogue,
        language="ar",
        items=[(f"theme:{theme.pk}:name", text) for theme, text in zip(themes, ARABIC_THEMES)]
        + [(f"session:{cafe.pk}:title", ARABIC_TITLE)],
    )
    for name, language in [
        (ARABIC_HOST, "ar"),
        ("Samira Abdelrahman Al-Haddad", "ar"),
        ("Reza Mohammadi-Farahani", "fa"),
    ]:
        live_services.participant_join(session=cafe, display_name=name, language=language, consent=True)
    return services.plan_create(
        actor=consultant, session=cafe, rounds=5, table_size=2, people_text=PEOPLE, seed=1, max_iterations=200
    )


def pdf(client, name, plan) -> bytes:
    response = client.get(reverse(name, kwargs={"dialogue_id": plan.session.dialogue_id, "plan_id": plan.pk}))
    assert response.status_code == 200
    return response.content


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: "Box") -> bool:
        return (
            self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom
        )

    def inside(self, other: "Box", slack: float = 0.5) -> bool:
        return (
            self.left >= other.left - slack
            and self.right <= other.right + slack
            and self.top >= other.top - slack
            and self.bottom <= other.bottom + slack
        )

    def band(self) -> "Box":
        """The middle of a word's line box: a font's box reaches above and below its letters, and Arabic lines
        are set closer than their boxes are high, so full boxes of neighbouring lines touch without any ink
        meeting."""
        fifth = (self.bottom - self.top) / 5
        return Box(self.left, self.top + fifth, self.right, self.bottom - fifth)


def bounding(points) -> Box:
    xs, ys = [x for x, _y in points], [y for _x, y in points]
    return Box(min(xs), min(ys), max(xs), max(ys))


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def words(content: bytes) -> list[list[tuple[str, Box]]]:
    """Each page's words with their boxes, in points from the top left (pdftotext's bounding boxes)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        xhtml = subprocess.run(
            ["pdftotext", "-bbox-layout", handle.name, "-"], capture_output=True, check=True
        ).stdout.decode()
    return [[(text, Box(*map(float, box))) for *box, text in WORD.findall(page)] for page in xhtml.split("<page ")[1:]]


@dataclass
class Drawing:
    cards: list[Box]  # the dashed cutting lines around each card
    pictures: list[Box]  # the QR codes
    page: Box


def _multiply(a: list[float], b: list[float]) -> list[float]:
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def drawings(content: bytes) -> list[Drawing]:
    """Per page: the boxes of the dashed borders (one marked-content artifact per card) and of the images, from
    the page's operators, in points from the top left like pdftotext's."""
    reader = PdfReader(io.BytesIO(content))
    result = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        xobjects = page["/Resources"].get("/XObject", {})
        matrix, saved, dashed, path, border, drawing = (
            [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
            [],
            False,
            [],
            [],
            Drawing([], [], Box(0, 0, float(page.mediabox.width), height)),
        )

        def point(x, y):
            return matrix[0] * x + matrix[2] * y + matrix[4], height - (matrix[1] * x + matrix[3] * y + matrix[5])

        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"q":
                saved.append((matrix, dashed))
            elif operator == b"Q":
                matrix, dashed = saved.pop()
            elif operator == b"cm":
                matrix = _multiply([float(o) for o in operands], matrix)
            elif operator == b"d":
                dashed = len(operands[0]) > 0
            elif operator in (b"m", b"l"):
                path.append(point(float(operands[0]), float(operands[1])))
            elif operator in (b"S", b"n", b"f", b"B"):
                if dashed and operator == b"S":
                    border += path
                path = []
            elif operator == b"EMC" and border:
                drawing.cards.append(bounding(border))
                border = []
            elif operator == b"Do" and xobjects[operands[0]].get_object()["/Subtype"] == "/Image":
                drawing.pictures.append(bounding([point(0, 0), point(1, 1)]))
        result.append(drawing)
    return result


def cards_and_words(content: bytes, people: int):
    pages = list(zip(drawings(content), words(content)))
    assert sum(len(drawing.cards) for drawing, _words in pages) == people  # one card each, read from the drawing
    assert all(len(drawing.pictures) == len(drawing.cards) for drawing, _words in pages)  # one QR code on each
    return pages


def overlapping_words(page_words: list[tuple[str, Box]]) -> list[tuple[str, str]]:
    bands = sorted(((box.band(), text) for text, box in page_words), key=lambda item: item[0].top)
    found = []
    for i, (box, text) in enumerate(bands):
        for other, other_text in bands[i + 1 :]:
            if other.top >= box.bottom:
                break
            if box.overlaps(other):
                found.append((text, other_text))
    return found


def test_no_word_runs_under_the_qr_code_of_any_card(client_for, consultant, long_evening):
    for drawing, page_words in cards_and_words(
        pdf(client_for(consultant), "seating:route_cards_pdf", long_evening), CARDS
    ):
        hidden = [text for text, box in page_words for picture in drawing.pictures if box.band().overlaps(picture)]
        assert not hidden, hidden


def test_every_word_stays_inside_its_card_and_over_no_other_word(client_for, consultant, long_evening):
    for drawing, page_words in cards_and_words(
        pdf(client_for(consultant), "seating:route_cards_pdf", long_evening), CARDS
    ):
        outside = [text for text, box in page_words if not any(box.inside(card) for card in drawing.cards)]
        assert not outside, outside
        assert all(card.inside(drawing.page) for card in drawing.cards)
        assert not overlapping_words(page_words)


def squeezed(text: str) -> str:
    """Without spaces and hyphens: pdftotext joins a word wrapped at its hyphen ("Al-" / "Haddad" → "AlHaddad")."""
    return re.sub(r"[\s-]", "", text)


def test_the_host_note_is_printed_whole_in_german_and_in_arabic(client_for, consultant, long_evening):
    text = pdf_text(pdf(client_for(consultant), "seating:route_cards_pdf", long_evening))
    assert "Sie betreuen Tisch 4 als Gastgeber/in." in text
    assert re.search(
        r"أنت مضيف الطاولة \.?2|\.?2 أنت مضيف الطاولة", text
    )  # the number and full stop of a right-to-left line come out on either side
    assert squeezed(GERMAN_HOST) in squeezed(text) and squeezed(TITLE) in squeezed(text)


def test_an_arabic_card_has_its_qr_code_on_the_left_and_a_german_card_on_the_right(
    client_for, consultant, long_evening
):
    pages = cards_and_words(pdf(client_for(consultant), "seating:route_cards_pdf", long_evening), CARDS)
    sides = {}
    for drawing, page_words in pages:
        for card in drawing.cards:
            names = {text for text, box in page_words if box.inside(card)}
            (picture,) = [picture for picture in drawing.pictures if picture.inside(card)]
            middle = (card.left + card.right) / 2
            side = "left" if picture.right < middle else "right" if picture.left > middle else "middle"
            for name in ("Weber", "Öztürk", "Reza", "Samira"):
                if name in names:
                    sides[name] = side
    assert sides == {"Weber": "right", "Öztürk": "right", "Reza": "left", "Samira": "left"}


def test_the_table_lists_keep_long_theme_names_and_names_on_the_page(client_for, steering_member, long_evening):
    content = pdf(client_for(steering_member), "seating:table_lists_pdf", long_evening)
    margin = 14 * 72 / 25.4 - 0.5  # pdf.css: @page margin 14 mm
    for drawing, page_words in zip(drawings(content), words(content)):
        page = drawing.page
        printable = Box(page.left + margin, page.top + margin, page.right - margin, page.bottom - margin)
        outside = [text for text, box in page_words if not box.inside(printable)]
        assert not outside, outside
        assert not overlapping_words(page_words)
    text = squeezed(pdf_text(content))
    assert all(squeezed(theme) in text for theme in THEMES)
    assert squeezed(GERMAN_HOST) in text and "Wolfeschlegelsteinhausenbergerdorffwelchevoralternwaren" in text
