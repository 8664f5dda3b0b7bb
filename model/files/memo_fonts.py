"""The memo's type: Bitstream Vera, the TrueType family that ships inside ReportLab, embedded in every PDF.

Vera has every letter of Swedish and the typographic signs the number
formats use (the minus sign −, the no-break space, the en dash –), and it
comes with the PDF library itself, so a memo looks the same on every server
with nothing to install. A character Vera lacks (an arrow, an emoji in a
scenario's name) is replaced by :func:`printable` instead of printing as an
empty box.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "Vera"
FONT_BOLD = "Vera-Bold"
FONT_ITALIC = "Vera-Italic"
_FILES = {FONT: "Vera.ttf", FONT_BOLD: "VeraBd.ttf", FONT_ITALIC: "VeraIt.ttf", "Vera-BoldItalic": "VeraBI.ttf"}
#: What stands in for a character the font lacks.
_SUBSTITUTES = {
    "\u2192": "->", "\u2190": "<-", "\u2009": "\u00a0", "\u202f": "\u00a0", "\u2011": "-", "\u2264": "<=",
    "\u2265": ">=",
}


@cache
def register_fonts() -> str:
    """Register the Vera family with ReportLab (once per process); returns the regular face's name."""
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, file))  # found on ReportLab's own font path
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, "Vera-BoldItalic")
    return FONT


@cache
def _glyphs() -> frozenset[int]:
    register_fonts()
    font = pdfmetrics.getFont(FONT)
    return frozenset(font.face.charToGlyph)  # type: ignore[attr-defined]  # a TTFont's face (ReportLab's own)


def printable(text: str) -> str:
    """*text* with every character the font lacks replaced (``→`` by ``->``, others by ``?``)."""
    glyphs = _glyphs()
    if all(ord(ch) in glyphs or ch in "\n\t" for ch in text):
        return text
    out = []
    for ch in text:
        if ord(ch) in glyphs or ch in "\n\t":
            out.append(ch)
        else:
            sub = _SUBSTITUTES.get(ch, "?")
            out.append(sub if all(ord(c) in glyphs for c in sub) else "?")
    return "".join(out)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of *text* in points at *size* [pt]."""
    register_fonts()
    return pdfmetrics.stringWidth(text, FONT_BOLD if bold else FONT, size)
