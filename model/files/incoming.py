"""Bytes from outside: the size limit and the text encoding every reader of an upload checks first."""

from __future__ import annotations

from model.errors import ParameterError

#: The largest file read (the app's upload limit, ``server.maxUploadSize``) [bytes].
MAX_FILE_BYTES = 5_000_000


def check_size(data: bytes, where: str) -> None:
    """Refuse a file larger than :data:`MAX_FILE_BYTES`."""
    if len(data) > MAX_FILE_BYTES:
        size, limit = len(data) / 1e6, round(MAX_FILE_BYTES / 1e6)
        # One decimal, unless that would read as the limit itself.
        size = round(size, 1) if round(size, 1) > limit else round(size, 6)
        raise ParameterError(where, "bad_file", reason="too_large", size=size, limit=limit)


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
