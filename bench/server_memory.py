"""Memory of a server and its child processes, sampled in the background (Linux /proc).

Two figures: the resident set (RSS) of the server's own process, and the
proportional set size (PSS) summed over the server and its children (worker
processes share most of their pages with their parent; RSS would count those
pages once per process, PSS shares them out).
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path


def _parents() -> dict[int, int]:
    """Every process's parent: pid -> ppid (from /proc/<pid>/stat)."""
    out = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
            out[int(stat.parent.name)] = int(text[text.rindex(")") + 2 :].split()[1])
        except (OSError, ValueError, IndexError):
            pass
    return out


def _tree(pids: list[int]) -> set[int]:
    parents = _parents()
    tree, todo = set(), [p for p in pids if p in parents]
    while todo:
        pid = todo.pop()
        tree.add(pid)
        todo += [c for c, parent in parents.items() if parent == pid and c not in tree]
    return tree


def _kb(path: str, field: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass  # gone meanwhile
    return 0


def cpu_seconds(pids: list[int]) -> float:
    """CPU time of *pids* and their descendants, with the reaped children's (user + system) [s]."""
    total = 0.0
    for pid in _tree(pids):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    return total


def rss_bytes(pids: list[int]) -> int:
    """Resident memory of *pids* themselves [bytes]."""
    return sum(_kb(f"/proc/{pid}/status", "VmRSS") for pid in pids)


def tree_pss_bytes(pids: list[int]) -> int:
    """Proportional memory of *pids* and all their descendants [bytes] (0 for a process that is gone)."""
    return sum(_kb(f"/proc/{pid}/smaps_rollup", "Pss") for pid in _tree(pids))


class RssSampler:
    """Samples the servers' memory every *interval_s* on a thread and keeps the peaks."""

    def __init__(self, pids: list[int], interval_s: float = 0.2) -> None:
        self.pids = pids
        self.interval_s = interval_s
        self.peak_rss = self.peak_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def now(self) -> tuple[int, int]:
        """(RSS of the server processes, PSS of them and their children) [bytes]."""
        rss, pss = rss_bytes(self.pids), tree_pss_bytes(self.pids)
        self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
        return rss, pss

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            self.now()

    def __enter__(self) -> RssSampler:
        self.now()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def settle(self, seconds: float) -> tuple[int, int]:
        """Wait *seconds* (sampling on) and return the memory then."""
        time.sleep(seconds)
        return self.now()


def mb(n: int) -> str:
    return f"{n / 1e6:,.0f} MB".replace(",", " ")


def both(m: tuple[int, int]) -> str:
    """'RSS x MB (with workers, PSS y MB)'."""
    return f"{mb(m[0])} (with children, PSS {mb(m[1])})"
