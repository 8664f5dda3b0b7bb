"""The little CSS the app injects, and why: only what Streamlit 1.67 has no option for.

Colours, fonts and the chart palette are the theme's (``.streamlit/config.toml``).
Four things are not:

1. A metric's label and value are truncated with an ellipsis ("−106,…",
   "Ej ino…"); Streamlit hard-codes it. ``static/layout.css`` lets them wrap.
2. The headline cards reflow 4 → 2 → 1 per row by the width of the main area
   (a container query on the keyed rows, ``static/layout.css``): a horizontal
   container wraps by content width and ``st.columns`` stacks only below 640 px.
3. Words Streamlit writes itself, in English, with no parameter to change them:
   the text fields' "Press Enter to apply" and the file uploader's "Upload"
   and "5MB per file". They are replaced by the user's language with CSS
   generated content (:func:`words_css`, :func:`uploader_css`). Screen-reader
   labels Streamlit sets ("Help for …", "file upload") and the table toolbar's
   tooltips ("Download as CSV", "Search", "Fullscreen") cannot be reached
   this way and stay English (README, "Where things live").

4. The page's language: Streamlit's page declares ``<html lang="en">`` whatever the
   content; a script (:func:`lang_script`) sets the user's language, so a screen
   reader reads Swedish with a Swedish voice (WCAG 3.1.1).

``words_css``, ``uploader_css`` and ``lang_script`` are pure and tested directly.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import streamlit as st

from model.text.i18n import t

LAYOUT_CSS = Path(__file__).resolve().parent / "static" / "layout.css"
#: Font size of the small print Streamlit writes under a field.
SMALL_PRINT = "0.75rem"


def css_text(text: str) -> str:
    """*text* as a CSS string literal (for ``content:``)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ") + '"'


def _replace(selector: str, text: str) -> str:
    """Rules that hide Streamlit's own text at *selector* and show *text* in its place."""
    return (
        f"{selector} {{ font-size: 0 !important; }}\n"
        f"{selector}::after {{ content: {css_text(text)}; font-size: {SMALL_PRINT}; }}\n"
    )


def words_css(lang: str) -> str:
    """The text fields' "Press Enter to apply / submit form" in the user's language."""
    hint = '[data-testid="InputInstructions"] > span:first-child'
    rules = [
        (f'[data-testid="stTextInput"] {hint}', t("style.enter_apply", lang)),
        (f'[data-testid="stForm"] [data-testid="stTextInput"] {hint}', t("style.enter_submit", lang)),
        (f'[data-testid="stTextArea"] {hint}', t("style.ctrl_enter_apply", lang)),
        (f'[data-testid="stForm"] [data-testid="stTextArea"] {hint}', t("style.ctrl_enter_submit", lang)),
    ]
    return "<style>\n" + "".join(_replace(selector, text) for selector, text in rules) + "</style>"


def uploader_css(key: str, limit_mb: int, types: Sequence[str], lang: str) -> str:
    """The file uploader *key*'s button and limit in the user's language ("Ladda upp", "Högst 5 MB per fil")."""
    where = f".st-key-{key}"
    limit = t("style.upload_limit", lang, limit=limit_mb)
    if types:
        limit += " • " + ", ".join(x.upper() for x in types)
    return (
        "<style>\n"
        + _replace(f'{where} [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p', t(
            "style.upload", lang
        ))
        + _replace(f'{where} [data-testid="stFileUploaderDropzoneInstructions"] span', limit)
        + "</style>"
    )


def lang_script(lang: str) -> str:
    """A script that declares the page's language (``<html lang="sv">``): Streamlit's page says "en"."""
    return f"<script>document.documentElement.lang = {json.dumps(lang)};</script>"


def inject(lang: str) -> None:
    """The layout rules, the words in the user's language and the page's language (taking no space)."""
    st.html(LAYOUT_CSS)
    st.html(words_css(lang))
    st.html(lang_script(lang), unsafe_allow_javascript=True)


def file_uploader(label: str, key: str, limit_mb: int, types: Sequence[str], lang: str, **kwargs) -> object:
    """``st.file_uploader`` with its own words in the user's language and the given limit."""
    st.html(uploader_css(key, limit_mb, types, lang))
    return st.file_uploader(label, type=list(types) or None, key=key, max_upload_size=limit_mb, **kwargs)
