r"""Text from outside as plain text: what characters it may hold, and how long it may be.

The one rule every reader applies to text it keeps (a parameter set's name, a
measure's label, a source, a scenario's name): control characters (``\x00``–
``\x1f``, ``\x7f``–``\x9f``), lone surrogates and the non-characters
``U+FFFE``/``U+FFFF`` are refused, because a spreadsheet, a PDF or a database
cannot hold them and they would break every later export of that text. A tab
and a line break are allowed in multi-line text (a source, a note) only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

#: Longest name of a parameter set, a measure or a scenario [characters].
MAX_NAME_CHARS = 120
#: Longest free text: a source, an evidence note, a scenario's note [characters].
MAX_LONG_TEXT_CHARS = 4000
#: Characters allowed in multi-line text though they are control characters.
LINE_BREAKS = "\t\n\r"
_NON_CHARACTERS = "\ufffe\uffff"


#: Control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F), lone surrogates (Cs) and
#: the non-characters; the second pattern lets tabs and line breaks through.
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff" + _NON_CHARACTERS + "]")
_FORBIDDEN_MULTILINE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff" + _NON_CHARACTERS + "]")


def forbidden_character(text: str, multiline: bool = False) -> int | None:
    """The position of the first character *text* may not hold, or None."""
    found = (_FORBIDDEN_MULTILINE if multiline else _FORBIDDEN).search(text)
    return None if found is None else found.start()


def character_name(ch: str) -> str:
    """A refused character as a message shows it: ``U+0007``."""
    return f"U+{ord(ch):04X}"


def check_plain_text(
    value: object,
    field: str,
    error: Callable[..., Exception],
    *,
    limit: int = MAX_NAME_CHARS,
    multiline: bool = False,
) -> str:
    """*value* as text without forbidden characters and at most *limit* characters long.

    Parameters
    ----------
    value : object
        The text (anything else is refused with the code ``not_text``).
    field : str
        What the text is, for the message.
    error : callable
        The error class to raise, called as ``error(field, code, **details)``
        (:class:`~model.errors.ParameterError` or :class:`~model.errors.ScenarioFileError`).
    limit : int
        Largest number of characters (code ``too_long``, detail ``limit``).
    multiline : bool
        Whether tabs and line breaks are allowed.

    Returns
    -------
    str
        The text, NFC-normalised.
    """
    if not isinstance(value, str):
        raise error(field, "not_text")
    text = unicodedata.normalize("NFC", value) if not value.isascii() else value
    at = forbidden_character(text, multiline)
    if at is not None:
        raise error(field, "control_character", character=character_name(text[at]), position=at + 1)
    if len(text) > limit:
        raise error(field, "too_long", limit=limit)
    return text
