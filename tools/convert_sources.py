"""Convert parameter files from the one-text ``source:`` format to ``sources`` + ``note_sv`` + ``note_en``.

Usage::

    python tools/convert_sources.py data/base.yaml data/presets/*.yaml [--notes NOTES.yaml]

Each ``source: "…"`` of a parameter or a measure becomes ``sources: [ids]`` (the
bibliography ids it names in brackets), ``note_en`` (the text without the
brackets and without a leading status code such as ``D:``) and ``note_sv``.
The Swedish note comes from ``--notes`` (a YAML mapping ``name or measure id ->
{note_sv, note_en?, sources?}``); a name without one keeps an empty ``note_sv``
and is listed on standard error, for a person to write. The files are edited in
place, line by line, so comments and layout stay as they were.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

CITED = re.compile(r"\[([a-z0-9_]+(?:, ?[a-z0-9_]+)*)\]")
STATUS_PREFIX = re.compile(r"^(?:[FDE](?:/[FDE])?):\s*")
FLOW_SOURCE = re.compile(r'source: ("(?:[^"\\]|\\.)*")')
BLOCK_SOURCE = re.compile(r'^(\s+)source: ("(?:[^"\\]|\\.)*")\s*$')
NAME = re.compile(r"(?:name|id): ([A-Za-z0-9_.]+)")


def split(text: str) -> tuple[list[str], str]:
    """The ids a source text cites and the text without them."""
    ids = list(dict.fromkeys(i.strip() for g in CITED.findall(text) for i in g.split(",")))
    note = " ".join(CITED.sub("", text).split())
    for a, b in ((" ;", ";"), (" ,", ","), (" .", "."), ("( ", "("), (" )", ")")):
        note = note.replace(a, b)
    return ids, STATUS_PREFIX.sub("", note).strip()


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def convert(path: Path, notes: dict[str, dict]) -> list[str]:
    """Rewrite *path*; return the names left without a Swedish note."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out, missing, current = [], [], None
    for line in lines:
        m = NAME.search(line)
        if m and ("- name:" in line or "- id:" in line or "{name:" in line):
            current = m.group(1)
        if "sources:" in line or "note_sv:" in line or "note_en:" in line:  # converted already
            out.append(line)
            continue
        flow = FLOW_SOURCE.search(line) if "{name:" in line else None
        block = BLOCK_SOURCE.match(line)
        if not (flow or block) or current is None:
            out.append(line)
            continue
        old = yaml.safe_load(flow.group(1) if flow else block.group(2))
        ids, note_en = split(old)
        given = notes.get(current, {})
        ids = list(dict.fromkeys([*ids, *given.get("sources", [])]))
        note_en = given.get("note_en") or note_en
        note_sv = given.get("note_sv", "")
        if not note_sv:
            missing.append(current)
        fields = f"sources: [{', '.join(ids)}], note_sv: {quoted(note_sv)}, note_en: {quoted(note_en)}"
        if flow:
            out.append(line[: flow.start()] + fields + line[flow.end() :])
        else:
            indent = block.group(1)
            out.append(f"{indent}sources: [{', '.join(ids)}]\n")
            out.append(f"{indent}note_sv: {quoted(note_sv)}\n")
            out.append(f"{indent}note_en: {quoted(note_en)}\n")
    path.write_text("".join(out), encoding="utf-8")
    yaml.safe_load(path.read_text(encoding="utf-8"))  # still valid YAML
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--notes", type=Path, help="YAML: name -> {note_sv, note_en, sources}")
    args = parser.parse_args(argv)
    notes = yaml.safe_load(args.notes.read_text(encoding="utf-8")) if args.notes else {}
    for path in args.files:
        for name in convert(path, notes or {}):
            print(f"{path}: {name}: no Swedish note", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
