"""Short-lived drafts of edited parameter sets, so a reload or Back/Forward keeps the assumptions.

The levers fit in the address bar; an edited parameter set does not. When a
session's assumptions differ from the preset, the set is kept here under a
token that the address bar carries (``?utkast=<token>``); a reload, a copied
address or Back/Forward restores it from there.

* **Content-addressed.** The token is the start of the set's SHA-256
  (:func:`model.files.document.params_hash`): the same set has the same token,
  and a token tells nothing about the set it names. Whoever has the address
  has the draft, as with any link.
* **Bounded.** A draft is the set's canonical document, zlib-compressed
  (~7 kB for the default set; at most :data:`MAX_DRAFT_BYTES`); the store
  keeps at most :data:`MAX_TOTAL_BYTES` in all, dropping the least recently
  used first, and forgets a draft :data:`LIFETIME_S` after it was last
  written or read.
* **Shared safely.** One store serves the server's sessions
  (``ui.cache.draft_store``, ``st.cache_resource``): it holds only immutable
  bytes, and a lock guards every change, so sessions never see each other's
  objects. With several server processes a draft lives in the process that
  wrote it (sticky sessions keep a user there; docs/deployment.md).

Pure (no streamlit) and tested directly.
"""

from __future__ import annotations

import json
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable

from model.errors import ParameterError
from model.files.document import canonical_json, document_from_parameters, parameters_from_document, params_hash
from model.parameters import Parameters

#: Characters of the SHA-256 in a token (96 bits).
TOKEN_CHARS = 24
MAX_DRAFT_BYTES = 256_000
MAX_TOTAL_BYTES = 32_000_000
LIFETIME_S = 12 * 3600


def token_of(params: Parameters) -> str:
    """The token a set is kept under."""
    return params_hash(params)[:TOKEN_CHARS]


def is_token(text: object) -> bool:
    """Whether *text* can be a token (so a tampered address never reaches the store)."""
    return isinstance(text, str) and len(text) == TOKEN_CHARS and all(c in "0123456789abcdef" for c in text)


def encode(params: Parameters) -> bytes:
    """A set as a draft: its canonical document, compressed."""
    return zlib.compress(canonical_json(document_from_parameters(params)).encode("utf-8"), 6)


def decode(data: bytes) -> Parameters:
    """A draft back as a validated set (ParameterError if it cannot be read)."""
    try:
        doc = json.loads(zlib.decompress(data).decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError):
        raise ParameterError("utkast", "bad_file", reason="unreadable", detail="draft") from None
    return parameters_from_document(doc)


class DraftStore:
    """Drafts by token, bounded in bytes and lifetime, safe to share between sessions."""

    def __init__(
        self,
        max_total_bytes: int = MAX_TOTAL_BYTES,
        lifetime_s: float = LIFETIME_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._drafts: OrderedDict[str, tuple[bytes, float]] = OrderedDict()  # token -> (draft, last used)
        self._bytes = 0
        self._lock = threading.Lock()
        self.max_total_bytes, self.lifetime_s, self._clock = max_total_bytes, lifetime_s, clock

    def put(self, params: Parameters) -> str | None:
        """Keep *params*; return its token (None if the draft is larger than :data:`MAX_DRAFT_BYTES`)."""
        token = token_of(params)
        with self._lock:
            if token in self._drafts:
                self._touch(token)
                return token
        data = encode(params)  # outside the lock: the only slow step
        if len(data) > min(MAX_DRAFT_BYTES, self.max_total_bytes):
            return None
        with self._lock:
            if token not in self._drafts:
                self._drafts[token] = (data, self._clock())
                self._bytes += len(data)
            self._touch(token)
            self._trim()
        return token

    def get(self, token: str) -> Parameters | None:
        """The set kept under *token*, or None if there is none (never was, expired or dropped)."""
        if not is_token(token):
            return None
        with self._lock:
            self._trim()
            entry = self._drafts.get(token)
            if entry is None:
                return None
            self._touch(token)
        return decode(entry[0])

    def __len__(self) -> int:
        with self._lock:
            return len(self._drafts)

    @property
    def total_bytes(self) -> int:
        with self._lock:
            return self._bytes

    def _touch(self, token: str) -> None:
        data, _ = self._drafts[token]
        self._drafts[token] = (data, self._clock())
        self._drafts.move_to_end(token)

    def _trim(self) -> None:
        """Drop expired drafts, then the least recently used until the store is within its bytes."""
        now = self._clock()
        while self._drafts:
            token, (data, used) = next(iter(self._drafts.items()))
            if now - used <= self.lifetime_s and self._bytes <= self.max_total_bytes:
                break
            del self._drafts[token]
            self._bytes -= len(data)
