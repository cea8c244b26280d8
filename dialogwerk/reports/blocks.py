"""A document as plain blocks (no Django), rendered once to PDF and once to DOCX.

Every document (documentation, catalogue, application, report, Steckbrief) is built as a `Document`, so
both formats show the same sections in the same order and tests read the same content back from both.
"""

import re
import unicodedata
from dataclasses import dataclass, field

_RTL_SCRIPT = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")


def is_rtl(text: str) -> bool:
    """True when most letters are Hebrew/Arabic-script (Arabic, Farsi, Urdu): the block runs right to left."""
    letters = [c for c in text if unicodedata.category(c).startswith("L")]
    if not letters:
        return False
    rtl = sum(1 for c in letters if _RTL_SCRIPT.match(c))
    return rtl * 2 > len(letters)


@dataclass
class Para:
    text: str
    style: str = ""  # "", "lead", "muted", "empty"


@dataclass
class Bullets:
    items: list[str]


@dataclass
class KeyValues:
    rows: list[tuple[str, str]]


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    numeric: tuple[int, ...] = ()  # column indexes aligned to the end
    footer: list[str] | None = None
    widths: tuple[float, ...] = ()  # relative widths, optional
    small: bool = False


@dataclass
class Figure:
    png: bytes
    caption: str
    alt: str


@dataclass
class Section:
    title: str
    blocks: list = field(default_factory=list)
    level: int = 1
    page_break: bool = False

    def add(self, *blocks) -> "Section":
        self.blocks.extend(blocks)
        return self


@dataclass
class Document:
    title: str
    subtitle: str = ""
    municipality: str = ""
    cover_lines: list[str] = field(default_factory=list)
    logo_png: bytes | None = None
    sections: list[Section] = field(default_factory=list)
    landscape: bool = False
    compact: bool = False  # tighter type and spacing, for profiles that must fit on two pages (Steckbrief)
    toc: bool = True
    cover: bool = True
    language: str = "de"
    footer: str = ""
    labels: dict[str, str] = field(default_factory=dict)  # "contents", "page", "of"

    def section(self, title: str, *, level: int = 1, page_break: bool = False) -> Section:
        section = Section(title, level=level, page_break=page_break)
        self.sections.append(section)
        return section
