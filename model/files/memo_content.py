"""What a decision memo says, apart from how it is printed: sections of text, figures, tables and charts.

A memo (:class:`Memo`) is a title, a line under it and a list of
:class:`Section` s. Each section is made by a small function of its own
(:mod:`model.files.memo_sections`, :mod:`model.files.memo_notes`,
:mod:`model.files.memo_compare`) that returns ``None`` when the data it
needs does not exist, so a section appears as soon as the model delivers its
data, without rewriting the memo. Every text here is already formatted for
people (numbers by :mod:`model.text.i18n`, counts by :mod:`model.text.counts`);
the PDF (:mod:`model.files.memo_pdf`) only lays it out, and a print view could
lay out the same content.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class Text:
    """A paragraph of a kind.

    ``kind`` is ``"body"``, ``"lead"`` (the plain-language reading), ``"note"``,
    ``"bullet"``, ``"subheading"`` or ``"source"`` (an entry of a numbered list).
    """

    text: str
    kind: str = "body"


@dataclass(frozen=True)
class Figures:
    """Headline figures as big numbers: (label, value, reading under the value) each."""

    rows: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class Table:
    """A table of text cells (an empty header: none).

    ``align`` is one letter per column, ``l`` (text) or ``r`` (numbers); default:
    the first column text, the others numbers. ``widths`` are relative column
    widths (None: equal) and ``scale`` the table's share of the text width;
    ``bold_rows`` are indexes of ``rows``; ``note`` is a line under it.
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: str = ""
    widths: tuple[float, ...] | None = None
    note: str = ""
    bold_rows: tuple[int, ...] = ()
    scale: float = 1.0

    def is_number(self, column: int) -> bool:
        """Whether *column* holds numbers (right-aligned)."""
        return self.align[column] == "r" if column < len(self.align) else column > 0


@dataclass(frozen=True)
class Chart:
    """A chart of *kind* (a drawer of :mod:`model.files.memo_charts`) over *data*, with a title and axis text."""

    kind: str
    data: pd.DataFrame = field(compare=False)
    title: str
    axis: str = ""
    options: dict[str, Any] = field(default_factory=dict, compare=False)


Block = Text | Figures | Table | Chart


@dataclass(frozen=True)
class Section:
    """A heading and its blocks; ``new_page`` starts it on a new page."""

    title: str
    blocks: tuple[Block, ...]
    new_page: bool = False


@dataclass(frozen=True)
class Memo:
    """A whole memo: title, subtitle, the sections in order, and the running footer's text."""

    title: str
    subtitle: str
    sections: tuple[Section, ...]
    footer: str
    language: str = "sv"
    author: str = "Omställningskalkylen"


def build_sections(builders: Sequence[Callable[[Any], Section | None]], context: Any) -> tuple[Section, ...]:
    """Every section whose builder has its data (a builder returning None is left out)."""
    return tuple(s for s in (build(context) for build in builders) if s is not None)
