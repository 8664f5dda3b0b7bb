"""YAML as plain data: the one safe reader of every YAML file the model reads (data, areas, uploads).

Only a safe loader is used (libyaml's C parser where installed: the same safe
constructor, about ten times faster): a tag that would construct an object is
refused with a message naming its line.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from model.errors import ParameterError

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml_text(text: str, where: str) -> dict:
    """Parse YAML text that must be a mapping.

    Raises
    ------
    ParameterError
        ``bad_file`` with reason ``not_yaml`` (and the line), ``yaml_tag`` (a
        tag that would build an object) or ``not_mapping``; *where* is the field.
    """
    try:
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


def read_yaml_file(path: Path) -> dict:
    """Read a UTF-8 YAML file that must be a mapping (see :func:`read_yaml_text`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ParameterError(str(path), "bad_file", reason="unreadable", detail=exc.strerror) from None
    return read_yaml_text(text, path.name)
