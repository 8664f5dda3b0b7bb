"""Every shipped value can be followed to a publication: the ids in brackets resolve in data/sources.yaml.

A parameter found in or derived from a source (status F or D) names at least
one bibliography entry; an estimate (E) may name none. A value that is a
definition ("Definition: the unit is one family") needs no source. No text in
data/ points at a document outside the product (issue 10).
"""

from __future__ import annotations

import re

import pytest
import yaml

import model
from model.area import area_ids
from model.resources import DATA_DIR

#: Every area's presets (the employment area's too).
ALL_PRESETS = [preset for area in area_ids() for preset in model.presets(area)]

CITATION = re.compile(r"\[([a-z0-9_]+(?:, ?[a-z0-9_]+)*)\]")  # [id] or [id, id]


def cited(text: str) -> list[str]:
    """The bibliography ids a source text names."""
    return [i.strip() for group in CITATION.findall(text) for i in group.split(",")]


@pytest.fixture(scope="module")
def bibliography() -> dict[str, dict]:
    data = yaml.safe_load((DATA_DIR / "sources.yaml").read_text(encoding="utf-8"))
    entries = data.get("sources", data)
    return entries if isinstance(entries, dict) else {e["id"]: e for e in entries}


@pytest.mark.parametrize("preset", ALL_PRESETS)
def test_every_found_or_derived_value_cites_an_entry_of_the_bibliography(preset, bibliography):
    params = model.load_parameters(preset=preset)
    uncited = [p.name for p in params.parameters
               if p.status in ("F", "D") and not CITATION.search(p.source) and not p.source.startswith("Definition:")]
    assert uncited == []
    unknown = {i for p in params.parameters for i in cited(p.source)} - bibliography.keys()
    assert unknown == set()


@pytest.mark.parametrize("preset", ALL_PRESETS)
def test_every_measure_cites_its_evidence(preset, bibliography):
    for m in model.load_parameters(preset=preset).measures:
        ids = cited(m.source)
        assert ids, m.id
        assert set(ids) <= bibliography.keys(), m.id


def test_every_bibliography_entry_says_where_to_find_it(bibliography):
    for key, entry in bibliography.items():
        assert entry.get("title") and (entry.get("publisher") or entry.get("author")), key
        assert entry.get("url") or entry.get("document") or entry.get("note"), key


def test_no_text_in_data_points_outside_the_product():
    for path in DATA_DIR.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "parameter-sources" not in text and "§" not in text and "../shared" not in text, path
