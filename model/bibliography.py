"""The bibliography: every publication a parameter, a measure or the method text cites.

``data/sources.yaml`` holds one entry per original publication, with an ``id``
that parameters and measures cite in their ``sources`` list. This module reads
it once, checks cited ids against it (a :class:`~model.errors.ParameterError`
``unknown_source`` naming the field and the id) and writes an entry out as a
full citation a reader can follow: author, year, title, publisher or journal,
address or document number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from model.errors import ParameterError
from model.resources import DATA_DIR
from model.yaml_text import read_yaml_file

FORMAT = "omstallningskalkylen/sources-v1"


@dataclass(frozen=True, slots=True)
class Source:
    """One publication of the bibliography (the fields of ``data/sources.yaml``)."""

    id: str
    title: str
    author: str = ""
    year: int | None = None
    year_note: str = ""
    journal: str = ""
    publisher: str = ""
    url: str = ""
    document: str = ""
    accessed: str = ""
    note: str = ""

    def citation(self) -> str:
        """The entry as one line a reader can follow: author (year). Title. Publisher. Address or document."""
        year = str(self.year) if self.year else (self.year_note or "u.å.")
        parts = [f"{self.author or self.publisher} ({year}). {self.title}."]
        where = self.journal or (self.publisher if self.publisher and self.publisher != self.author else "")
        if where:
            parts.append(f"{where}.")
        if self.url:
            parts.append(self.url + (f" (läst {self.accessed})" if self.accessed else ""))
        if self.document and self.document != self.url:
            parts.append(f"{self.document}.")
        return " ".join(parts)


def _entry(raw: Mapping[str, object]) -> Source:
    def text(key: str) -> str:
        value = raw.get(key)
        return "" if value is None else str(value).strip()

    year = raw.get("year")
    return Source(
        id=text("id"),
        title=text("title"),
        author=text("author"),
        year=int(year) if isinstance(year, int) and not isinstance(year, bool) else None,
        year_note=text("year_note"),
        journal=text("journal"),
        publisher=text("publisher"),
        url=text("url"),
        document=text("document"),
        accessed=text("accessed"),
        note=text("note"),
    )


@cache
def bibliography() -> Mapping[str, Source]:
    """Every entry of ``data/sources.yaml`` by id, in the file's order."""
    data = read_yaml_file(DATA_DIR / "sources.yaml")
    return {e.id: e for e in (_entry(raw) for raw in data["sources"])}


def check_ids(ids: Iterable[str], field: str) -> None:
    """Raise ``ParameterError(field, "unknown_source", value=id)`` for the first id not in the bibliography."""
    known = bibliography()
    for i in ids:
        if i not in known:
            raise ParameterError(field, "unknown_source", value=i)


def citations(ids: Iterable[str]) -> list[str]:
    """Full citations of *ids* (known ids only), in the order given, each once."""
    known = bibliography()
    return [known[i].citation() for i in dict.fromkeys(ids) if i in known]
