"""The random streams of the parameters: ``default_rng([seed, crc32(name)])``, built without hashing each seed.

numpy seeds a ``PCG64`` through a ``SeedSequence``, which hashes the entropy
words into a pool and the pool into the generator's 128-bit state and
increment; that hashing, done in Python-level steps once per stream, is nine
tenths of the cost of building a stream (~35 of ~40 µs, and a run builds
about a hundred). :func:`seed_states` does the same hashing for every stream of
a run at once, in numpy arrays along the streams (the hash constants do not
depend on the data, so every stream takes the same steps), and
:func:`generator` hands a stream's words to ``PCG64`` in place of a
``SeedSequence``. The algorithm is numpy's ``SeedSequence`` (NEP 19 fixes it,
so that seeds keep their streams across numpy versions) for entropy of two
32-bit words and the default pool of four words, with no spawn key; the
streams are tested equal to ``default_rng`` (tests/test_uncertainty.py).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from numpy.random.bit_generator import ISeedSequence

#: One 32-bit word per stream.
Words = npt.NDArray[np.uint32]

# numpy/random/bit_generator.pyx: SeedSequence's hash constants and its default pool of four 32-bit words.
_INIT_A, _MULT_A = 0x43B0D7E5, 0x931E8875
_INIT_B, _MULT_B = 0x8B51F9DD, 0x58F38DED
_MIX_MULT_L, _MIX_MULT_R = 0xCA01F9DD, 0x4973F715
_XSHIFT = 16
_POOL = 4
#: 32-bit words of state PCG64 asks its seed sequence for (four 64-bit words: state and increment).
_STATE_WORDS = 8
_MASK = 0xFFFFFFFF


def _hash_constants(start: int, mult: int, n: int) -> tuple[tuple[np.uint32, np.uint32], ...]:
    """Per step of a hash: the running constant and the same times *mult* (it is multiplied after each use)."""
    out = []
    for _ in range(n):
        out.append((np.uint32(start), np.uint32((start * mult) & _MASK)))
        start = (start * mult) & _MASK
    return tuple(out)


#: The constants of mix_entropy's hashes (four words in, then each of the 4 × 3 ordered pairs) and of generate_state's.
_MIX_CONSTANTS = _hash_constants(_INIT_A, _MULT_A, _POOL + _POOL * (_POOL - 1))
_STATE_CONSTANTS = _hash_constants(_INIT_B, _MULT_B, _STATE_WORDS)
_SHIFT, _MIX_L, _MIX_R = np.uint32(_XSHIFT), np.uint32(_MIX_MULT_L), np.uint32(_MIX_MULT_R)


def _hashmix(value: Words, const: tuple[np.uint32, np.uint32]) -> Words:
    """SeedSequence's ``hashmix`` of one word per stream with one step's constants."""
    hashed: Words = np.multiply(value ^ const[0], const[1])
    return hashed ^ (hashed >> _SHIFT)


def _mix(x: Words, y: Words) -> Words:
    result: Words = np.subtract(np.multiply(_MIX_L, x), np.multiply(_MIX_R, y))
    return result ^ (result >> _SHIFT)


def seed_states(seed: int, names: Sequence[str]) -> np.ndarray | None:
    """The words ``SeedSequence([seed, crc32(name)]).generate_state(4, np.uint64)`` of each name, (n, 4) uint64.

    None for a seed of more than one 32-bit word (≥ 2³²), whose entropy is longer: :func:`generator` of
    such a stream is built by numpy itself.
    """
    if seed >= 2**32:
        return None
    crc = np.array([zlib.crc32(name.encode("utf-8")) for name in names], dtype=np.uint32)
    entropy = [np.full(len(names), seed, dtype=np.uint32), crc, *(np.zeros(len(names), np.uint32),) * (_POOL - 2)]
    # mix_entropy: the words hashed into the pool, then every pool word mixed into every other.
    consts = iter(_MIX_CONSTANTS)
    pool = [_hashmix(word, next(consts)) for word in entropy]
    for i_src in range(_POOL):
        for i_dst in range(_POOL):
            if i_src != i_dst:
                pool[i_dst] = _mix(pool[i_dst], _hashmix(pool[i_src], next(consts)))
    # generate_state: the pool read cyclically, each word hashed with the next constant.
    words = np.stack([_hashmix(pool[i % _POOL], c) for i, c in enumerate(_STATE_CONSTANTS)], axis=1)
    return np.ascontiguousarray(words.astype("<u4")).view("<u8").astype(np.uint64)


class _Seeded(ISeedSequence):
    """A seed sequence that gives PCG64 state words already generated (:func:`seed_states`)."""

    def __init__(self, words: np.ndarray) -> None:
        self.words = words

    def generate_state(self, n_words: int, dtype: Any = np.uint32) -> npt.NDArray[np.uint64]:
        if n_words != len(self.words) or np.dtype(dtype) != np.uint64:
            raise ValueError("a stream's state words are four 64-bit words, for PCG64")
        return self.words


def generator(name: str, seed: int, words: np.ndarray | None) -> np.random.Generator:
    """The stream ``default_rng([seed, crc32(name)])``, from its row of :func:`seed_states` when there is one."""
    if words is None:
        return np.random.default_rng([int(seed), zlib.crc32(name.encode("utf-8"))])
    # The stubs name SeedSequence; PCG64 takes any ISeedSequence (numpy/random/bit_generator.pyx).
    return np.random.Generator(np.random.PCG64(_Seeded(words)))  # type: ignore[arg-type]
