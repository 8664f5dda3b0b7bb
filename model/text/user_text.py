"""Text people type: names and notes cleaned on the way in, shown literally on the way out.

A scenario's name and note, a parameter set's name and a file's name are
user text. On the way in they are normalised (NFC), stripped of control
characters and checked for length (:func:`clean_name`, :func:`clean_note`);
on the way out, in Markdown, they are escaped so that they show as typed and
never as a link, emphasis, an emoji, a colour or a formula
(:func:`markdown_literal`).
"""

from __future__ import annotations

import re
import unicodedata

from model.errors import ScenarioFileError
from model.plain_text import forbidden_character

MAX_NAME_CHARS = 120
MAX_NOTE_CHARS = 4000

#: Characters with a meaning anywhere in a line of Streamlit's Markdown: emphasis, code, links and
#: images, HTML, tables, strikethrough, LaTeX ($) and entities (&): backslash-escaped.
_INLINE = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>()#|~$&!"})
#: What makes a line a list item or a rule only where it starts the line ("- a", "1. a", "==="):
#: mid-line these are plain text ("kollega.xlsx", "2026-11"), so they are escaped only there.
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+\.)", re.MULTILINE)
#: Streamlit's Markdown finds links in the *text* after escapes are read (GitHub's autolinks:
#: ``http://…``, ``www.…``, ``name@host``) and so do its ``:emoji:``, ``:material/icon:`` and
#: ``:color[…]``: a backslash does not stop them. An invisible WORD JOINER (U+2060) after every
#: colon and at-sign and inside ``www.`` does; what people see is unchanged.
WORD_JOINER = "\u2060"
_BREAK_AUTOLINKS = str.maketrans({":": ":" + WORD_JOINER, "@": "@" + WORD_JOINER})
_WWW_DOT = re.compile(r"(www)\.", re.IGNORECASE)


def markdown_literal(text: object) -> str:
    """*text* as Markdown that shows exactly as typed (``"**x**"`` stays ``**x**``), never a link or an image.

    Markdown and HTML alike show the result literally: every character with a
    meaning in either (``<``, ``&``, brackets, ...) is backslash-escaped; the
    patterns Streamlit turns into links, emoji or icons even when escaped
    (``http://``, ``a@b.se``, ``www.``, ``:material/…:``) are broken by an
    invisible word joiner; and a character that cannot be shown or sent to
    the browser at all (a control character, a lone surrogate) is replaced by
    U+FFFD. ``tests/browser/test_hostile_text.py`` checks the result in a
    real browser.
    """
    text = str(text)
    if forbidden_character(text, multiline=True) is not None:
        text = "".join("\ufffd" if forbidden_character(ch, multiline=True) is not None else ch for ch in text)
    escaped = text.translate(_INLINE)
    escaped = _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), escaped)
    escaped = _WWW_DOT.sub(r"\1" + WORD_JOINER + ".", escaped)
    return escaped.translate(_BREAK_AUTOLINKS)


def shown_text(markdown: str) -> str:
    """What people see of :func:`markdown_literal`'s output (for tests: without the word joiners)."""
    return re.sub(r"\\(.)", r"\1", markdown.replace(WORD_JOINER, ""))


def _escape_marker(marker: str) -> str:
    return marker[:-1] + "\\." if marker.endswith(".") else "\\" + marker


def clean_text(value: object, where: str, limit: int, required: bool) -> str:
    """Validated user text: normalised (NFC), control characters removed, stripped."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ScenarioFileError(where, "not_text")
    text = unicodedata.normalize("NFC", value)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    text = text.strip() if required else text.rstrip()
    if required:
        text = " ".join(text.split())  # a name is one line
    if required and not text:
        raise ScenarioFileError(where, "empty_name")
    if len(text) > limit:
        raise ScenarioFileError(where, "too_long", limit=limit)
    return text


def clean_name(value: object) -> str:
    """A scenario name: one line, 1–120 characters."""
    return clean_text(value, "name", MAX_NAME_CHARS, required=True)


def clean_note(value: object) -> str:
    """An author's note: free text, at most 4 000 characters."""
    return clean_text(value, "note", MAX_NOTE_CHARS, required=False)
