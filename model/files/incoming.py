"""Bytes from outside: the limits and the text encoding every reader of an upload checks first.

A file is refused before it is parsed when it is larger than
:data:`MAX_FILE_BYTES`, has more than :data:`MAX_ROWS` rows or a row wider than
:data:`MAX_COLUMNS` cells, or (read from a path) is not a regular file — so
``/dev/zero`` is refused before a byte of it is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from model.errors import ParameterError

#: The largest file read (the app's upload limit, ``server.maxUploadSize``) [bytes].
MAX_FILE_BYTES = 5_000_000
#: The most rows a parameter table may have (a parameter set has about 100).
MAX_ROWS = 10_000
#: The most cells a row of a parameter table may have (a table has 12 columns).
MAX_COLUMNS = 100


def read_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most *limit* bytes (checked before reading, and while reading).

    Raises
    ------
    ParameterError
        ``bad_file`` with reason ``unreadable``, ``not_regular_file`` or ``too_large``.
    """
    where = str(path)
    try:
        _check_regular(os.stat(path), where, limit)  # before opening: opening a pipe would wait for a writer
        with open(path, "rb") as handle:
            _check_regular(os.fstat(handle.fileno()), where, limit)
            data = handle.read(limit + 1)  # a file that grows while it is read stops at the limit
    except OSError as exc:
        detail = exc.strerror or type(exc).__name__
        raise ParameterError(where, "bad_file", reason="unreadable", detail=detail) from None
    check_size(data, where, limit=limit)
    return data


def _check_regular(info: os.stat_result, where: str, limit: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise ParameterError(where, "bad_file", reason="not_regular_file")
    check_size(b"", where, size=info.st_size, limit=limit)


def check_rows(text: str, where: str) -> None:
    """Refuse a text table with more than :data:`MAX_ROWS` lines (counted before it is parsed)."""
    rows = text.count("\n") + 1
    if rows > MAX_ROWS + 1:  # the header row comes on top
        raise ParameterError(where, "bad_file", reason="too_many_rows", limit=MAX_ROWS)


def check_size(data: bytes, where: str, size: int | None = None, limit: int = MAX_FILE_BYTES) -> None:
    """Refuse a file larger than *limit* bytes (its *size* when known without reading it)."""
    size_bytes = len(data) if size is None else size
    if size_bytes > limit:
        megabytes, limit_mb = size_bytes / 1e6, round(limit / 1e6)
        # One decimal, unless that would read as the limit itself.
        shown = round(megabytes, 1) if round(megabytes, 1) > limit_mb else round(megabytes, 6)
        raise ParameterError(where, "bad_file", reason="too_large", size=shown, limit=limit_mb)


def decode_text(data: bytes, where: str) -> str:
    """The text of an uploaded file: size checked, UTF-8 (a BOM is allowed), not empty."""
    check_size(data, where)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ParameterError(where, "bad_file", reason="not_utf8") from None
    if not text.strip():
        raise ParameterError(where, "bad_file", reason="empty")
    return text
