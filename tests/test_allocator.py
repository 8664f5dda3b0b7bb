"""The server's allocator tuning is applied once and reports whether glibc took it."""

import sys

import pytest

from ui import allocator


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt exists on Linux only")
def test_glibc_accepts_the_thresholds():
    assert allocator.keep_freed_memory() is True
    assert allocator.keep_freed_memory.cache_info().currsize == 1
