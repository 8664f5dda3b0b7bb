"""YAML as plain data: the one safe reader of every YAML file the model reads (data, areas, uploads).

Only a safe loader is used (libyaml's C parser where installed: the same safe
constructor, about ten times faster): a tag that would construct an object is
refused with a message naming its line.

Before the document is built, its structure is checked on the parser's event
stream (which libyaml produces without recursion, and which is abandoned at
the first problem): no more than :data:`MAX_DEPTH` levels of nesting (a
parameter file needs 4; thousands of nested brackets made the C composer
overflow its stack and kill the server), no anchors or aliases (a few lines
of aliases expand to gigabytes of text), no key twice in one mapping (the
last one would silently win) and only plain keys. Even before that, a scan of
the raw text refuses absurdly deep bracket nesting without handing it to the
parser at all.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import yaml

from model.errors import ParameterError
from model.plain_text import character_name, forbidden_character

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Deepest nesting of mappings and lists read (a parameter file: mapping > list > record > list = 4).
MAX_DEPTH = 6
#: Levels a parameter file needs (said in the message).
NEEDED_DEPTH = 4
#: Deepest bracket nesting the raw-text scan lets through to the parser (brackets inside quoted
#: text count too, so this is generous; the event check below is the exact one).
MAX_TEXT_BRACKETS = 64
_OPEN = np.frombuffer(b"[{", dtype=np.uint8)
_CLOSE = np.frombuffer(b"]}", dtype=np.uint8)


def read_yaml_text(text: str, where: str) -> dict:
    """Parse YAML text that must be a mapping.

    Raises
    ------
    ParameterError
        ``bad_file`` with reason ``not_yaml`` (and the line), ``yaml_tag`` (a
        tag that would build an object) or ``not_mapping``; *where* is the field.
    """
    at = forbidden_character(text, multiline=True)
    if at is not None:
        character, at_line = character_name(text[at]), text.count("\n", 0, at) + 1
        raise ParameterError(where, "bad_file", reason="control_character", character=character, line=at_line)
    try:
        check_structure(text, where)
        doc = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else "?"
        if isinstance(exc, yaml.constructor.ConstructorError):
            # A tag such as !!python/object/apply: the safe loader refused to build it.
            found = re.search(r"tag '([^']*)'", str(exc.problem))
            tag = found.group(1).replace("tag:yaml.org,2002:", "!!") if found else "?"
            raise ParameterError(where, "bad_file", reason="yaml_tag", tag=tag, line=line) from None
        raise ParameterError(where, "bad_file", reason="not_yaml", line=line) from None
    if not isinstance(doc, dict):
        raise ParameterError(where, "bad_file", reason="not_mapping")
    return doc


def too_many_brackets(text: str, limit: int = MAX_TEXT_BRACKETS) -> int | None:
    """The line where the running count of ``[{`` minus ``]}`` first exceeds *limit*, or None.

    An upper bound of the flow nesting (brackets in quoted text count too),
    found in a few milliseconds for the largest file read.
    """
    data = text.encode("utf-8", "surrogatepass")
    array = np.frombuffer(data, dtype=np.uint8)
    depth = np.cumsum(np.isin(array, _OPEN).astype(np.int32) - np.isin(array, _CLOSE).astype(np.int32))
    over = np.flatnonzero(depth > limit)
    return None if over.size == 0 else data.count(b"\n", 0, int(over[0])) + 1


def check_structure(text: str, where: str) -> None:
    """Refuse deep nesting, anchors and aliases, duplicate and complex keys before the document is built.

    Raises
    ------
    ParameterError
        ``bad_file`` with reason ``too_deep``, ``yaml_anchor``, ``duplicate_key``
        or ``complex_key`` (and the line).
    yaml.YAMLError
        The text is not YAML (the caller turns it into a message).
    """
    deep_line = too_many_brackets(text)
    if deep_line is not None:
        raise ParameterError(where, "bad_file", reason="too_deep", limit=MAX_DEPTH, needed=NEEDED_DEPTH, line=deep_line)
    # One frame per open collection: [is_mapping, keys seen (key -> line), expecting a key].
    stack: list[list] = []
    for event in yaml.parse(text, Loader=SAFE_LOADER):
        line = event.start_mark.line + 1 if event.start_mark is not None else "?"
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise ParameterError(where, "bad_file", reason="yaml_anchor", line=line)
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
            _value_done(stack)
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        top = stack[-1] if stack else None
        if top is not None and top[0] and top[2]:
            if not isinstance(event, yaml.ScalarEvent):
                raise ParameterError(where, "bad_file", reason="complex_key", line=line)
            if event.value in top[1]:
                first = top[1][event.value]
                key = event.value[:40]
                raise ParameterError(where, "bad_file", reason="duplicate_key", name=key, first_line=first, line=line)
            top[1][event.value] = line
            top[2] = False
            continue
        if isinstance(event, yaml.ScalarEvent):
            _value_done(stack)
            continue
        stack.append([isinstance(event, yaml.MappingStartEvent), {}, True])
        if len(stack) > MAX_DEPTH:
            raise ParameterError(where, "bad_file", reason="too_deep", limit=MAX_DEPTH, needed=NEEDED_DEPTH, line=line)


def _value_done(stack: list[list]) -> None:
    """A value of the innermost mapping is complete: the next node is a key again."""
    if stack and stack[-1][0]:
        stack[-1][2] = True


def read_yaml_file(path: Path) -> dict:
    """Read a UTF-8 YAML file that must be a mapping (see :func:`read_yaml_text`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ParameterError(str(path), "bad_file", reason="unreadable", detail=exc.strerror) from None
    return read_yaml_text(text, path.name)
