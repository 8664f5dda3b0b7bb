"""Time today's code beside a reference commit, interleaved, in the same run (not a test).

The benchmark scripts (``bench_model.py``, ``bench_uncertainty.py``) time the
model of this checkout and of a reference commit (``git archive`` of it into a
temporary folder) in two long-lived child processes, one per checkout. The
parent asks them in turn for a few calls of one case at a time, alternating
which goes first, so both see the same machine load over the whole run; it
prints both medians and their ratio.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The commit before issue 9 (main after the issue-8 restructure).
DEFAULT_REFERENCE = "2e3c698"
#: A case a child can time: (the call, calls per turn).
Case = tuple[Callable[[], object], int]


@contextmanager
def checkout(rev: str) -> Iterator[Path]:
    """A temporary copy of the repository at *rev* (``git archive``), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="bench-ref-") as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        yield Path(tmp)


class Worker:
    """A child process timing the model of one checkout, case by case, on request."""

    def __init__(self, script: Path, code_dir: Path, args: Sequence[str], env: dict | None = None) -> None:
        environment = {**os.environ, **(env or {}), "PYTHONPATH": str(code_dir)}
        self.proc = subprocess.Popen(
            [sys.executable, str(script), "--child", str(code_dir), *args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=environment, cwd=code_dir,
        )
        self.cases: list[str] = json.loads(self._read())

    def _read(self) -> str:
        line = self.proc.stdout.readline()  # type: ignore[union-attr]
        if not line:
            raise RuntimeError(f"the benchmark child stopped (exit code {self.proc.wait()})")
        return line

    def time(self, case: str) -> list[float]:
        """Wall times [ms] of one turn of *case*."""
        self.proc.stdin.write(case + "\n")  # type: ignore[union-attr]
        self.proc.stdin.flush()  # type: ignore[union-attr]
        return json.loads(self._read())

    def close(self) -> None:
        self.proc.stdin.close()  # type: ignore[union-attr]
        self.proc.wait()


def compare(
    script: Path, args: Sequence[str], rounds: int, reference: str, env: dict | None = None
) -> dict[str, dict[str, list[float]]]:
    """Timings of today's code and of *reference*: *rounds* turns of every case each, interleaved."""
    out: dict[str, dict[str, list[float]]] = {"reference": {}, "today": {}}
    with checkout(reference) as ref_dir:
        workers = {"reference": Worker(script, ref_dir, args, env), "today": Worker(script, ROOT, args, env)}
        try:
            for i in range(rounds):
                for case in workers["today"].cases:
                    order = ("reference", "today") if i % 2 == 0 else ("today", "reference")
                    for label in order:
                        if case in workers[label].cases:
                            out[label].setdefault(case, []).extend(workers[label].time(case))
        finally:
            for w in workers.values():
                w.close()
    return out


def report(results: dict[str, dict[str, list[float]]], reference: str, limit: float = 1.2) -> None:
    """Print each case's median for the reference and today, and today ÷ reference."""
    for case, today in results["today"].items():
        ref = results["reference"].get(case)
        now = statistics.median(today)
        if not ref:
            print(f"{case}: today {now:.2f} ms (n={len(today)}); not in the reference")
            continue
        before = statistics.median(ref)
        ratio = now / before
        verdict = "within" if ratio <= limit else "ABOVE"
        print(
            f"{case}: {reference} {before:.2f} ms, today {now:.2f} ms (medians, n={len(today)}), "
            f"ratio {ratio:.2f} ({verdict} {limit:.2f})",
            flush=True,
        )


def child_main(argv: Sequence[str], cases: Callable[[object, list[str]], dict[str, Case]]) -> bool:
    """In a child (``--child DIR ...``): import the model of DIR, then time cases as the parent asks."""
    if not argv or argv[0] != "--child":
        return False
    sys.path.insert(0, argv[1])
    import model  # the model of the checkout being timed (DIR is first on the path)

    # Wall time by default; CPU time of this process with BENCH_CLOCK=cpu (a loaded machine's other work
    # then counts less: what is left is this process's own work, caches and memory shared with the others).
    clock = time.process_time if os.environ.get("BENCH_CLOCK") == "cpu" else time.perf_counter
    table = cases(model, list(argv[2:]))
    for fn, _ in table.values():  # warm up every case once
        fn()
    print(json.dumps(list(table)), flush=True)
    for line in sys.stdin:
        fn, calls = table[line.strip()]
        times = []
        for _ in range(calls):
            start = clock()
            fn()
            times.append((clock() - start) * 1000)
        print(json.dumps(times), flush=True)
    return True
