"""What people type, made safe to show: bidirectional override and isolate controls are removed (with them a
name can pass itself off as another, "‮nimdA" reading as "Admin"), and a text with nothing visible in it is
empty. Zero-width joiners and non-joiners stay inside words: Persian writes "می‌آیم" with one, emoji
sequences are joined with another. Pure functions, no Django."""

import re

# LRE, RLE, PDF, LRO, RLO (U+202A–U+202E) and LRI, RLI, FSI, PDI (U+2066–U+2069).
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Characters that take no space: zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def cleaned(text: str | None) -> str:
    """The text without bidi controls, stripped; "" if nothing visible is left."""
    text = _BIDI_CONTROLS.sub("", text or "").strip()
    if not _INVISIBLE.sub("", text).strip():
        return ""
    return text
