"""Keep freed memory in the server process (glibc), so Monte Carlo reruns do not page-fault.

A 1 000-draw uncertainty run allocates ~150 MB of short-lived arrays. By
default glibc returns that memory to the system after every run and the next
run pays ~10 000 page faults for it (~35 ms of ~110 ms, bench/bench_uncertainty.py).
Raising the mmap and trim thresholds keeps it in the process: 1 000 draws then
take ~80 ms. The cost is that the server keeps its peak memory (a few hundred
MB). Setting only the trim threshold would switch off glibc's adaptive mmap
threshold and make things worse, so both are set together.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3


@cache  # find_library may run ldconfig: once per process, not once per rerun
def keep_freed_memory() -> bool:
    """Tune glibc's allocator for this process; False where there is no glibc (nothing changes)."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        ok_mmap = libc.mallopt(M_MMAP_THRESHOLD, 32 << 20)
        ok_trim = libc.mallopt(M_TRIM_THRESHOLD, 1 << 30)
    except (OSError, AttributeError):
        return False
    return bool(ok_mmap and ok_trim)
